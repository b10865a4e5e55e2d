import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1006',
  name: 'missing-value',
  levels: levels('E'),
  summary: 'A required argument of a directive is missing (AddService without its install section, KmdfService without its section)',
  fix: 'Supply the missing argument',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const s of ctx.model.services) {
      const nullDriver = s.name === '' && s.flags !== undefined && (s.flags & 2) !== 0;
      if (!nullDriver && s.name !== '' && (s.entry.fields[2] ?? '').trim() === '') {
        ctx.report({ ...atEntry(s.entry), message: `Missing service-install-section for AddService ${s.name}` });
      }
    }
    for (const entry of [...ctx.model.directives('kmdfservice'), ...ctx.model.directives('umdfservice')]) {
      if ((entry.fields[0] ?? '').trim() === '') ctx.report({ ...atEntry(entry), message: `Missing service name for ${entry.rawKey}` });
      else if ((entry.fields[1] ?? '').trim() === '') ctx.report({ ...atEntry(entry), message: `Missing install section for ${entry.rawKey}` });
    }
  },
});

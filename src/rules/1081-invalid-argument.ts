import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { isIntField } from './lib/numbers.js';

export default defineRule<InfRuleContext>({
  id: '1081',
  name: 'invalid-argument',
  levels: levels('E'),
  summary: 'A numeric directive argument (AddService flags, copy flags, DestinationDirs DIRID) is not a number',
  fix: 'Write the value as a decimal or 0x hexadecimal number',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const s of ctx.model.services) {
      const flags = s.entry.fields[1];
      if (flags !== undefined && !isIntField(flags)) ctx.report({ ...atField(s.entry, 1), message: `Invalid flags "${flags.trim()}" for AddService ${s.name}` });
    }
    for (const copy of ctx.model.copies) {
      const flags = copy.list ? copy.entry.fields[3] : undefined;
      if (flags !== undefined && !isIntField(flags)) ctx.report({ ...atField(copy.entry, 3), message: `Invalid copy flags "${flags.trim()}" for ${copy.dest}` });
    }
    for (const entry of ctx.doc.section('DestinationDirs')?.entries ?? []) {
      const dirid = entry.fields[0];
      if (entry.hasEquals && dirid !== undefined && (dirid.trim() === '' || !isIntField(dirid))) {
        ctx.report({ ...atField(entry, 0), message: `Invalid DIRID "${dirid.trim()}" for ${entry.key}; a DIRID is a number (write 11, not %11%)` });
      }
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1250',
  name: 'invalid-eventlogtype',
  levels: levels('E'),
  summary: 'AddService gives an EventLogType other than System, Application or Security',
  fix: 'Use System, Application or Security (or leave it empty for System)',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const s of ctx.model.services) {
      const type = (s.entry.fields[4] ?? '').trim();
      if (type !== '' && !/^(system|application|security)$/i.test(type))
        ctx.report({ ...atField(s.entry, 4), message: `Invalid EventLogType '${type}', expecting 'System', 'Application', or 'Security'.` });
    }
  },
});

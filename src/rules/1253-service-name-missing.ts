import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1253',
  name: 'service-name-missing',
  levels: levels('E'),
  summary: 'AddService or DelService has no service name (only "AddService = ,2" for a null driver may omit it)',
  fix: 'Name the service, or write AddService = ,2 for a device that needs no driver',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const s of ctx.model.services) {
      if (s.name === '' && (s.flags === undefined || (s.flags & 2) === 0))
        ctx.report({ ...atEntry(s.entry), message: 'Skipping AddService without a service name (a null driver is written AddService = ,2)' });
    }
    for (const entry of ctx.model.directives('delservice')) {
      if ((entry.fields[0] ?? '').trim() === '') ctx.report({ ...atEntry(entry), message: 'Skipping DelService without a service name' });
    }
  },
});

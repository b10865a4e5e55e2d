import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';

export default defineRule<InfRuleContext>({
  id: '2006',
  name: 'undefined-service-section',
  levels: levels('E'),
  summary: 'AddService names a service-install section that does not exist',
  fix: 'Add the service-install section (ServiceType, StartType, ErrorControl, ServiceBinary) or fix its name',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const s of ctx.model.services) {
      const name = (s.entry.fields[2] ?? '').trim();
      if (name !== '' && !s.section) ctx.report({ ...atField(s.entry, 2), message: `Undefined service install section [${name}] for service ${s.name}` });
    }
  },
});

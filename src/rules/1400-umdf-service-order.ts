import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1400',
  name: 'umdf-service-order',
  levels: levels('E'),
  summary: 'A UMDF service is not listed in UmdfServiceOrder of its .Wdf section',
  fix: 'Add UmdfServiceOrder = <service> to the .Wdf section',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const section of ctx.model.installSections) {
      if (!/\.wdf$/i.test(section.name)) continue;
      const order = new Set(section.findAll('UmdfServiceOrder').flatMap((e) => e.fields.map((f) => f.trim().toLowerCase())));
      for (const entry of section.findAll('UmdfService')) {
        const name = (entry.fields[0] ?? '').trim();
        if (name !== '' && !order.has(name.toLowerCase()))
          ctx.report({ ...atEntry(entry), message: `UMDF service ${name} is not listed in UmdfServiceOrder in [${section.name}]` });
      }
    }
  },
});

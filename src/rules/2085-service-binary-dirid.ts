import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { startsWithDirid } from './lib/service.js';

export default defineRule<InfRuleContext>({
  id: '2085',
  name: 'service-binary-dirid',
  levels: levels('E'),
  summary: 'ServiceBinary is not a path under a DIRID (e.g. %13%\\driver.sys)',
  fix: 'Write ServiceBinary = %13%\\driver.sys',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const section of ctx.model.serviceSections) {
      const entry = section.find('ServiceBinary');
      const raw = entry?.rawFields[0] ?? '';
      if (entry && raw.trim() !== '' && !startsWithDirid(raw) && !startsWithDirid(entry.fields[0] ?? '')) {
        ctx.report({ ...atField(entry, 0), message: `Service binary '${raw.trim()}' should be specified as a path under a DIRID.` });
      }
    }
  },
});

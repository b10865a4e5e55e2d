import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { parseIntField } from './lib/numbers.js';

export default defineRule<InfRuleContext>({
  id: '1252',
  name: 'conflicting-service-settings',
  levels: levels('W'),
  summary: 'A Win32 service (ServiceType 0x10/0x20) has a boot or system StartType (0 or 1), which only drivers can use',
  fix: 'Use StartType 2 or 3 for a Win32 service, or ServiceType 1 for a kernel driver',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const section of ctx.model.serviceSections) {
      const type = parseIntField(section.value('ServiceType'));
      const startEntry = section.find('StartType');
      const start = parseIntField(startEntry?.fields[0]);
      if (startEntry && type !== undefined && start !== undefined && (start === 0 || start === 1) && (type & 0x3) === 0) {
        ctx.report({
          ...atField(startEntry, 0),
          message: `Cannot add service with ServiceType 0x${type.toString(16)} and StartType ${start}: only drivers start at boot or system time`,
        });
      }
    }
  },
});

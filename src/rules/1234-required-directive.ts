import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField, atSection } from './context.js';
import { isIntField } from './lib/numbers.js';

const REQUIRED = ['ServiceType', 'StartType', 'ErrorControl', 'ServiceBinary'];
const NUMERIC = new Set(['servicetype', 'starttype', 'errorcontrol']);

export default defineRule<InfRuleContext>({
  id: '1234',
  name: 'required-directive',
  levels: levels('E'),
  summary: 'A service-install section lacks ServiceType, StartType, ErrorControl or ServiceBinary, or gives one an invalid value',
  fix: 'Give the service-install section ServiceType, StartType, ErrorControl and ServiceBinary',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const section of ctx.model.serviceSections) {
      for (const name of REQUIRED) {
        const entry = section.find(name);
        if (!entry || (entry.fields[0] ?? '').trim() === '') {
          ctx.report({ ...(entry ? atField(entry, 0) : atSection(section)), message: `Required directive ${name} missing, empty, or invalid in [${section.name}] section.` });
        } else if (NUMERIC.has(name.toLowerCase()) && !isIntField(entry.fields[0])) {
          ctx.report({ ...atField(entry, 0), message: `Required directive ${name} missing, empty, or invalid in [${section.name}] section.` });
        }
      }
    }
  },
});

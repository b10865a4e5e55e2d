import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { RESERVED_CLASSES } from './lib/classes.js';

export default defineRule<InfRuleContext>({
  id: '1284',
  name: 'reserved-class',
  levels: levels('E'),
  summary: 'The setup class is reserved for Microsoft (the driver samples\' "Sample" class)',
  fix: 'Use the Microsoft-defined class that fits the device, or define your own class and GUID',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const entry = ctx.model.version?.find('Class');
    const name = entry?.fields[0]?.trim();
    if (entry && name && RESERVED_CLASSES.has(name.toLowerCase())) {
      ctx.report({ ...atField(entry, 0), message: `Class "${name}" is reserved for use by Microsoft.` });
    }
  },
});

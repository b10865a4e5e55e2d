import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1286',
  name: 'class-name-too-long',
  levels: levels('E'),
  summary: 'The Class name is longer than 31 characters',
  fix: 'Shorten the class name to at most 31 characters',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const entry = ctx.model.version?.find('Class');
    const name = entry?.fields[0]?.trim() ?? '';
    if (entry && name.length > 31) ctx.report({ ...atField(entry, 0), message: `Class name "${name}" is ${name.length} characters long; the limit is 31` });
  },
});

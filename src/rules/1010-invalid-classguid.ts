import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { isGuid } from './lib/guid.js';

export default defineRule<InfRuleContext>({
  id: '1010',
  name: 'invalid-classguid',
  levels: levels('E'),
  summary: 'ClassGuid is not a GUID of the form {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}',
  fix: 'Write the class GUID with braces and 8-4-4-4-12 hex digits',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const entry of ctx.model.version?.findAll('ClassGuid') ?? []) {
      const value = entry.fields[0] ?? '';
      if (!isGuid(value)) ctx.report({ ...atField(entry, 0), message: `Invalid ClassGuid "${value}", expecting {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}.` });
    }
  },
});

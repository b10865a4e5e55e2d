import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1309', name: 'legacy-registry-delete', levels: modeLevels('W/E/E'),
  summary: 'DelReg, BitReg, DelProperty or DelService is used (legacy operation)',
  fix: 'Remove the delete; a new package version replaces the old state',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const entries = ['delreg', 'bitreg', 'delproperty', 'delservice'].flatMap((k) => [...ctx.model.directives(k)]).sort((a, b) => a.line - b.line);
    for (const entry of entries) ctx.report({ ...atEntry(entry), message: `Found legacy operation ${entry.rawKey}` });
  },
});

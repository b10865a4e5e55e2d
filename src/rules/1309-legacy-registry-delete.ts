import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1309', name: 'legacy-registry-delete', levels: modeLevels('W/E/E'),
  summary: 'DelReg, BitReg, DelProperty or DelService is used (legacy operation)',
  fix: 'Remove the delete; a new package version replaces the old state',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const section of ctx.doc.sections) {
      if (!ctx.model.installLike.has(section.name.toLowerCase())) continue;
      for (const entry of section.entries) {
        if (entry.hasEquals && /^(delreg|bitreg|delproperty|delservice)$/i.test(entry.key ?? '')) ctx.report({ ...atEntry(entry), message: `Found legacy operation ${entry.rawKey}` });
      }
    }
  },
});

import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1308', name: 'legacy-file-delete', levels: modeLevels('W/E/E'),
  summary: 'DelFiles or RenFiles is used (legacy operation)',
  fix: 'Remove DelFiles/RenFiles; the driver store keeps each package\'s files apart',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const entries = ['delfiles', 'renfiles'].flatMap((k) => [...ctx.model.directives(k)]).sort((a, b) => a.line - b.line);
    for (const entry of entries) ctx.report({ ...atEntry(entry), message: `Found legacy operation ${entry.rawKey}` });
  },
});

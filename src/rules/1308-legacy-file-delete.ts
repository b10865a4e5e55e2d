import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import { inUninstall } from './lib/uninstall.js';

const KEYS = ['delfiles', 'renfiles'];

export default defineRule<InfRuleContext>({
  id: '1308',
  name: 'legacy-file-delete',
  levels: modeLevels('W/E/E'),
  summary: 'DelFiles or RenFiles is used (legacy operation)',
  fix: "Remove DelFiles/RenFiles; the driver store keeps each package's files apart",
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    // Reports are sorted by line at the end: the lists need no merging here.
    for (const key of KEYS)
      for (const entry of ctx.model.directives(key)) if (!inUninstall(entry)) ctx.report({ ...atEntry(entry), message: `Found legacy ${entry.rawKey} operation.` });
  },
});

import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

const LEGACY = new Set(['logconfig', 'profileitems', 'updateinis', 'updateinifields', 'ini2reg', 'registerdlls', 'unregisterdlls']);

export default defineRule<InfRuleContext>({
  id: '1301',
  name: 'legacy-directive',
  levels: modeLevels('E'),
  summary: 'A legacy directive is used (LogConfig, ProfileItems, UpdateInis, UpdateIniFields, Ini2Reg, RegisterDlls, UnregisterDlls)',
  fix: 'Remove the directive',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    // Reports are sorted by line at the end: the lists need no merging here.
    for (const key of LEGACY) for (const entry of ctx.model.directives(key)) ctx.report({ ...atEntry(entry), message: `Found legacy ${entry.rawKey} operation.` });
  },
});

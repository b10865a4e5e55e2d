import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import { inUninstall } from './lib/uninstall.js';

const KEYS = ['delreg', 'bitreg', 'delproperty', 'delservice'];

export default defineRule<InfRuleContext>({
  id: '1309',
  name: 'legacy-registry-delete',
  levels: modeLevels('W/E/E'),
  summary: 'DelReg, BitReg, DelProperty or DelService is used (legacy operation)',
  fix: 'Remove the delete; a new package version replaces the old state',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    // Reports are sorted by line at the end: the lists need no merging here.
    for (const key of KEYS)
      for (const entry of ctx.model.directives(key))
        if (!inUninstall(entry)) ctx.report({ ...atEntry(entry), message: `Found legacy ${entry.rawKey} operation for '${entry.fields[0]?.trim() ?? ''}'.` });
  },
});

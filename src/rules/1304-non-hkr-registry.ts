import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { REG_ROOTS, registryLines } from './lib/registry.js';

export default defineRule<InfRuleContext>({
  id: '1304',
  name: 'non-hkr-registry',
  levels: modeLevels('W/E/-'),
  summary: 'A registry operation uses an absolute root (HKLM, HKCR...) instead of HKR (legacy operation)',
  fix: 'Write under HKR, or use a software component for global settings',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (REG_ROOTS.has(r.root) && r.root !== 'hkr')
        ctx.report({
          ...atField(r.entry, 0),
          message: `Found legacy ${r.ref.kind === 'delreg' ? 'DelReg' : r.ref.kind === 'bitreg' ? 'BitReg' : 'AddReg'} operation using non-relative key (${r.root.toUpperCase()}\\${r.subkey}).`,
        });
    }
  },
});

import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { REG_ROOTS, registryLines } from './lib/registry.js';
import { hAllowsRegistry } from './lib/h-registry.js';

export default defineRule<InfRuleContext>({
  id: '1320',
  name: 'registry-key-not-hkr',
  levels: modeLevels('-/-/E'),
  summary: 'Driver isolation: a registry key is written outside HKR',
  fix: 'Write the key under HKR (device or service keys)',
  docsUrl: INFVERIF_DOCS,
  // /h: the WHQL rule set's exceptions (lib/h-registry.ts) are not reported.
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (REG_ROOTS.has(r.root) && r.root !== 'hkr' && r.valueName === '' && !(ctx.mode === 'h' && hAllowsRegistry(r.root, r.subkey)))
        ctx.report({ ...atField(r.entry, 0), message: `Registry root '${r.root.toUpperCase()}\\${r.subkey}' is not isolated to HKR.` });
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { registryLines } from './lib/registry.js';

export default defineRule<InfRuleContext>({
  id: '1257',
  name: 'hardcoded-windows-path',
  levels: levels('E'),
  summary: 'Registry data hard-codes the Windows directory (C:\\Windows)',
  fix: 'Use %SystemRoot% in REG_EXPAND_SZ data (written %%SystemRoot%% in the INF)',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      // The text as written: %11%\x.dll expands to C:\Windows but is the right way to name it.
      r.rawData.forEach((d, i) => {
        if (/\b[a-z]:\\windows(\\|$)/i.test(d)) ctx.report({ ...atField(r.entry, 4 + i), message: `Registry data "${d.trim()}" hard-codes the Windows directory` });
      });
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { REG_ROOTS, registryLines } from './lib/registry.js';

export default defineRule<InfRuleContext>({
  id: '1224',
  name: 'invalid-registry-root',
  levels: levels('E'),
  summary: 'A registry line starts with an unknown root (not HKCR, HKCU, HKLM, HKU or HKR)',
  fix: 'Start the line with HKR (or HKLM/HKCR/HKCU/HKU)',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (!REG_ROOTS.has(r.root)) ctx.report({ ...atField(r.entry, 0), message: `Invalid registry root "${r.entry.fields[0]?.trim() ?? ''}".` });
    }
  },
});

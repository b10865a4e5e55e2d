import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { registryLines } from './lib/registry.js';

const MULTI_SZ_VALUES = new Set(['upperfilters', 'lowerfilters']);

export default defineRule<InfRuleContext>({
  id: '1225',
  name: 'wrong-registry-type',
  levels: levels('E'),
  summary: 'A well-known registry value (UpperFilters, LowerFilters) is written with the wrong type',
  fix: 'Write UpperFilters/LowerFilters as REG_MULTI_SZ (flags 0x00010000, or 0x00010008 to append)',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (r.ref.kind !== 'registry' || !MULTI_SZ_VALUES.has(r.valueName.toLowerCase()) || r.flags === undefined) continue;
      if ((r.flags & 0xffff0001) >>> 0 !== 0x00010000)
        ctx.report({ ...atField(r.entry, 3), message: `Registry value ${r.valueName} must be REG_MULTI_SZ (flags 0x${r.flags.toString(16)})` });
    }
  },
});

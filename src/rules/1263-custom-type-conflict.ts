import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { registryLines } from './lib/registry.js';

export default defineRule<InfRuleContext>({
  id: '1263',
  name: 'custom-type-conflict',
  levels: levels('E'),
  summary: 'An AddReg custom type (0xTTTT0001) names REG_MULTI_SZ (7), which has its own flag',
  fix: 'Use FLG_ADDREG_TYPE_MULTI_SZ (0x00010000) for REG_MULTI_SZ',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (r.ref.kind !== 'registry' || r.flags === undefined) continue;
      if ((r.flags & 1) !== 0 && ((r.flags >>> 16) & 0xffff) === 7)
        ctx.report({ ...atField(r.entry, 3), message: `Invalid AddReg flags 0x${r.flags.toString(16)}: custom type 7 conflicts with FLG_ADDREG_TYPE_MULTI_SZ` });
    }
  },
});

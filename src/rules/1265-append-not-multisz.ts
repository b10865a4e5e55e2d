import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { registryLines } from './lib/registry.js';

export default defineRule<InfRuleContext>({
  id: '1265',
  name: 'append-not-multisz',
  levels: levels('E'),
  summary: 'FLG_ADDREG_APPEND (0x8) is used without FLG_ADDREG_TYPE_MULTI_SZ',
  fix: 'Use 0x00010008 to append to a REG_MULTI_SZ value',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (r.ref.kind !== 'registry' || r.flags === undefined || (r.flags & 8) === 0) continue;
      if ((r.flags & 0xffff0001) >>> 0 !== 0x00010000)
        ctx.report({ ...atField(r.entry, 3), message: `Invalid AddReg flags 0x${r.flags.toString(16)}: append (0x8) needs REG_MULTI_SZ` });
    }
  },
});

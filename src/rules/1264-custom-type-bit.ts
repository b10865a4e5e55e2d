import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { registryLines } from './lib/registry.js';

export default defineRule<InfRuleContext>({
  id: '1264',
  name: 'custom-type-bit',
  levels: levels('E'),
  summary: 'An AddReg custom registry type (0xTTTT....) lacks the FLG_ADDREG_BINVALUETYPE (0x1) bit',
  fix: 'Write the flags as 0xTTTT0001',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (r.ref.kind !== 'registry' || r.flags === undefined) continue;
      const type = (r.flags >>> 16) & 0xffff;
      if ((r.flags & 1) === 0 && type > 2) ctx.report({ ...atField(r.entry, 3), message: `Invalid AddReg flags 0x${r.flags.toString(16)}: a custom type needs the 0x1 bit` });
    }
  },
});

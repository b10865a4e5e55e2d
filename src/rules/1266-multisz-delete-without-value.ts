import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import { registryLines } from './lib/registry.js';

export default defineRule<InfRuleContext>({
  id: '1266',
  name: 'multisz-delete-without-value',
  levels: levels('E'),
  summary: 'DelReg FLG_DELREG_MULTI_SZ_DELSTRING (0x00018002) has no string to delete',
  fix: 'Give the string to remove as the fifth field',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (r.ref.kind !== 'delreg' || r.flags !== 0x00018002) continue;
      if (r.data.every((d) => d.trim() === '')) ctx.report({ ...atEntry(r.entry), message: 'Multi-string delete (0x00018002) without a value to delete' });
    }
  },
});

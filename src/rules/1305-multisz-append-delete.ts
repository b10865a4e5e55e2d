import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { registryLines } from './lib/registry.js';

export default defineRule<InfRuleContext>({
  id: '1305',
  name: 'multisz-append-delete',
  levels: modeLevels('W/E/E'),
  summary: 'AddReg appends to (0x00010008) or DelReg deletes from (0x00018002) a multi-string value (legacy operation)',
  fix: 'Write the whole REG_MULTI_SZ value instead of editing it',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (r.flags === undefined) continue;
      const append = r.ref.kind === 'registry' && (r.flags & 8) !== 0;
      const del = r.ref.kind === 'delreg' && r.flags === 0x00018002;
      if (append || del)
        ctx.report({
          ...atField(r.entry, 3),
          message: `Found legacy ${r.ref.kind === 'delreg' ? 'DelReg' : r.ref.kind === 'bitreg' ? 'BitReg' : 'AddReg'} operation using appendable multi-sz value (${r.subkey}\\${r.valueName}).`,
        });
    }
  },
});

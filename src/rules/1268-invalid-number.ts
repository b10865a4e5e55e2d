import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { registryLines } from './lib/registry.js';
import { isIntField } from './lib/numbers.js';

export default defineRule<InfRuleContext>({
  id: '1268',
  name: 'invalid-number',
  levels: levels('E'),
  summary: 'A REG_DWORD/REG_QWORD AddReg value is not a number',
  fix: 'Write the value as decimal or 0x hex',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (r.ref.kind !== 'registry' || (r.flags !== 0x00010001 && r.flags !== 0x000b0001) || r.data.length !== 1) continue;
      const v = r.data[0]!;
      if (v.trim() !== '' && !isIntField(v)) ctx.report({ ...atField(r.entry, 4), message: `Invalid number "${v.trim()}" for registry value ${r.valueName}` });
    }
  },
});

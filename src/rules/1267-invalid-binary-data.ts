import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { registryLines } from './lib/registry.js';

const BYTE = /^(0x)?[0-9a-f]{1,2}$/i;

export default defineRule<InfRuleContext>({
  id: '1267',
  name: 'invalid-binary-data',
  levels: levels('E'),
  summary: 'AddReg binary data has a field that is not one hex byte',
  fix: 'Write binary data as hex bytes: HKR,,Value,1,01,AB,FF',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (r.ref.kind !== 'registry' || r.flags === undefined || (r.flags & 1) === 0) continue;
      const type = (r.flags >>> 16) & 0xffff;
      const numeric = type === 1 || type === 0xb; // DWORD / QWORD: one number or bytes
      if (numeric && r.data.length <= 1) continue;
      r.data.forEach((d, i) => {
        if (d.trim() !== '' && !BYTE.test(d.trim())) ctx.report({ ...atField(r.entry, 4 + i), message: `Invalid binary byte "${d.trim()}" in AddReg data` });
      });
    }
  },
});

import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import { registryLines } from './lib/registry.js';

export default defineRule<InfRuleContext>({
  id: '1303', name: 'coinstaller-addreg', levels: modeLevels('E'),
  summary: 'AddReg registers a co-installer or class installer (legacy operation)',
  fix: 'Remove the co-installer; use a software component or a driver-only install',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (r.ref.kind !== 'registry') continue;
      if (/^(coinstallers32|installer32)$/i.test(r.valueName) || /codeviceinstallers/i.test(r.subkey)) {
        ctx.report({ ...atEntry(r.entry), message: `Found legacy operation: AddReg defining co-installers (${r.valueName || r.subkey})` });
      }
    }
  },
});

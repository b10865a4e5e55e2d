import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntryAsKit } from './context.js';
import { registryLines } from './lib/registry.js';
import { namesFrameworkCoinstallerToken } from './lib/framework-coinstaller.js';

/** The KMDF co-installer ("WdfCoInstaller01011.dll,WdfCoInstaller", or the INX token form). */
const WDF_COINSTALLER = /^\s*"?\s*wdfcoinstaller(\d{5}|\$kmdfcoinstallerversion\$)\.dll\s*,\s*wdfcoinstaller\s*"?\s*$/i;

export default defineRule<InfRuleContext>({
  id: '1303',
  name: 'coinstaller-addreg',
  levels: modeLevels('E'),
  summary: 'AddReg registers a co-installer or class installer (legacy operation)',
  fix: 'Remove the co-installer; use a software component or a driver-only install',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (r.ref.kind !== 'registry') continue;
      if (!/^(coinstallers32|installer32)$/i.test(r.valueName) && !/codeviceinstallers/i.test(r.subkey)) continue;
      // The KMDF co-installer alone is what WDF's own templates write: InfVerif's /u and /k
      // builds do not fail on it (Windows-driver-samples#133, #160; SigalHu/PCIEDriver#2 list
      // only 1209 for INFs that carry it). Driver isolation (/w, and /h, which applies the
      // isolation rules) allows no co-installer at all.
      const data = r.data;
      // A build input: the build's stampinf -x removes the line (lib/framework-coinstaller.ts).
      if (ctx.options.restamped && data.length > 0 && data.every((d) => namesFrameworkCoinstallerToken(d))) continue;
      if (ctx.mode !== 'w' && ctx.mode !== 'h' && data.length > 0 && data.every((d) => WDF_COINSTALLER.test(d))) continue;
      // "Found legacy AddReg operation defining co-installers (CoInstallers32)." (Windows-driver-samples#936).
      ctx.report({ ...atEntryAsKit(ctx, r.entry), message: `Found legacy AddReg operation defining co-installers (${r.valueName || r.subkey}).` });
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import type { InfRuleContext } from './context.js';
import { legacyPatternReports } from './lib/legacy-pattern.js';

export default defineRule<InfRuleContext>({
  // Undocumented; printed by 22621-era kits (kits.ts limits it to 10.0.22621):
  // "ERROR(2086) in ...\windows-drivertemplate-nfc.inf, line 33: Replaced legacy pattern in section
  // 'WUDFRD_ServiceInstall' using 'wudfrd_include_needs' to follow best practices." from
  // 'infverif /v /w' (Windows-driver-samples#808, December 2022). Its 24H2 successor, 2092, has the
  // same wording and is an error in /w only, not reported in /k and /u: wdksim gives 2086 those levels.
  id: '2086',
  name: 'legacy-pattern-wudfrd',
  levels: levels('-/-/E'),
  summary: 'A device INF installs the UMDF reflector (WUDFRd.sys) with its own AddService instead of Include/Needs of wudfrd.inf',
  fix: 'Remove the AddService of WUDFRd and its service-install section; write Include=wudfrd.inf with Needs=WUDFRD.NT, WUDFRD.NT.HW and WUDFRD.NT.Services in the matching DDInstall sections',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const reports = legacyPatternReports(ctx, 'wudfrd.sys', (section) => `Replaced legacy pattern in section '${section}' using 'wudfrd_include_needs' to follow best practices.`);
    for (const r of reports) ctx.report(r);
  },
});

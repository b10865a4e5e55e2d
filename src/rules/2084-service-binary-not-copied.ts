import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField, atSection } from './context.js';
import { serviceBinaryFile } from './lib/service.js';
import { diridPath } from '../inf/dirids.js';
import { legacyPatternReports } from './lib/legacy-pattern.js';

/** %12%\UMDF\x.dll → C:\Windows\System32\drivers\UMDF\x.dll, as InfVerif prints the binary. */
function resolved(value: string): string {
  const m = /^\s*%(-?\d+)%(.*)$/.exec(value);
  const base = m ? diridPath(Number(m[1])) : undefined;
  const path = base ? `${base}${m![2]!.trim()}` : value.trim();
  const ext = /\.(sys|exe|dll)\b/i.exec(path);
  return ext ? path.slice(0, ext.index + ext[0].length) : path;
}

export default defineRule<InfRuleContext>({
  // The 24H2 meaning (10.0.26100 on; kits.ts turns it off for older kits, where 2084 meant
  // something else). No inbox binary is exempt: the reflector WUDFRd.sys named by AddService is
  // reported too ("Service binary 'C:\windows\System32\drivers\WUDFRd.sys' should reference a
  // CopyFiles destination file.", roshkins/IddSampleDriver#53); Include/Needs of wudfrd.inf is the fix.
  id: '2084',
  name: 'service-binary-not-copied',
  levels: levels('W/W/E'),
  summary: 'ServiceBinary names a file that no CopyFiles in the INF copies',
  fix: 'Copy the service binary with CopyFiles, or point ServiceBinary at the copied file; for WUDFRd.sys use Include=wudfrd.inf, Needs=WUDFRD.NT(.Services) instead of AddService',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    // 22621-era kits used 2084 for the umpass legacy-pattern notice (kits.ts: its name, levels and
    // wording there): "ERROR(2084) in file.inf, line 42: Replaced legacy pattern in section
    // 'UMPassService_Install' using 'umpass_include_needs'." (windows-driver-docs#3398, /k).
    if (ctx.kit.build < 26100) {
      const reports = legacyPatternReports(ctx, 'umpass.sys', (section) => `Replaced legacy pattern in section '${section}' using 'umpass_include_needs'.`);
      for (const r of reports) ctx.report(r);
      return;
    }
    const { model, doc } = ctx;
    const copied = new Set(model.copies.map((c) => c.dest.toLowerCase()));
    const done = new Set<string>();
    for (const use of model.services) {
      const section = use.section;
      const entry = section?.find('ServiceBinary');
      if (!section || !entry) continue;
      const value = entry.fields[0] ?? '';
      const file = serviceBinaryFile(value);
      if (file === '' || copied.has(file.toLowerCase())) continue;
      // Placed on the header of the install section whose .Services adds the service
      // (IddSampleDriver.inf line 29, [MyDevice_Install.NT]); else on the ServiceBinary line.
      const servicesName = use.entry.section ?? '';
      const install = /\.services$/i.test(servicesName) ? doc.section(servicesName.slice(0, -'.services'.length)) : undefined;
      const at = install ? atSection(install) : atField(entry, 0);
      const key = `${at.line}:${file.toLowerCase()}`;
      if (done.has(key)) continue;
      done.add(key);
      ctx.report({ ...at, message: `Service binary '${resolved(value)}' should reference a CopyFiles destination file.` });
    }
  },
});

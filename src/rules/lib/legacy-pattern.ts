// 22621-era InfVerif's "legacy pattern" notices: a device INF that installs an inbox
// service (the UMDF reflector WUDFRd.sys, the HID pass-through umpass.sys) through its own
// AddService and service-install section instead of Include/Needs of the inbox INF. The kit
// replaced the section with the Include/Needs and said so: 2084 for umpass (docs#3398),
// 2086 for WUDFRd (Windows-driver-samples#808). 10.0.26100 renumbered them (2090-2092).
import type { InfRuleContext } from '../context.js';
import { atEntry } from '../context.js';
import type { RuleReport } from '../types.js';
import { serviceBinaryFile } from './service.js';

/** Each AddService whose service-install section runs the inbox binary `file` (case-insensitive). */
export function legacyPatternReports(ctx: InfRuleContext, file: string, message: (section: string) => string): RuleReport[] {
  const out: RuleReport[] = [];
  for (const use of ctx.model.services) {
    const binary = use.section?.find('ServiceBinary')?.fields[0];
    if (!use.section || binary === undefined || serviceBinaryFile(binary).toLowerCase() !== file) continue;
    // The section as the AddService line names it; the finding on that line: "line 33" of
    // windows-drivertemplate-nfc.inf is its AddService=WUDFRd,0x000001fa,WUDFRD_ServiceInstall.
    const section = use.entry.fields[2]?.trim() ?? use.section.name;
    out.push({ ...atEntry(use.entry), message: message(section) });
  }
  return out;
}

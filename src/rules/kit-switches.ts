// Which InfVerif switches each kit has, from the switch history (docs/infverif.md,
// "Switches per WDK"). One table: a switch is accepted for a kit when the kit's
// build is at least `since` and below `until`. The command's grammar reads it;
// what a switch does is in the command and in validate().
import { KITS, type Kit } from './kits.js';

export interface KitSwitch {
  /** Lower case, without the leading / ("code"; "sw" stands for /sw<code>). */
  name: string;
  /** Takes the next argument as its value. */
  value?: string;
  /** First kit build that has it (0: every modelled kit). */
  since: number;
  /** First kit build that no longer has it. */
  until?: number;
  summary: string;
}

export const KIT_SWITCHES: readonly KitSwitch[] = [
  { name: 'v', since: 0, summary: 'verbose: the mode banners and a VALID / NOT VALID verdict per INF' },
  { name: 'u', since: 0, summary: 'mode: universal driver requirements' },
  { name: 'universal', since: 0, summary: 'mode: the old name of /u' },
  { name: 'k', since: 17134, summary: 'mode: declarative driver requirements' },
  { name: 'w', since: 17763, summary: 'mode: Windows Driver requirements (declarative + driver package isolation)' },
  { name: 'h', since: 26100, summary: 'mode: hardware certification (WHQL) requirements' },
  { name: 'stampinf', since: 0, summary: 'validate an unstamped INX ($ARCH$ and an empty DriverVer are expected)' },
  { name: 'info', since: 0, summary: 'print each hardware ID with its architecture and minimum OS version' },
  { name: 'osver', value: 'TargetOSVersion', since: 0, summary: 'check only findings for this target OS (a Models decoration, e.g. NTamd64.10.0...16299)' },
  { name: 'l', value: 'path', since: 0, summary: 'write an annotated HTML copy of each INF (accepted, not written by wdksim)' },
  { name: 'product', value: 'ias file', since: 0, summary: 'check Include/Needs against a product definition (accepted, no effect)' },
  { name: 'recurse', since: 0, summary: 'search subdirectories for matching INFs (wdksim always searches a directory)' },
  { name: 'msft', since: 22621, summary: 'MSFT driver mode: in 10.0.22621 leaves out the sample-only findings 1284, 1285, 1293, 2083 and 2086; later kits only print the banner' },
  { name: 'wbuild', value: 'Major.Minor.Build', since: 26100, summary: 'the OS build from which /w isolation applies (accepted, no effect)' },
  { name: 'rulever', value: 'Major.Minor.Build | vnext', since: 26100, summary: "enforce the rules of another InfVerif release (wdksim: that kit's rule set)" },
  { name: 'code', value: 'error code', since: 26100, summary: "print a code's message, levels and docs link" },
  { name: 'provider', value: 'ProviderName', since: 26100, summary: 'require this Provider (accepted, no effect)' },
  // /syntax: "reports all syntax used in the INF and the minimum OS for it" (for 1199; Microsoft's
  // "InfVerif Error Code 1199" post, April 2024, with the 24H2 kit). wdksim validates as usual.
  { name: 'syntax', since: 26100, summary: "list the INF's syntax and the minimum OS for each (accepted, wdksim validates as usual)" },
  // /sw: Microsoft's Build-SampleSet.ps1 passes "/sw1284 /sw1285 /sw1293 /sw2083 /sw2086" to kits up to
  // 22621 (January 2024 on); a comment on Windows-driver-samples#1082 says the NI EWDK lacked it. The
  // script ran with 22621 kits for two years: wdksim accepts it from 10.0.22621 (docs/infverif.md).
  { name: 'sw', since: 22621, summary: '/sw<code>: leave out one code (e.g. /sw1402)' },
  // /samples: in 26xxx pre-release kits, missing from 10.0.26100 itself (windows-drivers-rs#679),
  // back in later kits: no modelled kit has it.
  { name: 'samples', since: 28000, summary: 'sample-driver mode (pre-release 26xxx kits and kits after 10.0.26100)' },
];

export function kitSwitch(name: string): KitSwitch | undefined {
  return KIT_SWITCHES.find((s) => s.name === name);
}

export function kitHasSwitch(s: KitSwitch, kit: Kit): boolean {
  return kit.build >= s.since && (s.until === undefined || kit.build < s.until);
}

/** The modelled kits that have a switch. */
export function kitsWithSwitch(s: KitSwitch): Kit[] {
  return KITS.filter((k) => kitHasSwitch(s, k));
}

// InfVerif as shipped in each Windows Driver Kit: which codes a kit has, at
// which level, with which wording. The newest kit is the baseline (the rules'
// own levels and messages, from the 24H2 table); older kits are deltas taken
// from the history in docs/infverif.md ("Rule sets per WDK"). A code the
// history does not date is reported in every kit (the documented policy).
import type { Level, Mode } from './types.js';

export interface Kit {
  /** "10.0.22621" */
  version: string;
  build: number;
  /** The Windows release the kit was made for. */
  release: string;
}

/** The kits wdksim models, oldest first. The last is the default. */
export const KITS: readonly Kit[] = [
  { version: '10.0.15063', build: 15063, release: 'Windows 10, version 1703' },
  { version: '10.0.16299', build: 16299, release: 'Windows 10, version 1709' },
  { version: '10.0.17134', build: 17134, release: 'Windows 10, version 1803' },
  { version: '10.0.17763', build: 17763, release: 'Windows 10, version 1809' },
  { version: '10.0.18362', build: 18362, release: 'Windows 10, version 1903' },
  { version: '10.0.19041', build: 19041, release: 'Windows 10, version 2004' },
  { version: '10.0.22000', build: 22000, release: 'Windows 11, version 21H2' },
  { version: '10.0.22621', build: 22621, release: 'Windows 11, version 22H2' },
  { version: '10.0.26100', build: 26100, release: 'Windows 11, version 24H2' },
];
export const NEWEST_KIT: Kit = KITS[KITS.length - 1]!;

/**
 * The kit a version names: "22621", "10.0.22621", "10.0.22621.2428" (a refresh) or
 * a build between two kits (20348, 22000: the newest modelled kit not newer than it;
 * the first Windows 10 kits, 10240 to 14393, get the oldest modelled kit's rules).
 * undefined when the text is not a Windows 10 or later kit version.
 */
export function resolveKit(spec: string): Kit | undefined {
  const m = /^\s*(?:10\.0\.)?(\d{5})(?:\.\d+)?\s*$/.exec(spec);
  if (!m) return undefined;
  const build = Number(m[1]);
  if (build < 10240) return undefined;
  let found: Kit = KITS[0]!;
  for (const kit of KITS) if (kit.build <= build) found = kit;
  return found;
}

/** How one code differs in older kits. Builds are kit builds (19041, 22621...). */
export interface CodeHistory {
  /** The first kit that reports the code; older kits do not have it. */
  since?: number;
  /** The first kit that no longer reports the code (renumbered or dropped). */
  until?: number;
  /** Levels in kits up to and including `through` (only the modes that differ). */
  levels?: { through: number; levels: Partial<Record<Mode, Level>> }[];
  /** InfVerif's wording in kits up to and including `through`. */
  wording?: { through: number; rewrite: (message: string) => string }[];
  /**
   * A different meaning in kits up to and including `through` (2084): the rule's name, summary and
   * fix there. The rule itself checks what the kit meant (it reads ctx.kit).
   */
  meanings?: { through: number; name: string; summary: string; fix: string }[];
  /** Why: the evidence, as docs/infverif.md gives it. */
  why: string;
}

/** Only codes with dated evidence are here; every other code is in every kit. */
export const CODE_HISTORY: Readonly<Record<string, CodeHistory>> = {
  '1233': {
    levels: [{ through: 19041, levels: { default: 'off' } }],
    why: 'a 10.0.19041-era run with no mode switch (a Desktop build, September 2020) printed 1297, 1324 and 2083 for xdsmpl.inf but no 1233 although its [Version] has no CatalogFile, and the 2083 lines show the build added none (Windows-driver-samples#539); later kits keep the documented error (no evidence either way)',
  },
  '1212': { since: 17763, why: 'documented June 2018, first reported with the 1809 kit (loki-hidriver#1)' },
  '1284': {
    since: 22000,
    why: 'the reserved sample class "Sample": first reported in December 2021 by a kit that still printed the short 1324 wording (Windows-driver-samples#680, HyperPlatform#88); 22621 sample builds suppress it with /msft',
  },
  '1285': {
    why: 'a class Windows defines is 1285 in every kit ("WudfBioUsbSample.inx 22" for the Biometric class in 2016, Windows-driver-samples#55); the reserved "Sample" class counts from 10.0.22000 on, reported together with 1284 (#680, windows-drivers-rs#35)',
  },
  '1293': {
    since: 22000,
    why: 'reserved sample service names: 2017 builds of dynambus.inx printed only 1209 (Windows-driver-samples#160); "error 1293: Service name \'ECHO\' is reserved" from December 2021 (#680)',
  },
  '1296': {
    since: 17763,
    levels: [{ through: 19041, levels: { default: 'warning' } }],
    why: 'new in 1809 (docs#952); a run of infverif 10.0.19041 with no mode printed WARNING(1296), later kits an error (edk2-pytool-library#451)',
  },
  '1297': { since: 19041, why: 'not in the 1903 kit, reported by the 2004 preview (docs#2067)' },
  '1320': { since: 17763, why: '/w and its isolation rules arrived with 1809' },
  '1321': { since: 17763, why: '/w and its isolation rules arrived with 1809' },
  '1322': { since: 17763, why: '/w and its isolation rules arrived with 1809' },
  '1323': { since: 17763, why: '/w and its isolation rules arrived with 1809' },
  '1324': {
    since: 19041,
    wording: [{ through: 22000, rewrite: (m) => m.replace(' to prevent external apps from modifying installed driver files', '') }],
    why: 'new with the 2004 kit (DMF#124, gbhv#16, which also show the shorter wording kits printed until 2022, Windows-driver-samples#680); 1903 builds do not print it (Windows-driver-samples#430, #435)',
  },
  '1330': { since: 17763, why: '"new universal checks" documented for 1809 (docs PR #945)' },
  '1340': { since: 26100, why: 'first in the 24H2 table; not in earlier kits' },
  '1402': { since: 26100, why: 'enabled in 26xxx builds in January 2024 (Windows-driver-samples#1080)' },
  '1420': {
    since: 18362,
    levels: [{ through: 22621, levels: { k: 'warning' } }],
    why: 'appeared with VS2019 and the 1903 kit (Windows-driver-samples#366); a 22621 Desktop build (InfVerif /k, as MSBuild runs it for Desktop, windows-driver-docs#2890) printed "warning 1420" (Windows-driver-samples#891), the 24H2 table an error',
  },
  '1421': {
    since: 18362,
    levels: [{ through: 22621, levels: { k: 'warning' } }],
    wording: [{ through: 22621, rewrite: (m) => m.replace(/ missing an architecture decoration\.$/, ' should have an architecture decoration.') }],
    why: 'appeared with the 1903 kit; 2019-2023 kits print "should have an architecture decoration" (Windows-driver-samples#889-#897, #1041), as a warning with /k (a Desktop build, #891)',
  },
  '2009': {
    since: 17134,
    why: 'a 10.0.16299 run with no mode switch (AppVeyor, January 2018) printed only 1205 for dokan.inf, whose [Version] has DriverPackageType (dokan-dev/dokany#648); first documented in the 24H2 table, so wdksim has it from the next kit on (policy)',
  },
  '2084': {
    since: 22621,
    levels: [{ through: 22621, levels: { default: 'error', k: 'error', u: 'error', w: 'error' } }],
    meanings: [
      {
        through: 22621,
        name: 'legacy-pattern-umpass',
        summary: 'A device INF installs the HID pass-through service (umpass.sys) with its own AddService instead of Include/Needs of umpass.inf',
        fix: 'Remove the AddService of UmPass and its service-install section; write Include=umpass.inf with Needs=UmPass, UmPass.HW, UmPass.Interfaces and UmPass.Services in the matching DDInstall sections',
      },
    ],
    why: "two meanings: in 10.0.22621 the umpass legacy-pattern notice (\"Replaced legacy pattern in section 'UMPassService_Install' using 'umpass_include_needs'.\", an error with /k, windows-driver-docs#3398; documented as 2084 in February 2023), from 10.0.26100 the 24H2 meaning (service binary not copied), the legacy-pattern notice moving to 2090",
  },
  '2086': {
    since: 22621,
    until: 26100,
    why: "undocumented; 22621-era kits: \"Replaced legacy pattern in section 'WUDFRD_ServiceInstall' using 'wudfrd_include_needs' to follow best practices.\" from infverif /v /w (Windows-driver-samples#808, December 2022; #1003); Build-SampleSet.ps1 suppresses it for kits up to 22621 only; 24H2 renumbered it 2092 (/w only)",
  },
};

/** The level of a code in a kit, given its level in the newest kit. */
export function kitLevel(code: string, mode: Mode, newest: Level, kit: Kit): Level {
  const h = CODE_HISTORY[code];
  if (!h) return newest;
  if (h.since !== undefined && kit.build < h.since) return 'off';
  if (h.until !== undefined && kit.build >= h.until) return 'off';
  for (const step of h.levels ?? []) {
    if (kit.build <= step.through) return step.levels[mode] ?? newest;
  }
  return newest;
}

/** The code's name, summary and fix in a kit where it meant something else; undefined when it means what the rule says. */
export function kitMeaning(code: string, kit: Kit): { name: string; summary: string; fix: string } | undefined {
  const steps = CODE_HISTORY[code]?.meanings;
  if (!steps) return undefined;
  for (const step of steps) if (kit.build <= step.through) return { name: step.name, summary: step.summary, fix: step.fix };
  return undefined;
}

/** InfVerif's wording of a message in a kit. */
export function kitMessage(code: string, message: string, kit: Kit): string {
  const steps = CODE_HISTORY[code]?.wording;
  if (!steps) return message;
  for (const step of steps) if (kit.build <= step.through) return step.rewrite(message);
  return message;
}

// Inf2Cat's /os identifiers (wdk-tools.md §3.2): the Windows release, the
// architecture it requires, the version and build a TargetOSVersion
// decoration is matched against, the OSAttr token and the OS token the
// catalog carries (catalog-format.md §7).
import type { Arch } from '../inf/arch.js';
import { UsageError } from '../errors.js';

export interface OsId {
  /** Canonical spelling, as Inf2Cat's help lists it. */
  id: string;
  windows: string;
  arch: Arch;
  major: number;
  minor: number;
  build: number;
  /** 1 workstation, 3 server (TargetOSVersion ProductType). */
  productType: 1 | 3;
  /** `2:<major>.<minor>` as written into the catalog's OSAttr (XP_X64: two tokens). */
  osAttr: string;
  /** Token for the catalog's `OS` attribute (as seen in real Inf2Cat catalogs; ARM ones inferred). */
  osToken: string;
}

type Row = [id: string, windows: string, arch: Arch, version: string, build: number, osToken: string];

// Version is "major.minor"; OSAttr for Windows 2000 is written "2:5.00" (catalog-format.md §7).
const ROWS: Row[] = [
  ['2000', 'Windows 2000', 'x86', '5.0', 2195, '2000'],
  ['XP_X86', 'Windows XP x86', 'x86', '5.1', 2600, 'XPX86'],
  ['XP_X64', 'Windows XP x64', 'amd64', '5.2', 3790, 'XPX64'],
  ['Server2003_X86', 'Windows Server 2003 x86', 'x86', '5.2', 3790, 'Server2003X86'],
  ['Server2003_X64', 'Windows Server 2003 x64', 'amd64', '5.2', 3790, 'Server2003X64'],
  ['Server2003_IA64', 'Windows Server 2003 Itanium', 'ia64', '5.2', 3790, 'Server2003IA64'],
  ['Vista_X86', 'Windows Vista x86', 'x86', '6.0', 6000, 'VistaX86'],
  ['Vista_X64', 'Windows Vista x64', 'amd64', '6.0', 6000, 'VistaX64'],
  ['Server2008_X86', 'Windows Server 2008 x86', 'x86', '6.0', 6001, 'Server2008X86'],
  ['Server2008_X64', 'Windows Server 2008 x64', 'amd64', '6.0', 6001, 'Server2008X64'],
  ['Server2008_IA64', 'Windows Server 2008 Itanium', 'ia64', '6.0', 6001, 'Server2008IA64'],
  ['7_X86', 'Windows 7 x86', 'x86', '6.1', 7600, '7X86'],
  ['7_X64', 'Windows 7 x64', 'amd64', '6.1', 7600, '7X64'],
  ['Server2008R2_X64', 'Windows Server 2008 R2 x64', 'amd64', '6.1', 7600, 'Server2008R2X64'],
  ['Server2008R2_IA64', 'Windows Server 2008 R2 Itanium', 'ia64', '6.1', 7600, 'Server2008R2IA64'],
  ['8_X86', 'Windows 8 x86', 'x86', '6.2', 9200, '8X86'],
  ['8_X64', 'Windows 8 x64', 'amd64', '6.2', 9200, '8X64'],
  ['8_ARM', 'Windows 8 ARM', 'arm', '6.2', 9200, '8ARM'],
  ['Server8_X64', 'Windows Server 2012 x64', 'amd64', '6.2', 9200, 'Server2012X64'],
  ['6_3_X86', 'Windows 8.1 x86', 'x86', '6.3', 9600, '_v63'],
  ['6_3_X64', 'Windows 8.1 x64', 'amd64', '6.3', 9600, '_v63_X64'],
  ['6_3_ARM', 'Windows 8.1 ARM', 'arm', '6.3', 9600, '_v63_ARM'],
  ['Server6_3_X64', 'Windows Server 2012 R2 x64', 'amd64', '6.3', 9600, '_v63_Server_X64'],
  ['10_X86', 'Windows 10 x86', 'x86', '10.0', 10240, '_v100'],
  ['10_X64', 'Windows 10 x64', 'amd64', '10.0', 10240, '_v100_X64'],
  ['Server10_X64', 'Windows Server 2016 x64', 'amd64', '10.0', 14393, 'Server_v100_X64'],
  ['Server10_ARM64', 'Windows Server 2016 ARM64', 'arm64', '10.0', 14393, 'Server_v100_ARM64'],
  ['10_AU_X86', 'Windows 10 Anniversary Update (1607) x86', 'x86', '10.0', 14393, '_v100_RS1'],
  ['10_AU_X64', 'Windows 10 Anniversary Update (1607) x64', 'amd64', '10.0', 14393, '_v100_X64_RS1'],
  ['Server2016_X64', 'Windows Server 2016 x64', 'amd64', '10.0', 14393, 'Server_v100_X64_RS1'],
  ['10_RS2_X86', 'Windows 10 Creators Update (1703) x86', 'x86', '10.0', 15063, '_v100_RS2'],
  ['10_RS2_X64', 'Windows 10 Creators Update (1703) x64', 'amd64', '10.0', 15063, '_v100_X64_RS2'],
  ['10_RS3_X86', 'Windows 10 Fall Creators Update (1709) x86', 'x86', '10.0', 16299, '_v100_RS3'],
  ['10_RS3_X64', 'Windows 10 Fall Creators Update (1709) x64', 'amd64', '10.0', 16299, '_v100_X64_RS3'],
  ['10_RS3_ARM64', 'Windows 10 Fall Creators Update (1709) ARM64', 'arm64', '10.0', 16299, '_v100_ARM64_RS3'],
  ['10_RS4_X86', 'Windows 10 April 2018 Update (1803) x86', 'x86', '10.0', 17134, '_v100_RS4'],
  ['10_RS4_X64', 'Windows 10 April 2018 Update (1803) x64', 'amd64', '10.0', 17134, '_v100_X64_RS4'],
  ['10_RS4_ARM64', 'Windows 10 April 2018 Update (1803) ARM64', 'arm64', '10.0', 17134, '_v100_ARM64_RS4'],
  ['10_RS5_X86', 'Windows 10 October 2018 Update (1809) x86', 'x86', '10.0', 17763, '_v100_RS5'],
  ['10_RS5_X64', 'Windows 10 October 2018 Update (1809) x64', 'amd64', '10.0', 17763, '_v100_X64_RS5'],
  ['10_RS5_ARM64', 'Windows 10 October 2018 Update (1809) ARM64', 'arm64', '10.0', 17763, '_v100_ARM64_RS5'],
  ['ServerRS5_X64', 'Windows Server 2019 x64', 'amd64', '10.0', 17763, 'Server_v100_X64_RS5'],
  ['ServerRS5_ARM64', 'Windows Server 2019 ARM64', 'arm64', '10.0', 17763, 'Server_v100_ARM64_RS5'],
  ['10_19H1_X86', 'Windows 10 May 2019 Update (1903) x86', 'x86', '10.0', 18362, '_v100_19H1'],
  ['10_19H1_X64', 'Windows 10 May 2019 Update (1903) x64', 'amd64', '10.0', 18362, '_v100_X64_19H1'],
  ['10_19H1_ARM64', 'Windows 10 May 2019 Update (1903) ARM64', 'arm64', '10.0', 18362, '_v100_ARM64_19H1'],
  ['10_VB_X86', 'Windows 10 version 2004 x86', 'x86', '10.0', 19041, '_v100_Vb'],
  ['10_VB_X64', 'Windows 10 version 2004 x64', 'amd64', '10.0', 19041, '_v100_X64_Vb'],
  ['10_VB_ARM64', 'Windows 10 version 2004 ARM64', 'arm64', '10.0', 19041, '_v100_ARM64_Vb'],
  ['10_CO_X64', 'Windows 11 version 21H2 x64', 'amd64', '10.0', 22000, '_v100_X64_21H2'],
  ['10_CO_ARM64', 'Windows 11 version 21H2 ARM64', 'arm64', '10.0', 22000, '_v100_ARM64_21H2'],
  ['ServerFE_X64', 'Windows Server 2022 x64', 'amd64', '10.0', 20348, 'Server_v100_X64_21H2'],
  ['ServerFE_ARM64', 'Windows Server 2022 ARM64', 'arm64', '10.0', 20348, 'Server_v100_ARM64_21H2'],
  ['10_NI_X64', 'Windows 11 version 22H2 x64', 'amd64', '10.0', 22621, '_v100_X64_22H2'],
  ['10_NI_ARM64', 'Windows 11 version 22H2 ARM64', 'arm64', '10.0', 22621, '_v100_ARM64_22H2'],
  ['10_GE_X64', 'Windows 11 version 24H2 x64', 'amd64', '10.0', 26100, '_v100_X64_24H2'],
  ['10_GE_ARM64', 'Windows 11 version 24H2 ARM64', 'arm64', '10.0', 26100, '_v100_ARM64_24H2'],
  ['Server2025_X64', 'Windows Server 2025 x64', 'amd64', '10.0', 26100, 'Server_v100_X64_24H2'],
  ['Server2025_ARM64', 'Windows Server 2025 ARM64', 'arm64', '10.0', 26100, 'Server_v100_ARM64_24H2'],
  ['10_25H2_X64', 'Windows 11 version 25H2 x64', 'amd64', '10.0', 26200, '_v100_X64_25H2'],
  ['10_25H2_ARM64', 'Windows 11 version 25H2 ARM64', 'arm64', '10.0', 26200, '_v100_ARM64_25H2'],
];

export const OS_IDS: readonly OsId[] = ROWS.map(([id, windows, arch, version, build, osToken]) => {
  const [major, minor] = version.split('.').map(Number) as [number, number];
  return {
    id,
    windows,
    arch,
    major,
    minor,
    build,
    osToken,
    productType: id.startsWith('Server') ? 3 : 1,
    // XP x64: a real Inf2Cat catalog for /os:XP_X64,10_X64 carries 2:5.1,2:5.2,... (docs/catalogs.md).
    osAttr: id === '2000' ? '2:5.00' : id === 'XP_X64' ? '2:5.1,2:5.2' : `2:${version}`,
  };
});

const byLower = new Map(OS_IDS.map((os) => [os.id.toLowerCase(), os]));

/** Looks an id up case-insensitively (Inf2Cat matches /os ids without regard to case). */
export function findOsId(text: string): OsId | undefined {
  return byLower.get(text.trim().toLowerCase());
}

export type OsListResult = { ok: true; oses: OsId[] } | { ok: false; reason: 'missing' | 'invalid'; bad?: string };

/**
 * Parses the value of /os: as Inf2Cat does: a comma list; an empty list is
 * "missing", an unknown or repeated id (case-insensitive) is "invalid".
 */
export function parseOsList(value: string): OsListResult {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length === 1 && parts[0] === '') return { ok: false, reason: 'missing' };
  const oses: OsId[] = [];
  for (const part of parts) {
    const os = findOsId(part);
    if (!os) return { ok: false, reason: 'invalid', bad: part };
    if (oses.includes(os)) return { ok: false, reason: 'invalid', bad: part };
    oses.push(os);
  }
  return { ok: true, oses };
}

/** NT versions below 6.2 (Windows 8) cannot read SHA-256 (v2) catalogs (catalog-format.md §7). */
export function supportsSha256Catalogs(os: OsId): boolean {
  return os.major > 6 || (os.major === 6 && os.minor >= 2);
}

/** OSAttr for a set of OSes: one `2:x.y` token per distinct version, oldest first. */
export function osAttrFor(oses: readonly OsId[]): string {
  const tokens = [...new Set(oses.flatMap((os) => os.osAttr.split(',')))];
  const version = (t: string) => t.slice(2).split('.').map(Number) as [number, number];
  tokens.sort((a, b) => version(a)[0] - version(b)[0] || version(a)[1] - version(b)[1]);
  return tokens.join(',');
}

/** Accepts OsId records or id text; unknown text is a usage error. */
export function resolveOsIds(ids: readonly (OsId | string)[]): OsId[] {
  return ids.map((id) => {
    if (typeof id !== 'string') return id;
    const os = findOsId(id);
    if (!os) throw new UsageError(`"${id}" is not an Inf2Cat /os identifier; run "wdksim inf2cat /?" for the list`);
    return os;
  });
}

/** The first Windows 10 kit build whose Inf2Cat has RS1 ids and writes Windows 10 as `_v100`. */
const V100_TOKENS_KIT = 14393;

/**
 * The /os id as the Inf2Cat of a kit (its build: 10240, 19041...) knows it, or
 * undefined when that Inf2Cat does not have it. An id comes with the kit of its
 * Windows release (10_VB with 19041, 10_CO with 22000); Server10 ids were in the
 * first Windows 10 kit. Kits before 14393 wrote Windows 10 as `10X86`/`10X64` with
 * OSAttr `2:6.4` (Android WinUSB 2015, Arduino's genuino 2016 and arduino 2022
 * catalogs); `Server10X64` is inferred from that pattern.
 */
export function osIdForKit(os: OsId, kitBuild: number): OsId | undefined {
  const since = /^Server10_/.test(os.id) ? 10240 : os.build;
  if (since > kitBuild) return undefined;
  if (kitBuild >= V100_TOKENS_KIT || os.major !== 10) return os;
  return { ...os, osToken: os.id.replace('_', ''), osAttr: '2:6.4' };
}

/** A kit version as Inf2Cat's --wdk takes it ("10.0.19041", "19041", "10.0.22621.2428"): its build, or undefined. */
export function kitBuildOf(spec: string): number | undefined {
  const m = /^\s*(?:10\.0\.)?(\d{5})(?:\.\d+)?\s*$/.exec(spec);
  const build = m ? Number(m[1]) : undefined;
  return build !== undefined && build >= 10240 ? build : undefined;
}

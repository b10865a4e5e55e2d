// Windows releases a target can be provisioned as: the version numbers the
// installer compares TargetOSVersion decorations with, and the framework
// versions that ship in the box (KMDF/UMDF version history, learn.microsoft.com).
import type { Arch } from '../inf/arch.js';

/** The architectures a target can be provisioned as: the INF vocabulary's, without arm and ia64. */
export type TargetArch = Extract<Arch, 'amd64' | 'x86' | 'arm64'>;

export interface OsRelease {
  id: string;
  name: string;
  major: number;
  minor: number;
  build: number;
  /** 1 workstation, 3 server (VER_NT_*). */
  productType: 1 | 3;
  /** VER_SUITE_* bits the setupapi.dev.log header shows (0x0100 single user). */
  suiteMask: number;
  kmdf: string;
  umdf: string;
}

export const OS_RELEASES: readonly OsRelease[] = [
  { id: 'win10-1809', name: 'Windows 10, version 1809', major: 10, minor: 0, build: 17763, productType: 1, suiteMask: 0x100, kmdf: '1.27', umdf: '2.27' },
  { id: 'win10-21h2', name: 'Windows 10, version 21H2', major: 10, minor: 0, build: 19044, productType: 1, suiteMask: 0x100, kmdf: '1.31', umdf: '2.31' },
  { id: 'win10-22h2', name: 'Windows 10, version 22H2', major: 10, minor: 0, build: 19045, productType: 1, suiteMask: 0x100, kmdf: '1.31', umdf: '2.31' },
  { id: 'win11-21h2', name: 'Windows 11, version 21H2', major: 10, minor: 0, build: 22000, productType: 1, suiteMask: 0x100, kmdf: '1.33', umdf: '2.33' },
  { id: 'win11-22h2', name: 'Windows 11, version 22H2', major: 10, minor: 0, build: 22621, productType: 1, suiteMask: 0x100, kmdf: '1.33', umdf: '2.33' },
  { id: 'win11-23h2', name: 'Windows 11, version 23H2', major: 10, minor: 0, build: 22631, productType: 1, suiteMask: 0x100, kmdf: '1.33', umdf: '2.33' },
  { id: 'win11-24h2', name: 'Windows 11, version 24H2', major: 10, minor: 0, build: 26100, productType: 1, suiteMask: 0x100, kmdf: '1.33', umdf: '2.33' },
  { id: 'server2019', name: 'Windows Server 2019', major: 10, minor: 0, build: 17763, productType: 3, suiteMask: 0x110, kmdf: '1.27', umdf: '2.27' },
  { id: 'server2022', name: 'Windows Server 2022', major: 10, minor: 0, build: 20348, productType: 3, suiteMask: 0x110, kmdf: '1.33', umdf: '2.33' },
  { id: 'server2025', name: 'Windows Server 2025', major: 10, minor: 0, build: 26100, productType: 3, suiteMask: 0x110, kmdf: '1.33', umdf: '2.33' },
];

export const DEFAULT_OS = 'win11-23h2';

const ALIASES: Record<string, string> = {
  win10: 'win10-22h2',
  win11: 'win11-24h2',
  windows10: 'win10-22h2',
  windows11: 'win11-24h2',
  ws2022: 'server2022',
  ws2019: 'server2019',
  ws2025: 'server2025',
};

/** Looks an OS id up (case-insensitive); also accepts win10/win11 (latest release), a build number or 10.0.<build>. */
export function findOs(id: string): OsRelease | undefined {
  let lower = id.trim().toLowerCase();
  lower = ALIASES[lower] ?? lower;
  const m = /^10\.0\.(\d+)$/.exec(lower);
  if (m) lower = m[1]!;
  return OS_RELEASES.find((o) => o.id === lower) ?? OS_RELEASES.find((o) => String(o.build) === lower && o.productType === 1) ?? OS_RELEASES.find((o) => String(o.build) === lower);
}

/** Compares "1.33" with "1.31": negative, zero or positive. */
export function compareFrameworkVersion(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

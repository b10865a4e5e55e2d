// Architecture vocabulary across the tools (wdk-tools.md §1.1).

/** The architectures an INF can name, in decoration order. */
export const ARCH_NAMES = ['x86', 'amd64', 'arm', 'arm64', 'ia64'] as const;
export type Arch = (typeof ARCH_NAMES)[number];

export interface ArchInfo {
  arch: Arch;
  /** INF platform decoration: NTamd64. */
  decoration: string;
  /** inf2cat /os suffix: _X64. */
  inf2catSuffix: string;
  /** Label in inf2cat messages: AMD64. */
  label: string;
  /** MSBuild platform names that mean it. */
  platforms: string[];
}

export const ARCHES: readonly ArchInfo[] = [
  { arch: 'x86', decoration: 'NTx86', inf2catSuffix: '_X86', label: 'X86', platforms: ['win32', 'x86'] },
  { arch: 'amd64', decoration: 'NTamd64', inf2catSuffix: '_X64', label: 'AMD64', platforms: ['x64', 'amd64'] },
  { arch: 'arm', decoration: 'NTarm', inf2catSuffix: '_ARM', label: 'ARM', platforms: ['arm'] },
  { arch: 'arm64', decoration: 'NTarm64', inf2catSuffix: '_ARM64', label: 'ARM64', platforms: ['arm64'] },
  { arch: 'ia64', decoration: 'NTia64', inf2catSuffix: '_IA64', label: 'IA64', platforms: ['ia64', 'itanium'] },
];

export function archInfo(arch: Arch): ArchInfo {
  return ARCHES.find((a) => a.arch === arch)!;
}

/** Parses an architecture as users and tools write it: amd64, x64, AMD64, x86, Win32, arm64... */
export function parseArch(text: string): Arch | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === 'x64') return 'amd64';
  return ARCHES.find((a) => a.arch === lower || a.platforms.includes(lower))?.arch;
}

/**
 * The names a platform-decorated section is looked up by, in order: X.NT<arch>, X.NT, X.
 * The one statement of the rule: DDInstall, ClassInstall32, CatalogFile keys and infverif's model all use it
 * (inf-format.md §2.4).
 * `arch` is a string so that infverif can pass the `$ARCH$` token of an unstamped INX.
 */
export function platformSectionNames(base: string, arch: Arch | string): [string, string, string] {
  return [`${base}.NT${arch}`, `${base}.NT`, base];
}

/** CatalogFile keys in lookup order for an architecture: CatalogFile.ntamd64, CatalogFile.nt, CatalogFile (spelled as Inf2Cat's 22.9.4 message prints them). */
export function catalogFileKeys(arch: Arch): string[] {
  return platformSectionNames('CatalogFile', arch).map((key) => key.replace('.NT', '.nt'));
}

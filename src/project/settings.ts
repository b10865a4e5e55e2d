// The driver project model: everything the WDK's MSBuild targets read to
// stamp, catalog, sign and package a driver, for one configuration and
// platform. `readProject` fills it from a .vcxproj or a wdksim.json; `build`
// and `doctor` consume it. Paths are absolute host paths.
import type { Arch } from '../inf/arch.js';

export type Platform = 'Win32' | 'x64' | 'ARM64' | 'ARM';
/** The INF architecture a project builds for (no ia64 in the WDK's platforms). */
export type InfArch = Exclude<Arch, 'ia64'>;
export type DriverType = 'KMDF' | 'UMDF' | 'WDM' | 'Package' | 'None';
export type SignMode = 'Off' | 'TestSign' | 'ProductionSign';

/** StampInf task settings of one Inf item (wdk-tools.md §2.6). Undefined = switch not passed. */
export interface StampSettings {
  /** Run StampInf at all (VS: "Run StampInf"; an .inf with stamping off is copied as is). */
  enabled: boolean;
  /** -d: `*` or mm/dd/yyyy (SpecifyDriverVerDirectiveDate + DateStamp). */
  date?: string;
  /** -v: `*` or w.x.y.z (SpecifyDriverVerDirectiveVersion + TimeStamp). */
  version?: string;
  /** -a: the $ARCH$ value (SpecifyArchitecture + Architecture, default $(InfArch)). */
  architecture?: string;
  /** -s: the section that receives DriverVer (DriverVersionSectionName). */
  section?: string;
  /** -c: CatalogFile to write (CatalogFileName). */
  catalogFile?: string;
  /** -k: KMDF version major.minor (KmdfVersionNumber; KMDF drivers only). */
  kmdfVersion?: string;
  /** -u: UMDF version major.minor.service (UmdfVersionNumber; UMDF drivers only). */
  umdfVersion?: string;
  /** -n (EnableVerbose / Verbose). */
  verbose: boolean;
}

export interface InfItem {
  /** The .inx or .inf in the project. */
  source: string;
  /** Where the stamped copy goes (CopyOutput, default $(IntDir)<name>.inf). */
  output: string;
  stamp: StampSettings;
}

export interface Inf2CatSettings {
  /** EnableInf2cat (VS "Run Inf2Cat"), default true. */
  enabled: boolean;
  /** /os: ids from Inf2CatWindowsVersionList (default from TargetVersion and platform, e.g. 10_X64). */
  osList: string[];
  /** /uselocaltime (Inf2CatUseLocalTime), default false: inf2cat compares DriverVer with the UTC date. */
  useLocalTime: boolean;
  verbose: boolean;
  noCatalog: boolean;
  /** /pageHashes (Inf2CatIncludePageHashes). */
  pageHashes: boolean;
}

export interface SignSettings {
  /** SignMode: TestSign (default) signs the binaries and the catalog with the test certificate. */
  mode: SignMode;
  /** TestCertificate: a .pfx/.pem (or a .cer beside its .pfx); undefined = generate `<ProjectName>.cer/.pfx` as VS does. */
  testCertificate?: string;
  /** DriverSign FileDigestAlgorithm → signtool /fd, default sha256. */
  fileDigestAlgorithm: string;
}

export interface ProjectSettings {
  kind: 'vcxproj' | 'wdksim.json';
  projectFile: string;
  projectDir: string;
  /** $(ProjectName) (= MSBuildProjectName unless set). */
  projectName: string;
  configuration: string;
  platform: Platform;
  /** $(InfArch): the $ARCH$ value and the INF decoration's architecture. */
  arch: InfArch;
  driverType: DriverType;
  /** ConfigurationType: Driver, DynamicLibrary, Application, Utility... */
  configurationType: string;
  /** TargetVersion: Windows10 (default), Windows8.1 (WindowsV6.3), Windows8 (Win8), Windows7. */
  targetVersion: string;
  intDir: string;
  outDir: string;
  /** The package folder: $(PackageDir), default $(OutDir)$(ProjectName)\. */
  packageDir: string;
  targetName: string;
  targetExt: string;
  /** $(TargetPath): the driver binary the link step makes. */
  targetPath: string;
  infs: InfItem[];
  /** FilesToPackage items (the driver binary and any extra files), deduplicated. */
  filesToPackage: string[];
  inf2cat: Inf2CatSettings;
  sign: SignSettings;
  /** Every evaluated property, for tools that need more (doctor). */
  properties: Record<string, string>;
  /** Configurations the project declares ("Debug|x64"...). */
  declaredConfigurations: string[];
  /** What the reader could not evaluate (a condition needing the SDK's properties, an unreadable import), with file and line. */
  warnings: string[];
  /** Driver projects a package project references (ProjectReference): their INFs and outputs are packaged here. */
  projectReferences?: string[];
  /** For `build --explain`: the properties and items that decided each step, and where each came from. */
  provenance?: Provenance;
}

export interface ProvenanceEntry {
  /** Property name, or `Type: include` for an item. */
  name: string;
  value: string;
  /** The file and line that set it, when a project file did. */
  file?: string;
  line?: number;
  /** Otherwise where it came from: a global property, the environment, a default of the WDK targets. */
  source?: string;
}

export interface Provenance {
  properties: ProvenanceEntry[];
  items: ProvenanceEntry[];
  imports: string[];
}

export const platformArch: Record<Platform, InfArch> = { Win32: 'x86', x64: 'amd64', ARM64: 'arm64', ARM: 'arm' };
/** $(DDKPlatform): the suffix of inf2cat ids (10_X64...) and of the WDK's own folders. */
export const ddkPlatform: Record<Platform, string> = { Win32: 'x86', x64: 'x64', ARM64: 'ARM64', ARM: 'ARM' };

/** Accepts the platform names people type: x64/amd64, Win32/x86, ARM64, ARM (any case). */
export function normalizePlatform(text: string): Platform | undefined {
  switch (text.toLowerCase()) {
    case 'x64':
    case 'amd64':
      return 'x64';
    case 'win32':
    case 'x86':
      return 'Win32';
    case 'arm64':
      return 'ARM64';
    case 'arm':
      return 'ARM';
    default:
      return undefined;
  }
}

/** The default Inf2CatWindowsVersionList for a TargetVersion and platform (wdk-tools.md §3.9). */
export function defaultOsList(targetVersion: string, platform: Platform): string[] {
  const suffix = ddkPlatform[platform].toUpperCase();
  switch (targetVersion.toLowerCase()) {
    case 'windows7':
      return [`7_${suffix}`];
    case 'win8':
    case 'windows8':
      return [`8_${suffix}`];
    case 'windowsv6.3':
    case 'windows8.1':
      return [`6_3_${suffix}`];
    // Windows 10 on ARM64 starts with 1709: Inf2Cat has no 10_ARM64 id, its first ARM64 id is 10_RS3_ARM64.
    default:
      return [platform === 'ARM64' ? '10_RS3_ARM64' : `10_${suffix}`];
  }
}

/** The KMDF/UMDF version a project targets by default: the first one of Windows 10 (what VS passes, `-k 1.15`). */
export const defaultFrameworkMinor: Record<string, { kmdf: string; umdf: string }> = {
  windows7: { kmdf: '11', umdf: '11' },
  win8: { kmdf: '11', umdf: '11' },
  'windowsv6.3': { kmdf: '13', umdf: '13' },
  windows10: { kmdf: '15', umdf: '15' },
};

export function targetExtFor(configurationType: string): string {
  switch (configurationType.toLowerCase()) {
    case 'dynamiclibrary':
      return '.dll';
    case 'application':
      return '.exe';
    case 'staticlibrary':
      return '.lib';
    case 'utility':
      return '';
    default:
      return '.sys';
  }
}

export function parseBool(text: string | undefined, fallback: boolean): boolean {
  if (text === undefined || text.trim() === '') return fallback;
  return ['true', 'yes', 'on', '1'].includes(text.trim().toLowerCase());
}

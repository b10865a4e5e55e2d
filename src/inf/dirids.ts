// DIRIDs (inf-format.md §2.10): numbers that stand for directories of the
// target machine. Paths are Windows paths on a system drive C:.

export interface DiridInfo {
  id: number;
  path: string;
  name: string;
  /** Deprecated for WHQL (InfVerif 1340/1341 in /w). */
  deprecated?: boolean;
}

const WIN = 'C:\\Windows';
const SYS = `${WIN}\\System32`;

const TABLE: DiridInfo[] = [
  { id: -1, path: '', name: 'absolute path', deprecated: true },
  { id: 0, path: '', name: 'null' },
  { id: 1, path: '', name: 'source directory of the INF', deprecated: true },
  { id: 10, path: WIN, name: 'Windows directory' },
  { id: 11, path: SYS, name: 'System32' },
  { id: 12, path: `${SYS}\\drivers`, name: 'drivers directory' },
  { id: 13, path: `${SYS}\\DriverStore\\FileRepository`, name: 'driver store folder of this package' },
  { id: 17, path: `${WIN}\\INF`, name: 'INF directory', deprecated: true },
  { id: 18, path: `${WIN}\\Help`, name: 'Help directory', deprecated: true },
  { id: 20, path: `${WIN}\\Fonts`, name: 'Fonts directory', deprecated: true },
  { id: 21, path: `${SYS}\\viewers`, name: 'viewers directory', deprecated: true },
  { id: 23, path: `${SYS}\\spool\\drivers\\color`, name: 'color directory' },
  { id: 24, path: 'C:\\', name: 'system drive root', deprecated: true },
  { id: 25, path: WIN, name: 'shared directory', deprecated: true },
  { id: 30, path: 'C:\\', name: 'boot disk root', deprecated: true },
  { id: 50, path: `${WIN}\\system`, name: 'system directory', deprecated: true },
  { id: 51, path: `${SYS}\\spool`, name: 'spool directory' },
  { id: 52, path: `${SYS}\\spool\\drivers`, name: 'spool drivers directory' },
  { id: 53, path: 'C:\\Users\\Default', name: 'user profile directory', deprecated: true },
  { id: 54, path: 'C:\\', name: 'osloader directory', deprecated: true },
  { id: 55, path: `${SYS}\\spool\\prtprocs`, name: 'print processors directory' },
  { id: 16406, path: 'C:\\ProgramData\\Microsoft\\Windows\\Start Menu', name: 'All Users Start Menu', deprecated: true },
  { id: 16407, path: 'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs', name: 'All Users Programs', deprecated: true },
  { id: 16408, path: 'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\Startup', name: 'All Users Startup', deprecated: true },
  { id: 16409, path: 'C:\\Users\\Public\\Desktop', name: 'All Users Desktop', deprecated: true },
  { id: 16415, path: 'C:\\Users\\Default\\Favorites', name: 'Favorites', deprecated: true },
  { id: 16419, path: 'C:\\ProgramData', name: 'All Users AppData', deprecated: true },
  { id: 16422, path: 'C:\\Program Files', name: 'Program Files' },
  { id: 16425, path: `${WIN}\\SysWOW64`, name: 'SysWOW64' },
  { id: 16426, path: 'C:\\Program Files (x86)', name: 'Program Files (x86)' },
  { id: 16427, path: 'C:\\Program Files\\Common Files', name: 'Common Files' },
  { id: 16428, path: 'C:\\Program Files (x86)\\Common Files', name: 'Common Files (x86)' },
  { id: 16429, path: 'C:\\Users\\Default\\Templates', name: 'Templates', deprecated: true },
  { id: 16430, path: 'C:\\Users\\Public\\Documents', name: 'Documents', deprecated: true },
  { id: 66000, path: `${SYS}\\spool\\drivers\\x64`, name: 'printer driver directory' },
  { id: 66001, path: `${SYS}\\spool\\prtprocs\\x64`, name: 'print processor directory' },
  { id: 66002, path: SYS, name: 'printer System32 files' },
  { id: 66003, path: `${SYS}\\spool\\drivers\\color`, name: 'color directory' },
  { id: 66004, path: `${SYS}\\spool\\drivers\\x64\\3`, name: 'printer ASP files' },
];

const BY_ID = new Map(TABLE.map((d) => [d.id, d]));

/** DIRID −1 is also written 65535. */
export function normalizeDirid(id: number): number {
  return id === 65535 ? -1 : id;
}

export function diridInfo(id: number): DiridInfo | undefined {
  return BY_ID.get(normalizeDirid(id));
}

export function knownDirids(): readonly DiridInfo[] {
  return TABLE;
}

/**
 * A DIRID's directory as SetupAPI's string substitution gives it, or
 * undefined where the reader leaves `%n%` as written. DIRIDs 1 and 13 depend
 * on where the INF is installed from and to; `overrides` supplies them.
 */
export function diridPath(id: number, overrides?: ReadonlyMap<number, string>): string | undefined {
  const n = normalizeDirid(id);
  const own = overrides?.get(n);
  if (own !== undefined) return own;
  if (n === 1 || n === 13) return undefined;
  const info = BY_ID.get(n);
  if (info) return info.path;
  // Unknown DIRIDs below the shell-folder range read as <System32>\unknown
  // (Wine's test of this passes on Windows); user-defined ones stay as written.
  if (n > 0 && n < 16384) return `${SYS}\\unknown`;
  return undefined;
}

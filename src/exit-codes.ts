// Exit codes, one table per tool: the single source. Each command's --help prints its
// table (exitCodeTables, made from EXIT_CODES), and test/architecture/exit-codes.test.ts
// checks that the README and docs/ tables list the same codes.

/** Linting and file tools (inf parse, infverif, stampinf, doctor, cert, catalog, signtool). */
export const LintExit = { ok: 0, errors: 1, usage: 2 } as const;

/** inf2cat: Inf2Cat returns 0, -1 (usage) and -2 (signability failed); POSIX sees 255 and 254. */
export const Inf2CatExit = { ok: 0, usage: 255, failed: 254 } as const;

/** devcon: EXIT_OK, EXIT_REBOOT, EXIT_FAIL, EXIT_USAGE from the devcon sample's devcon.h. */
export const DevconExit = { ok: 0, reboot: 1, fail: 2, usage: 3 } as const;

/** stampinf: 0 stamped, 1 stamping failed (file unreadable/read-only, no version source, bad STAMPINF_* value), 2 bad command line. */
export const StampinfExit = { ok: 0, failed: 1, usage: 2 } as const;

/** signtool: 0 success, 1 failure, 2 completed with warnings (signtool's documented codes). */
export const SigntoolExit = { ok: 0, error: 1, warning: 2 } as const;

/** build: 0 package built, 1 a build step failed (missing binary, stampinf, inf2cat, signing), 2 bad command line or unreadable project. demo uses the same codes. */
export const BuildExit = { ok: 0, failed: 1, usage: 2 } as const;

/** Stopped by a signal: 128 + the signal number, as shells report it. */
export const SignalExit = { SIGINT: 130, SIGTERM: 143 } as const;

/** The codes every tool shares (README, docs/limits.md): faults of the machine (src/errors.ts EnvironmentExit) and signals. */
export const COMMON_EXITS =
  "Every tool: 73 read-only file system, 74 disk full, out of inodes or I/O error, 77 permission denied (the machine's faults, not wdksim's); 130 stopped by SIGINT (Ctrl+C), 143 stopped by SIGTERM.";

// pnputil's return values (wdk-tools.md §6.3). A Windows exit code is 32 bits; a POSIX
// parent sees 8. wdksim exits with the low byte of the Windows value, which is what `$?`
// shows when Windows' pnputil.exe runs under WSL, except that a failure whose low byte is
// 0 exits 1 so that it never reads as success.
export const PnpReturn = {
  success: 0,
  invalidFunction: 1,
  fileNotFound: 2,
  accessDenied: 5,
  notSupported: 50,
  invalidParameter: 87,
  noMoreItems: 259,
  rebootInitiated: 1641,
  rebootRequired: 3010,
  noSuchDevinst: 0xe000020b,
  infInUseByDevices: 0xe000023d,
  notAnInstalledOemInf: 0xe000023a,
  noCatalogForOemInf: 0xe000022f,
} as const;

/** Windows return value → POSIX exit status. */
export function posixExit(windowsValue: number): number {
  const value = windowsValue >>> 0;
  if (value === 0) return 0;
  const low = value & 0xff;
  return low === 0 ? 1 : low;
}

/** pnputil's return values with their meaning: `pnputil --help` prints them (src/pnputil/returns.ts). */
export const PNPUTIL_RETURNS: readonly [number, string][] = [
  [PnpReturn.success, 'ERROR_SUCCESS: success'],
  [PnpReturn.rebootRequired, 'ERROR_SUCCESS_REBOOT_REQUIRED: done, a reboot is needed'],
  [PnpReturn.rebootInitiated, 'ERROR_SUCCESS_REBOOT_INITIATED: done, the target was rebooted (/reboot)'],
  [PnpReturn.noMoreItems, 'ERROR_NO_MORE_ITEMS: /install found no device to update (none matches, or a better driver is installed)'],
  [PnpReturn.fileNotFound, 'ERROR_FILE_NOT_FOUND: the INF does not exist'],
  [PnpReturn.accessDenied, 'no package newly added (all already in the driver store)'],
  [PnpReturn.notSupported, 'ERROR_NOT_SUPPORTED: the device cannot be disabled'],
  [PnpReturn.invalidParameter, 'ERROR_INVALID_PARAMETER: bad command line'],
  [PnpReturn.noSuchDevinst, 'ERROR_NO_SUCH_DEVINST: no such device instance'],
  [PnpReturn.noCatalogForOemInf, 'ERROR_NO_CATALOG_FOR_OEM_INF: package not signed or catalog wrong'],
  [PnpReturn.notAnInstalledOemInf, 'ERROR_NOT_AN_INSTALLED_OEM_INF: not a published oem#.inf'],
  [PnpReturn.infInUseByDevices, 'ERROR_INF_IN_USE_BY_DEVICES: package in use (use /uninstall or /force)'],
];

export interface ExitCode {
  code: number;
  meaning: string;
}

/** Every tool's exit codes with their meaning, in the order --help lists them. */
/** InfDefaultInstall / InstallHinfSection (silent on Windows; wdksim's codes). */
const HINF_EXITS: readonly ExitCode[] = [
  { code: 0, meaning: 'done' },
  { code: 1, meaning: 'done but a reboot is needed' },
  { code: 2, meaning: 'failure (reason on stderr)' },
];

export const EXIT_CODES = {
  build: [
    { code: BuildExit.ok, meaning: 'package built' },
    { code: BuildExit.failed, meaning: 'a build step failed (driver binary missing, StampInf, Inf2Cat or signing failed)' },
    { code: BuildExit.usage, meaning: 'bad command line or unreadable project file' },
  ],
  demo: [
    { code: BuildExit.ok, meaning: 'every step of the tutorial worked' },
    { code: BuildExit.failed, meaning: 'a step failed (its command and output are shown)' },
    { code: BuildExit.usage, meaning: 'bad command line or DIR not usable' },
  ],
  stampinf: [
    { code: StampinfExit.ok, meaning: 'stamped' },
    { code: StampinfExit.failed, meaning: 'stamping failed (file missing, unreadable or read-only; no version source; bad STAMPINF_DATE/STAMPINF_VERSION)' },
    { code: StampinfExit.usage, meaning: 'bad command line (unknown option, missing value, invalid -d/-v/-k/-u)' },
  ],
  /** inf parse, infverif, doctor. */
  lint: [
    { code: LintExit.ok, meaning: 'no errors' },
    { code: LintExit.errors, meaning: 'errors found (or warnings over --max-warnings)' },
    { code: LintExit.usage, meaning: 'usage error or unreadable input' },
  ],
  inf2cat: [
    { code: Inf2CatExit.ok, meaning: 'success' },
    { code: Inf2CatExit.usage, meaning: '(Inf2Cat -1) bad parameters' },
    { code: Inf2CatExit.failed, meaning: '(Inf2Cat -2) signability test failed' },
  ],
  devcon: [
    { code: DevconExit.ok, meaning: 'success' },
    { code: DevconExit.reboot, meaning: 'reboot required' },
    { code: DevconExit.fail, meaning: 'failure' },
    { code: DevconExit.usage, meaning: 'usage error' },
  ],
  signtool: [
    { code: SigntoolExit.ok, meaning: 'success' },
    { code: SigntoolExit.error, meaning: 'failure (bad command line, unreadable file, signing or verification failed)' },
    { code: SigntoolExit.warning, meaning: 'completed with warnings' },
  ],
  cert: [
    { code: LintExit.ok, meaning: 'certificate written' },
    { code: LintExit.errors, meaning: 'could not write it' },
    { code: LintExit.usage, meaning: 'usage error' },
  ],
  target: [
    { code: 0, meaning: 'success' },
    { code: 1, meaning: 'target verify found inconsistencies (or reg query found no key)' },
    { code: 2, meaning: 'usage error, no target, locked or damaged target' },
  ],
  deploy: [
    { code: 0, meaning: 'deployed (and installed)' },
    { code: 1, meaning: 'installed but a reboot is required' },
    { code: 2, meaning: 'failure (bad package, install refused, no target)' },
  ],
  /** InfDefaultInstall and rundll32 setupapi.dll,InstallHinfSection. */
  infdefaultinstall: HINF_EXITS,
  rundll32: HINF_EXITS,
  catalog: [
    { code: LintExit.ok, meaning: 'everything matches' },
    { code: LintExit.errors, meaning: 'the signature does not match the catalog, or a member mismatches, is missing, or a package file is not in the catalog' },
    { code: LintExit.usage, meaning: 'usage error or unreadable catalog' },
  ],
  /** pnputil: the POSIX status of each Windows return value (PNPUTIL_RETURNS). */
  pnputil: PNPUTIL_RETURNS.map(([value, meaning]) => ({ code: posixExit(value), meaning })),
} satisfies Record<string, readonly ExitCode[]>;

/** The line each command's --help ends with: `Exit codes: 0 ..., 1 ..., 2 ....` */
export const exitCodeTables: Record<Exclude<keyof typeof EXIT_CODES, 'pnputil'>, string> = Object.fromEntries(
  Object.entries(EXIT_CODES)
    .filter(([tool]) => tool !== 'pnputil')
    .map(([tool, codes]) => [tool, `Exit codes: ${codes.map((c) => `${c.code} ${c.meaning}`).join(', ')}.`]),
) as Record<Exclude<keyof typeof EXIT_CODES, 'pnputil'>, string>;

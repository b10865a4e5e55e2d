// Exit codes, one table per tool. Each command's --help prints its table.

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

/** The codes every tool shares: faults of the machine (src/errors.ts EnvironmentExit) and signals. */
export const COMMON_EXITS = 'Every tool: 73 read-only file system, 74 disk full, out of inodes or I/O error, 77 permission denied (the machine\'s faults, not wdksim\'s); 130 stopped by SIGINT (Ctrl+C), 143 stopped by SIGTERM.';

const toolTables: Record<string, string> = {
  build: 'Exit codes: 0 package built, 1 a build step failed (driver binary missing, StampInf, Inf2Cat or signing failed), 2 bad command line or unreadable project file.',
  demo: 'Exit codes: 0 every step of the tutorial worked, 1 a step failed (its command and output are shown), 2 bad command line or DIR not usable.',
  stampinf: 'Exit codes: 0 stamped, 1 stamping failed (file missing, unreadable or read-only; no version source; bad STAMPINF_DATE/STAMPINF_VERSION), 2 bad command line (unknown option, missing value, invalid -d/-v/-k/-u).',
  lint: 'Exit codes: 0 no errors, 1 errors found (or warnings over --max-warnings), 2 usage error or unreadable input.',
  inf2cat: 'Exit codes: 0 success, 255 (Inf2Cat -1) bad parameters, 254 (Inf2Cat -2) signability test failed.',
  devcon: 'Exit codes: 0 success, 1 reboot required, 2 failure, 3 usage error.',
  pnputil: 'Exit status: the low byte of pnputil\'s Windows return value (1 when that byte is 0): 0 success, 194 = 3010 reboot required, 105 = 1641 rebooted, 3 = 259 no device updated, 2 file not found, 5 nothing newly added, 87 bad command line, 61 = 0xE000023D package in use.',
  signtool: 'Exit codes: 0 success, 1 failure (bad command line, unreadable file, signing or verification failed), 2 completed with warnings.',
  cert: 'Exit codes: 0 certificate written, 1 could not write it, 2 usage error.',
  target: 'Exit codes: 0 success, 1 target verify found inconsistencies (or reg query found no key), 2 usage error, no target, locked or damaged target.',
  deploy: 'Exit codes: 0 deployed (and installed), 1 installed but a reboot is required, 2 failure (bad package, install refused, no target).',
  catalog: 'Exit codes: 0 everything matches, 1 a member mismatches, is missing, or a package file is not in the catalog, 2 usage error or unreadable catalog.',
};

export const exitCodeTables: Record<string, string> = Object.fromEntries(Object.entries(toolTables).map(([tool, text]) => [tool, `${text}\n${COMMON_EXITS}`]));

// The external programs some tests check wdksim against (openssl, osslsigncode,
// Chromium). A test that needs one asks here: when the program is missing the
// test skips with a one-line reason naming it and how to install it, unless
// WDKSIM_REQUIRE_ORACLES=1 (set by .ci/run), where a missing oracle fails the
// test file instead, so CI can never pass by skipping.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type OracleName = 'openssl' | 'osslsigncode' | 'chromium';

const INSTALL: Record<OracleName, string> = {
  openssl: 'apt-get install openssl / brew install openssl / choco install openssl',
  osslsigncode: 'apt-get install osslsigncode / brew install osslsigncode / vcpkg install osslsigncode',
  chromium: 'apt-get install chromium / brew install --cask chromium, or set WDKSIM_CHROMIUM to a Chrome or Chromium binary',
};

const PROGRAMS: Record<OracleName, string[]> = {
  openssl: ['openssl'],
  osslsigncode: ['osslsigncode'],
  chromium: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
};

export const REQUIRE_ORACLES = process.env.WDKSIM_REQUIRE_ORACLES === '1';

/** The full path of an executable found on PATH (with PATHEXT on Windows), or undefined. */
export function findOnPath(program: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = join(dir, program + ext);
      try {
        accessSync(candidate, constants.X_OK);
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

const found = new Map<OracleName, string | undefined>();
const warned = new Set<OracleName>();

/** Where the oracle is, or undefined when it is missing. */
export function oraclePath(name: OracleName): string | undefined {
  if (!found.has(name)) {
    const explicit = name === 'chromium' ? process.env.WDKSIM_CHROMIUM : undefined;
    const path = explicit && existsSync(explicit) ? explicit : PROGRAMS[name].map((p) => findOnPath(p)).find((p) => p !== undefined);
    found.set(name, path);
  }
  return found.get(name);
}

/** The one-line reason a test needing `name` is skipped. */
export function skipReason(name: OracleName): string {
  return `${name} not found on PATH (install: ${INSTALL[name]})`;
}

/**
 * True when the oracle is there. When it is missing: prints the skip reason once per
 * test file and returns false, or under WDKSIM_REQUIRE_ORACLES=1 throws (the file fails).
 */
export function hasOracle(name: OracleName): boolean {
  if (oraclePath(name) !== undefined) return true;
  if (REQUIRE_ORACLES) throw new Error(`WDKSIM_REQUIRE_ORACLES=1 and ${skipReason(name)}`);
  if (!warned.has(name)) {
    warned.add(name);
    console.warn(`skipped: the tests that need ${name}: ${skipReason(name)}`);
  }
  return false;
}

/** A test-title suffix saying why it is skipped ('' when the oracle is there). */
export function skipNote(name: OracleName): string {
  return hasOracle(name) ? '' : ` [skipped: ${skipReason(name)}]`;
}

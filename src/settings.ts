// Every WDKSIM_* setting read from the environment, checked in one place before
// a command runs: a value that is not what the setting takes is refused with
// its name and the expected form (WDKSIM_LOCK_WAIT_MS=abc used to wait forever).
// Resource limits are set here for the whole process (src/limits.ts).
import { UsageError } from './errors.js';
import { DEFAULT_LIMITS, LIMIT_VARIABLES, setLimits, type Limits } from './limits.js';

type Check = (value: string) => string | undefined;

const integer =
  (min: number): Check =>
  (value) =>
    /^\d+$/.test(value.trim()) && Number(value) >= min && Number.isSafeInteger(Number(value)) ? undefined : `an integer of at least ${min}`;
const flag: Check = (value) => (value === '0' || value === '1' ? undefined : '0 or 1');
const nonEmpty: Check = (value) => (value.trim() !== '' ? undefined : 'a non-empty path');

/** The settings whose values have a form to check (WDKSIM_NOW is checked by the clock, WDKSIM_TRUSTED_CERTS when read). */
export const SETTINGS: Readonly<Record<string, { check: Check; meaning: string }>> = {
  WDKSIM_TARGET: { check: nonEmpty, meaning: 'the simulated target machine folder' },
  WDKSIM_LOCK_WAIT_MS: { check: integer(0), meaning: 'milliseconds to wait for a locked target' },
  WDKSIM_LOCK_STALE_MS: { check: integer(0), meaning: 'milliseconds after which a lock not refreshed is stale' },
  WDKSIM_PROGRESS_DELAY_MS: { check: integer(0), meaning: 'milliseconds before a progress bar shows' },
  WDKSIM_VALIDATE_STATE: { check: flag, meaning: 're-validate the whole state at every commit' },
  WDKSIM_INFVERIF_THREADS: { check: integer(0), meaning: 'worker threads for infverif over many files; 0 or 1: none' },
  WDKSIM_INFVERIF_WORKER_MIN_FILES: { check: integer(1), meaning: 'files from which infverif uses worker threads' },
  ...Object.fromEntries(
    (Object.keys(LIMIT_VARIABLES) as (keyof Limits)[]).map((k) => [LIMIT_VARIABLES[k], { check: integer(1), meaning: `resource limit (default ${DEFAULT_LIMITS[k]})` }]),
  ),
};

/** Checks the settings and applies the limits; UsageError naming the first bad one. */
export function applySettings(env: Record<string, string | undefined>, usageExit = 2): void {
  for (const [name, { check, meaning }] of Object.entries(SETTINGS)) {
    const value = env[name];
    if (value === undefined) continue;
    const expected = check(value);
    if (expected !== undefined) throw new UsageError(`${name}="${value}" is not valid: ${name} (${meaning}) takes ${expected}; fix or unset it`, usageExit);
  }
  const chosen: Partial<Limits> = {};
  for (const k of Object.keys(LIMIT_VARIABLES) as (keyof Limits)[]) {
    const value = env[LIMIT_VARIABLES[k]];
    if (value !== undefined) chosen[k] = Number(value);
  }
  setLimits(chosen);
}

// The lock's two settings, parsed in one place (WDKSIM_LOCK_WAIT_MS,
// WDKSIM_LOCK_STALE_MS). An invalid value is refused with a message naming the
// variable, never read as "wait forever".
import { UsageError } from '../errors.js';

export interface LockSettings {
  /** How long a command waits for a lock another live command holds. */
  waitMs: number;
  /** Heartbeat age after which a lock of another host (or of unknown owner) counts as abandoned. */
  staleMs: number;
}

function msSetting(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`${name}=${raw} is not a number of milliseconds; set it to a whole number such as ${fallback}, or unset it`);
  const value = Number(raw.trim());
  if (!Number.isSafeInteger(value)) throw new UsageError(`${name}=${raw} is too large; use at most ${Number.MAX_SAFE_INTEGER}`);
  return Math.max(min, value);
}

export function lockSettings(env: Record<string, string | undefined>): LockSettings {
  return {
    waitMs: msSetting(env, 'WDKSIM_LOCK_WAIT_MS', 60_000, 0),
    staleMs: msSetting(env, 'WDKSIM_LOCK_STALE_MS', 10_000, 2_000),
  };
}

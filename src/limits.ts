// Resource limits: every input that could make wdksim use memory or time out
// of proportion to its size is bounded here, each limit named by the setting
// that raises it (docs/limits.md). The CLI sets them from the environment once
// (src/settings.ts); library callers may call setLimits.
import { InputError } from './errors.js';

export interface Limits {
  /** Characters the %token% substitution of one INF may produce in total. */
  infExpansion: number;
  /** Distinct sections in one INF. */
  infSections: number;
  /** Entries (lines) in one INF. */
  infEntries: number;
  /** Registry keys one install may create. */
  registryKeys: number;
  /** Files in one driver package. */
  packageFiles: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  infExpansion: 64 * 2 ** 20,
  infSections: 200_000,
  infEntries: 5_000_000,
  registryKeys: 20_000,
  packageFiles: 100_000,
});

/** The environment variable that sets each limit. */
export const LIMIT_VARIABLES: Readonly<Record<keyof Limits, string>> = Object.freeze({
  infExpansion: 'WDKSIM_MAX_INF_EXPANSION',
  infSections: 'WDKSIM_MAX_INF_SECTIONS',
  infEntries: 'WDKSIM_MAX_INF_ENTRIES',
  registryKeys: 'WDKSIM_MAX_REGISTRY_KEYS',
  packageFiles: 'WDKSIM_MAX_PACKAGE_FILES',
});

/** Windows' own registry limits (Registry element size limits): not settings. */
export const REGISTRY_MAX_DEPTH = 512;
export const REGISTRY_MAX_KEY_NAME = 255;

let current: Limits = { ...DEFAULT_LIMITS };

export function limits(): Readonly<Limits> {
  return current;
}

/** Replaces some limits (the rest keep their defaults); returns the previous set, for tests to restore. */
export function setLimits(partial: Partial<Limits>): Limits {
  const previous = current;
  current = { ...DEFAULT_LIMITS, ...partial };
  return previous;
}

/** An input over a resource limit: names the limit, the input and how to raise it. Exit code 2. */
export class LimitError extends InputError {
  constructor(
    readonly limit: keyof Limits,
    what: string,
  ) {
    super(`${what}: over the limit of ${current[limit].toLocaleString('en-US')} (set ${LIMIT_VARIABLES[limit]} to raise it; see docs/limits.md)`, 2);
  }
}

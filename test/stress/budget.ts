// Budgets shared by the reliability suites: small in `npm test`, large under
// `npm run fuzz` / `npm run stress` (their configs set these variables).
function intFrom(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Full-size large inputs (4 GiB, 10 000 files, 100 MB) only under `npm run stress`. */
export const STRESS = process.env.WDKSIM_STRESS === '1';
/** Mutated inputs per command in the CLI fuzz target. */
export const FUZZ_RUNS = intFrom('WDKSIM_FUZZ_RUNS', 40);
/** fast-check runs per property. */
export const PROPERTY_RUNS = intFrom('WDKSIM_PROPERTY_RUNS', 200);
/** Random-moment kills per atomic writer (stampinf, inf2cat, signtool). */
export const FAULT_RUNS = intFrom('WDKSIM_FAULT_RUNS', 3);
/** Processes started at once on one target. */
export const STRESS_PROCS = intFrom('WDKSIM_STRESS_PROCS', 6);
/** Rounds of the lock test (a holder killed or paused at a random step, waiters contending). */
export const LOCK_ITERATIONS = intFrom('WDKSIM_LOCK_ITERATIONS', 3);
/** A seed for the pseudo-random choices, printed with every failure so it can be replayed. */
export const SEED = intFrom('WDKSIM_FUZZ_SEED', 20261125);

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One line the docs' figures are copied from: `[reliability] name: key=value ...`. */
export function figures(name: string, values: Record<string, number | string>): void {
  console.log(
    `[reliability] ${name}: ${Object.entries(values)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
}

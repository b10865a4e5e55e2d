// `npm run stress`: hostile packages, fault injection, concurrency and large
// inputs at full size (100 MB INF, 10 000-file package, 4 GiB sparse file).
// The same files run in `npm test` scaled down (see test/stress/budget.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/setup/temp-root.ts'],
    include: ['test/hostile/**/*.test.ts', 'test/faults/**/*.test.ts', 'test/stress/**/*.test.ts', 'test/large/**/*.test.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Big inputs and many processes: one file at a time so peak RSS figures are the child's own.
    poolOptions: { forks: { maxForks: 1, minForks: 1 } },
    env: { WDKSIM_STRESS: '1', WDKSIM_FAULT_RUNS: '20', WDKSIM_STRESS_PROCS: '16', WDKSIM_LOCK_ITERATIONS: '200' },
  },
});

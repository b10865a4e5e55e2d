// `npm run fuzz`: the property and CLI fuzz suites (test/fuzz) with a large
// budget. The same files run in `npm test` with the small default budget.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/setup/temp-root.ts'],
    include: ['test/fuzz/**/*.test.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    env: { WDKSIM_FUZZ_RUNS: '2000', WDKSIM_PROPERTY_RUNS: '5000' },
  },
});

import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// `npm test`: every layer at its small default budget. Most CLI cases run in-process
// (test/helpers/cli.ts); the few that need a process spawn the built bin.
export default defineConfig({
  // What the build defines, so an in-process `wdksim --version` prints the package version.
  define: { WDKSIM_VERSION: JSON.stringify(pkg.version) },
  test: {
    globalSetup: ['test/setup/temp-root.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep the pool small.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});

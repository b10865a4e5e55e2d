// `npm run test:unit`: the library's unit tests only (no e2e, no hostile, fault,
// stress, large-input or fuzz suites); needs no build.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['node_modules/**', 'test/e2e/**', 'test/hostile/**', 'test/faults/**', 'test/stress/**', 'test/large/**', 'test/fuzz/**'],
    },
  }),
);

// The public API is deliberate: src/index.ts names what it exports (no `export *` of a
// folder), keeps test hooks out, and the README's example compiles and runs against it.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as api from '../../src/index.js';

const INDEX = new URL('../../src/index.ts', import.meta.url);
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('public API (src/index.ts)', () => {
  it('exports by name: no `export *` of a module with values', () => {
    const text = readFileSync(INDEX, 'utf8');
    expect(text.match(/^export \* from/gm) ?? []).toEqual([]);
  });

  it('has the intended entry points and not the test hooks', () => {
    for (const name of [
      'parseInf',
      'validate',
      'validateDocument',
      'stampInf',
      'createCatalog',
      'readCatalog',
      'signCatalog',
      'verifyCatalogSignature',
      'openTarget',
      'stageDriverPackage',
      'installDriverOnDevices',
      'runBuild',
      'EXIT_CODES',
      'VERSION',
    ]) {
      expect(api, name).toHaveProperty(name);
    }
    expect(api).not.toHaveProperty('FAULT_STEPS');
    expect(Object.keys(api).length).toBeLessThan(100);
  });

  it('the README example is test/architecture/readme-example.ts (which tsc checks), and it runs', async () => {
    const block = /## Library\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    const example = readFileSync(new URL('./readme-example.ts', import.meta.url), 'utf8');
    expect(example.replace(/^\/\/.*\n/gm, '').replace("from '../../src/index.js'", "from 'wdksim'")).toBe(block);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await import('./readme-example.js');
      expect(log.mock.calls).toEqual([['03/04/2026,1.2.3.4'], ['03/04/2026,1.2.3.4', false]]);
    } finally {
      log.mockRestore();
    }
  });
});

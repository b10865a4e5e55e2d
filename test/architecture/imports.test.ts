// The import graph of src/: no cycle between folders, none between files, and no file
// imports outside src/ by a relative path. See docs/architecture.md for the picture.
import { describe, expect, it } from 'vitest';
import { cycles, fileGraph, unitGraph } from './import-graph.js';

describe('import graph of src/', () => {
  const files = fileGraph();

  it('reads the graph (sanity: known edges are seen, lazy imports included)', () => {
    expect(files.size).toBeGreaterThan(100);
    expect(files.get('cli.ts')).toContain('commands/registry.ts');
    expect(files.get('commands/registry.ts')).toContain('commands/infverif.ts');
  });

  it('every relative import names a file of src/', () => {
    const missing = [...files].flatMap(([from, deps]) => [...deps].filter((d) => !files.has(d)).map((d) => `${from} -> ${d}`));
    expect(missing).toEqual([]);
  });

  it('has no cycle between folders (a file directly in src/ counts as its own unit)', () => {
    const units = unitGraph(files);
    const found = cycles(new Map([...units].map(([u, edges]) => [u, [...edges.keys()]])));
    const explain = found.map((c) => c.flatMap((a) => c.filter((b) => units.get(a)?.has(b)).map((b) => `${a} -> ${b} (${units.get(a)!.get(b)![0]})`)).join('\n'));
    expect(explain).toEqual([]);
  });

  it('has no cycle between files', () => {
    // `wdksim build` writes catalogs through the library (src/package/inf2cat.ts) and `wdksim demo`
    // is handed the registry's lookup by the registry, so no command imports the registry back.
    const found = cycles(new Map([...files].map(([f, deps]) => [f, [...deps]])));
    expect(found).toEqual([]);
  });

  it('the cycle finder finds a cycle (so the checks above can fail)', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });
});

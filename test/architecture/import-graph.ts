// Reads every relative import of src/ (static, `export ... from`, `import type` and
// lazy `import()`), so the architecture tests can check the direction of dependencies.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const SRC = resolve(dirname(new URL(import.meta.url).pathname), '../../src');

/** File (relative to src/, with `/`) → the src files it imports. */
export function fileGraph(): Map<string, Set<string>> {
  const files: string[] = [];
  (function walk(dir: string) {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) files.push(path);
    }
  })(SRC);
  const graph = new Map<string, Set<string>>();
  const importRe = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const deps = new Set<string>();
    for (const m of text.matchAll(importRe)) {
      const spec = (m[1] ?? m[2])!;
      deps.add(
        relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, '.ts')))
          .split('\\')
          .join('/'),
      );
    }
    graph.set(relative(SRC, file).split('\\').join('/'), deps);
  }
  return graph;
}

/**
 * The unit a file belongs to for the folder graph: its top folder under src/, or, for a
 * file directly in src/, the file itself. Root files are treated one by one because they
 * are of two kinds: leaves every folder may import (errors.ts, io.ts, exit-codes.ts,
 * diagnostic.ts) and the two entry points (cli.ts, index.ts) that import the folders.
 * Lumping them into one "(root)" node would report every folder as a cycle through it.
 */
export function unitOf(file: string): string {
  const slash = file.indexOf('/');
  return slash < 0 ? file : `${file.slice(0, slash)}/`;
}

/** Unit → unit → the file edges behind it. */
export function unitGraph(files: Map<string, Set<string>>): Map<string, Map<string, string[]>> {
  const units = new Map<string, Map<string, string[]>>();
  for (const [from, deps] of files) {
    const a = unitOf(from);
    if (!units.has(a)) units.set(a, new Map());
    for (const to of deps) {
      const b = unitOf(to);
      if (a === b) continue;
      const edges = units.get(a)!;
      if (!edges.has(b)) edges.set(b, []);
      edges.get(b)!.push(`${from} -> ${to}`);
    }
  }
  return units;
}

/** The strongly connected components with more than one member (Tarjan), each sorted. */
export function cycles(graph: Map<string, Iterable<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

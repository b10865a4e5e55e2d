// The vendored Windows-driver-samples corpus (fixtures/corpus), for tests and benchmarks.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const CORPUS_ROOT = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus', 'windows-driver-samples');

function walk(dir: string, out: string[], accept: (name: string) => boolean): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out, accept);
    else if (accept(name)) out.push(path);
  }
}

/** Every INF and INX file of the corpus, sorted. */
export function corpusInfFiles(): string[] {
  const out: string[] = [];
  walk(CORPUS_ROOT, out, (name) => /\.(inf|inx)$/i.test(name));
  return out;
}

export function corpusProjects(): string[] {
  const out: string[] = [];
  walk(CORPUS_ROOT, out, (name) => /\.vcxproj$/i.test(name));
  return out;
}

export function corpusName(path: string): string {
  return relative(CORPUS_ROOT, path).split('\\').join('/');
}

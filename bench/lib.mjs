// Shared benchmark helpers: timing, medians, memory, the corpus.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const CORPUS = join(ROOT, 'fixtures', 'corpus', 'windows-driver-samples');

export function walk(dir, accept, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, accept, out);
    else if (accept(name)) out.push(path);
  }
  return out;
}

export function corpusInfs() {
  return walk(CORPUS, (n) => /\.(inf|inx)$/i.test(n)).map((path) => ({ path, bytes: readFileSync(path) }));
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs fn repeatedly for about `ms` (at least `min` times) and returns the median seconds per run. */
export function timeIt(fn, { ms = 400, min = 5 } = {}) {
  const samples = [];
  const start = performance.now();
  while (samples.length < min || performance.now() - start < ms) {
    const t0 = performance.now();
    fn();
    samples.push((performance.now() - t0) / 1000);
  }
  return median(samples);
}

export async function timeItAsync(fn, { runs = 5 } = {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push((performance.now() - t0) / 1000);
  }
  return median(samples);
}

export const mb = (bytes) => bytes / (1024 * 1024);

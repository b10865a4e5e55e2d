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

// ---- Child-process measurement: peak memory is the whole process's peak RSS,
// so every measured step that reports memory runs in a fresh process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const STEP = join(import.meta.dirname, 'step.mjs');

/** Runs a command once: wall seconds and, where GNU time exists, its peak RSS in bytes. */
export function measureCommand(cmd, args, { cwd, env } = {}) {
  const useTime = existsSync(GNU_TIME);
  const t0 = performance.now();
  const r = spawnSync(useTime ? GNU_TIME : cmd, useTime ? ['-f', 'WDKSIM_MAXRSS=%M', cmd, ...args] : args, {
    cwd,
    ...(env ? { env: { ...process.env, ...env } } : {}),
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.error) throw r.error;
  const m = /WDKSIM_MAXRSS=(\d+)/.exec(r.stderr ?? '');
  return { seconds, status: r.status, peakRss: m ? Number(m[1]) * 1024 : undefined };
}

/**
 * Runs `steps[stepName](input, { lib, emit })` of a bench module in a fresh
 * `node` process (bench/step.mjs). Returns the seconds the step took inside
 * that process (start-up excluded), its peak RSS in bytes, its result, and
 * whatever it emitted along the way (each with the peak RSS at that moment).
 */
export function runStep(moduleUrl, stepName, input = null, { nodeArgs = [] } = {}) {
  const r = spawnSync(process.execPath, [...nodeArgs, STEP, fileURLToPath(moduleUrl), stepName], {
    input: JSON.stringify(input),
    stdio: ['pipe', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.error) throw r.error;
  const lines = (r.stdout ?? '').split('\n').filter((l) => l.startsWith('{'));
  if (lines.length === 0) throw new Error(`bench step ${stepName} failed (exit ${r.status})`);
  const parsed = lines.map((l) => JSON.parse(l));
  const failure = parsed.find((p) => p.error !== undefined);
  if (failure) throw new Error(failure.error);
  if (r.status !== 0) throw new Error(`bench step ${stepName} failed (exit ${r.status})`);
  const last = parsed.pop();
  return { ...last, emitted: parsed.map((p) => ({ ...p.emit, peakRss: p.peakRss })) };
}

/** Medians of runs alternating between several measured functions (each returns {seconds, peakRss?}), so load spikes hit all sides alike. */
export function alternate(fns, runs) {
  const samples = fns.map(() => []);
  for (let i = 0; i < runs; i++) fns.forEach((fn, k) => samples[k].push(fn()));
  return samples.map((s) => ({ seconds: median(s.map((x) => x.seconds)), peakRss: Math.max(0, ...s.map((x) => x.peakRss ?? 0)) || undefined }));
}

export const fmtMb = (bytes) => (bytes === undefined ? '' : `${(bytes / 2 ** 20).toFixed(0)} MB`);
export const MiB = 2 ** 20;
export const GiB = 2 ** 30;

// ---- The library a suite gets: the built package, plus the few helpers the
// suites use that the public library does not export (the PE builder for the
// generated packages, the INF decoder for the parse baseline), bundled from the
// sources with esbuild when missing. Used by run.mjs and step.mjs alike.

const EXTRAS = ["export { makeMinimalPe } from './src/catalog/pe-builder.js';", "export { decodeInf } from './src/inf/decode.js';"];

export async function benchLibrary() {
  const { pathToFileURL } = await import('node:url');
  const lib = await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href);
  if (typeof lib.makeMinimalPe === 'function' && typeof lib.decodeInf === 'function') return lib;
  const { build } = await import('esbuild');
  const { mkdirSync, rmSync } = await import('node:fs');
  const work = join(ROOT, 'bench', '.work');
  const out = join(work, `extras-${process.pid}.mjs`);
  mkdirSync(work, { recursive: true });
  await build({
    stdin: { contents: EXTRAS.join('\n'), resolveDir: ROOT, loader: 'ts' },
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  try {
    return { ...(await import(pathToFileURL(out).href)), ...lib };
  } finally {
    rmSync(out, { force: true });
  }
}

// ---- The growth-curve printer of bench/run.mjs.

/** "1,380" for 1380; "1.5" for 1.5. */
function count(n) {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

/**
 * How cost grows with size, per benchmark measured at several sizes (rows carrying a numeric
 * `scale` and its `scaleUnit`): each size with its cost against the smallest size's, e.g.
 * "- infverif DIR (INF files): 138 -> 1.00x, 1,380 (10x) -> 7.91x, 13,800 (100x) -> 70.2x;
 * ini: 1.00x, 8.20x, 79.5x". Linear growth shows as cost ratios near the size ratios.
 */
export function growthCurves(all) {
  const groups = new Map();
  for (const r of all) {
    if (typeof r.scale !== 'number' || r.skipped !== undefined) continue;
    const key = `${r.suite}\0${r.benchmark}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const ratio = (x) => `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)}x`;
  const lines = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => a.scale - b.scale);
    const small = sorted[0];
    const times = (k) => (Number.isInteger(k) ? `${k}x` : ratio(k));
    const points = sorted.map((r, i) => `${count(r.scale)}${i === 0 ? '' : ` (${times(r.scale / small.scale)})`} -> ${ratio(r.seconds / small.seconds)}`);
    // The baseline's own growth, when it is measured at each size (a peer over the same input).
    const peerVaries = sorted.some((r) => r.baseline === small.baseline && r.baselineSeconds !== small.baselineSeconds) && !/^same at /.test(small.baseline);
    const peer = peerVaries ? `; ${small.baseline}: ${sorted.map((r) => ratio(r.baselineSeconds / small.baselineSeconds)).join(', ')}` : '';
    lines.push(`- ${small.benchmark} (${small.scaleUnit ?? 'size'}): ${points.join(', ')}${peer}`);
  }
  return lines;
}

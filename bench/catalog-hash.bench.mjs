// Catalog hashing throughput on a generated driver package (large and small PE
// images plus flat files), against `openssl dgst -sha256` over the same files
// in the same run (target: our throughput >= 0.8x openssl's, i.e. time ratio <= 1.25).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mb, timeItAsync } from './lib.mjs';

export const name = 'catalog-hash';

function makePackage(lib, dir) {
  const files = [];
  const add = (fileName, bytes) => {
    const path = join(dir, fileName);
    writeFileSync(path, bytes);
    files.push({ name: fileName, path, size: bytes.length });
  };
  for (let i = 0; i < 3; i++) add(`big${i}.sys`, lib.makeMinimalPe({ size: 48 * 1024 * 1024 + 5, subsystem: 'native' }));
  for (let i = 0; i < 40; i++) add(`small${i}.dll`, lib.makeMinimalPe({ size: 64 * 1024 + i, subsystem: 'windows', dll: true }));
  for (let i = 0; i < 40; i++) add(`file${i}.inf`, Buffer.from(`[Version]\r\nSignature="$Windows NT$"\r\n; ${'x'.repeat(2000 + i)}\r\n`));
  return files;
}

/** Peak RSS growth while fn runs, sampled every 2 ms. */
async function peakRss(fn) {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  return Math.max(0, peak - base);
}

export async function run({ lib }) {
  const dir = mkdtempSync(join(tmpdir(), 'wdksim-bench-cat-'));
  try {
    const files = makePackage(lib, dir);
    const total = mb(files.reduce((n, f) => n + f.size, 0));
    const paths = files.map((f) => f.path);
    const openssl = () => execFileSync('openssl', ['dgst', '-sha256', ...paths], { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
    const sha256Only = async () => {
      for (const p of paths) await lib.hashFile(p, { algorithms: ['sha256'] });
    };
    const v2Catalog = () => lib.createCatalog({ members: files.map((f) => ({ name: f.name, path: f.path })), osAttr: '2:10.0', catalogAttributes: [], version: 2, now: new Date(0) });
    // Warm the page cache for both sides.
    openssl();
    await sha256Only();
    const baseline = await timeItAsync(async () => openssl(), { runs: 5 });
    const ours = await timeItAsync(sha256Only, { runs: 5 });
    const both = await timeItAsync(v2Catalog, { runs: 3 });
    const memory = await peakRss(v2Catalog);
    const label = `${files.length} files, ${total.toFixed(0)} MB`;
    const peak = `${(memory / 2 ** 20).toFixed(1)} MB RSS growth`;
    return [
      { benchmark: 'catalog hash: SHA-256 (Authenticode for PE)', size: label, seconds: ours, throughput: `${(total / ours).toFixed(0)} MB/s`, baseline: 'openssl dgst -sha256', baselineSeconds: baseline, ratio: ours / baseline, target: '<= 1.25x (>= 0.8x throughput)' },
      { benchmark: 'createCatalog v2 (SHA-256 + SHA-1 in one read)', size: label, seconds: both, throughput: `${(total / both).toFixed(0)} MB/s`, baseline: 'openssl dgst -sha256', baselineSeconds: baseline, ratio: both / baseline, target: 'informational (two digests)', peakMemory: peak },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Hashing throughput: wdksim's streamed hasher (hashFile: Authenticode image
// hash for PE files, flat SHA-256 for the rest, one file at a time) against
// `openssl dgst -sha256` over the same files, in the same run, at two package
// sizes. Target (issue 5): our throughput >= 0.8x openssl's, i.e. time <= 1.25x.
// Our side runs in a fresh `node` process per run and is timed inside it
// (node start-up excluded); openssl is timed as a whole process (its start-up
// is a few ms). Runs alternate between the two so load spikes hit both.
import { rmSync } from 'node:fs';
import { alternate, fmtMb, GiB, measureCommand, MiB, runStep } from './lib.mjs';
import { makePackage, sizeLabel } from './package-gen.mjs';

export const name = 'hashing';

export const steps = {
  /** SHA-256 of each file as a catalog member needs it. */
  async sha256(paths, { lib }) {
    for (const p of paths) await lib.hashFile(p, { algorithms: ['sha256'] });
  },
};

export async function run({ lib }) {
  const rows = [];
  for (const [size, runs] of [
    [64 * MiB, 7],
    [1 * GiB, 3],
  ]) {
    const pkg = makePackage(lib, `hashing-${size}`, size);
    try {
      const paths = pkg.files.map((f) => f.path);
      const openssl = () => {
        const r = measureCommand('openssl', ['dgst', '-sha256', ...paths]);
        if (r.status !== 0) throw new Error(`openssl dgst failed (exit ${r.status})`);
        return r;
      };
      const ours = () => runStep(import.meta.url, 'sha256', paths);
      // Warm the page cache (and both code paths) first.
      openssl();
      ours();
      const [o, w] = alternate([openssl, ours], runs);
      const mb = pkg.totalBytes / MiB;
      rows.push({
        benchmark: 'hashing: wdksim hashFile SHA-256 (Authenticode for PE)',
        size: `${pkg.files.length} files, ${sizeLabel(pkg.totalBytes)}`,
        scale: pkg.totalBytes,
        scaleUnit: 'bytes',
        seconds: w.seconds,
        throughput: `${(mb / w.seconds).toFixed(0)} MB/s (openssl ${(mb / o.seconds).toFixed(0)} MB/s)`,
        baseline: 'openssl dgst -sha256',
        baselineSeconds: o.seconds,
        ratio: w.seconds / o.seconds,
        target: '<= 1.25x (>= 0.8x throughput)',
        peakMemory: `${fmtMb(w.peakRss)} (openssl ${fmtMb(o.peakRss)})`,
      });
    } finally {
      rmSync(pkg.dir, { recursive: true, force: true });
    }
  }
  return rows;
}

// Catalog generation (createCatalog, v2: SHA-256 members + SHA-1 shadow
// entries, as inf2cat writes for Windows 10) against the hashing alone (the
// same two digests of the same files through hashFile, nothing encoded), at
// two package sizes. The ratio is what building the catalog adds on top of
// reading and hashing; the peak RSS of the whole process must stay under
// 150 MB at 1 GiB (issue 5: streamed, constant memory).
import { rmSync } from 'node:fs';
import { alternate, fmtMb, GiB, MiB, runStep } from './lib.mjs';
import { makePackage, sizeLabel } from './package-gen.mjs';

export const name = 'catalog';

export const steps = {
  async hashOnly(files, { lib }) {
    for (const f of files) await lib.hashFile(f.path, { algorithms: ['sha1', 'sha256'] });
  },
  async createCatalog(files, { lib }) {
    const der = await lib.createCatalog({
      members: files.map((f) => ({ name: f.name, path: f.path })),
      osAttr: '2:10.0',
      catalogAttributes: [{ name: 'OS', value: '10_X64' }],
      version: 2,
      now: new Date('2026-01-01T00:00:00Z'),
    });
    return der.length;
  },
};

export async function run({ lib }) {
  const rows = [];
  for (const [size, runs] of [
    [64 * MiB, 9],
    [1 * GiB, 3],
  ]) {
    const pkg = makePackage(lib, `catalog-${size}`, size);
    try {
      const files = pkg.files.map((f) => ({ name: f.name, path: f.path }));
      const hashOnly = () => runStep(import.meta.url, 'hashOnly', files);
      const catalog = () => runStep(import.meta.url, 'createCatalog', files);
      hashOnly();
      catalog(); // warm the page cache
      const [h, c] = alternate([hashOnly, catalog], runs);
      const mb = pkg.totalBytes / MiB;
      rows.push({
        benchmark: 'catalog: createCatalog v2 (SHA-256 + SHA-1)',
        size: `${pkg.files.length} files, ${sizeLabel(pkg.totalBytes)}`,
        scale: pkg.totalBytes,
        scaleUnit: 'bytes',
        seconds: c.seconds,
        throughput: `${(mb / c.seconds).toFixed(0)} MB/s`,
        baseline: 'hashFile SHA-256 + SHA-1 alone',
        baselineSeconds: h.seconds,
        ratio: c.seconds / h.seconds,
        target: 'peak RSS < 150 MB (ratio informational)',
        peakMemory: `${fmtMb(c.peakRss)} (hashing alone ${fmtMb(h.peakRss)})`,
        peakRss: c.peakRss,
      });
    } finally {
      rmSync(pkg.dir, { recursive: true, force: true });
    }
  }
  return rows;
}

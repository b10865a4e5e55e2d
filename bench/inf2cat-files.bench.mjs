// `wdksim inf2cat` on a package of many small files, whole-process timing (one
// process per command, as a CI step runs it) against `sha256sum` over the same
// files in the same run, and against `sha1sum` + `sha256sum` (the two digests a
// v2 catalog needs): 1,000 / 10,000 / 20,000 files, runs alternating; wall
// time (the ratio), CPU time (user + system, steadier on a busy machine) and
// peak RSS. Targets (issue 18): at most 4x sha256sum at 10,000 files; 20,000
// files at most 2.1x 10,000.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, ROOT } from './lib.mjs';
import { WORK } from './package-gen.mjs';

export const name = 'inf2cat-files';

/** A package folder: one INF naming `count` small files under files/, each 1-4 KiB. */
export function makeManyFilePackage(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'files'), { recursive: true });
  const names = [];
  for (let i = 0; i < count; i++) {
    const name = `f${String(i).padStart(5, '0')}.dat`;
    names.push(name);
    writeFileSync(join(dir, 'files', name), Buffer.alloc(1024 + (i % 4) * 1024, `${i} `));
  }
  const inf = [
    '[Version]',
    'Signature="$Windows NT$"',
    'Class=System',
    'ClassGuid={4d36e97d-e325-11ce-bfc1-08002be10318}',
    'Provider=%P%',
    'CatalogFile=many.cat',
    'DriverVer=01/02/2026,1.0.0.0',
    '',
    '[DestinationDirs]',
    'DefaultDestDir=13',
    '',
    '[SourceDisksNames]',
    '1=%D%,,,files',
    '',
    '[SourceDisksFiles]',
    ...names.map((n) => `${n}=1`),
    '',
    '[Manufacturer]',
    '%P%=Std,NTamd64',
    '',
    '[Std.NTamd64]',
    '%P%=Inst, ROOT\\MANYFILES',
    '',
    '[Inst.NT]',
    'CopyFiles=Files',
    '',
    '[Files]',
    ...names,
    '',
    '[Inst.NT.Services]',
    'AddService=many,0x00000002,Svc',
    '',
    '[Svc]',
    'ServiceType=1',
    'StartType=3',
    'ErrorControl=1',
    'ServiceBinary=%13%\\f00000.dat',
    '',
    '[Strings]',
    'P="Contoso"',
    'D="Disk"',
    '',
  ].join('\r\n');
  writeFileSync(join(dir, 'many.inf'), inf);
}

/** One process under GNU time (when installed): wall seconds, CPU seconds (user + system), peak RSS in bytes. */
function timed(cmd, args) {
  const gnu = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = spawnSync(gnu ? '/usr/bin/time' : cmd, gnu ? ['-f', 'WDKSIM_TIME=%U %S %M', cmd, ...args] : args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}): ${(r.stderr ?? '').slice(-400)}`);
  const m = /WDKSIM_TIME=([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  return { seconds, cpu: m ? Number(m[1]) + Number(m[2]) : undefined, peakRss: m ? Number(m[3]) * 1024 : undefined };
}

const med = (xs, key) => (xs.some((x) => x[key] === undefined) ? undefined : median(xs.map((x) => x[key])));
const cpuText = (s) => (s === undefined ? '?' : `${s.toFixed(2)} s`);
/** CPU ratio text; GNU time counts in 10 ms steps, so a peer under that has no ratio. */
const cpuRatio = (ours, peer) => (ours === undefined || peer === undefined ? '?' : peer === 0 ? 'peer under 10 ms' : `${(ours / peer).toFixed(2)}x`);

export async function run() {
  const bin = join(ROOT, 'bin', 'wdksim.js');
  const rows = [];
  const sizes = (process.env.WDKSIM_BENCH_INF2CAT_SIZES ?? '1000,10000,20000').split(',').map(Number);
  const dirs = [];
  try {
    for (const count of sizes) {
      const dir = join(WORK, `inf2cat-${count}-${process.pid}`);
      dirs.push(dir);
      makeManyFilePackage(dir, count);
      const runs = count >= 10000 ? 3 : 5;
      // The peers read and hash the same files, each as one process: sha256sum computes
      // one digest; a v2 catalog needs SHA-1 and SHA-256 of every file, so the second
      // peer runs sha1sum and then sha256sum (one core, as inf2cat uses).
      const files = `"${dir}"/files/*`;
      const ours = () => timed(process.execPath, [bin, '--now', '2026-06-01T00:00:00Z', 'inf2cat', `/driver:${dir}`, '/os:10_X64']);
      const sha256 = () => timed('sh', ['-c', `sha256sum ${files} >/dev/null`]);
      const both = () => timed('sh', ['-c', `sha1sum ${files} >/dev/null && sha256sum ${files} >/dev/null`]);
      // Warm the page cache and each code path once, then alternate so load spikes hit every side.
      ours();
      sha256();
      both();
      const w = [];
      const a = [];
      const b = [];
      for (let i = 0; i < runs; i++) {
        w.push(ours());
        a.push(sha256());
        b.push(both());
      }
      const seconds = med(w, 'seconds');
      const sha256Seconds = med(a, 'seconds');
      const bothSeconds = med(b, 'seconds');
      const cpu = med(w, 'cpu');
      const label = `${count.toLocaleString('en-US')} files`;
      const peak = w.every((x) => x.peakRss !== undefined) ? `${(Math.max(...w.map((x) => x.peakRss)) / 2 ** 20).toFixed(0)} MiB` : '';
      rows.push({
        benchmark: 'inf2cat on a package of small files (whole process)',
        size: label,
        scale: count,
        scaleUnit: 'files',
        seconds,
        throughput: `CPU ${cpuText(cpu)} vs ${cpuText(med(a, 'cpu'))} (${cpuRatio(cpu, med(a, 'cpu'))})`,
        baseline: 'sha256sum over the same files',
        baselineSeconds: sha256Seconds,
        ratio: seconds / sha256Seconds,
        target: count === 10000 ? '<= 4x; 20,000 files <= 2.1x 10,000' : '',
        peakMemory: peak,
      });
      rows.push({
        benchmark: 'inf2cat on a package of small files, against both digests (whole process)',
        size: label,
        scale: count,
        scaleUnit: 'files',
        seconds,
        throughput: `CPU ${cpuText(cpu)} vs ${cpuText(med(b, 'cpu'))} (${cpuRatio(cpu, med(b, 'cpu'))})`,
        baseline: 'sha1sum then sha256sum over the same files',
        baselineSeconds: bothSeconds,
        ratio: seconds / bothSeconds,
        target: 'informational (inf2cat v2 computes both digests)',
        peakMemory: peak,
      });
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

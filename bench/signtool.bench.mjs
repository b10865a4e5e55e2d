// `wdksim signtool sign /fd sha256` on a 1 GiB PE image, one process per
// command as a user runs it, against `osslsigncode sign -h sha256` on the same
// image in the same run, runs alternating. Like for like: each side replaces a
// 1 GiB file it wrote in the previous run (ours re-signs its copy in place,
// which cuts the old signature first; osslsigncode writes -out over its last
// output). wdksim also fsyncs the temporary before renaming it over the
// original; osslsigncode does not sync. So a second peer row runs the same
// osslsigncode command followed by `sync FILE` (coreutils: fsync of that one
// file), the like-for-like durability; the target row stays the plain one.
// Target (issue 18): <= 1.3x osslsigncode, peak RSS < 150 MiB.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { GiB, median, MiB, ROOT } from './lib.mjs';
import { WORK } from './package-gen.mjs';

export const name = 'signtool';

const RUNS = Number(process.env.WDKSIM_BENCH_SIGNTOOL_RUNS ?? 5);
const SIZE = 1 * GiB + 5; // odd: the image is padded to 8 bytes before the signature
const BIN = join(ROOT, 'bin', 'wdksim.js');

/** One process under GNU time: wall seconds, CPU seconds (user + system), peak RSS in bytes. */
function timed(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'WDKSIM_TIME=%U %S %M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  const m = /WDKSIM_TIME=([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}): ${(r.stderr ?? '').slice(-400)}`);
  return { seconds, cpu: Number(m[1]) + Number(m[2]), peakRss: Number(m[3]) * 1024 };
}

/** A PE image of `size` bytes: wdksim's minimal PE header page, then random bytes. */
async function writeBigPe(dir, path, size) {
  const api = join(dir, 'pe-builder.mjs');
  await build({ entryPoints: [join(ROOT, 'src', 'catalog', 'pe-builder.ts')], outfile: api, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent' });
  const { makeMinimalPe } = await import(api);
  const fd = openSync(path, 'w');
  try {
    let done = writeSync(fd, makeMinimalPe({ size: 4096 }));
    const block = randomBytes(4 * MiB);
    while (done < size) done += writeSync(fd, block, 0, Math.min(block.length, size - done));
  } finally {
    closeSync(fd);
  }
}

export async function run() {
  const size = `1 GiB PE (${SIZE.toLocaleString('en-US')} bytes)`;
  const benchmark = 'signtool sign /fd sha256 (whole process)';
  if (!existsSync('/usr/bin/time')) return [{ benchmark, size, skipped: 'GNU time (/usr/bin/time) is not installed' }];
  if (spawnSync('osslsigncode', ['--version']).status !== 0) return [{ benchmark, size, skipped: 'osslsigncode is not installed' }];
  const dir = join(WORK, `signtool-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const sh = spawnSync(process.execPath, [BIN, 'cert', 'new', '--out', dir, '--name', 'bench', '--subject', 'CN=wdksim bench'], { encoding: 'utf8' });
    if (sh.status !== 0) throw new Error(`cert new failed: ${sh.stderr}`);
    const pfx = join(dir, 'bench.pfx');
    const image = join(dir, 'image.sys');
    await writeBigPe(dir, image, SIZE);
    const ours = join(dir, 'ours.sys');
    copyFileSync(image, ours);
    const theirs = join(dir, 'osslsigncode.sys');
    const sign = () => timed(process.execPath, [BIN, 'signtool', 'sign', '/fd', 'sha256', '/f', pfx, ours]);
    const peer = () => timed('sh', ['-c', 'osslsigncode sign -pkcs12 "$1" -h sha256 -in "$2" -out "$3.new" >/dev/null && mv "$3.new" "$3"', 'sh', pfx, image, theirs]);
    const peerSynced = () =>
      timed('sh', ['-c', 'osslsigncode sign -pkcs12 "$1" -h sha256 -in "$2" -out "$3.new" >/dev/null && mv "$3.new" "$3" && sync "$3"', 'sh', pfx, image, theirs]);
    // Warm-up: the page cache holds the image, and each side has a 1 GiB file to replace.
    sign();
    peer();
    const w = [];
    const o = [];
    const os = [];
    for (let i = 0; i < RUNS; i++) {
      w.push(sign());
      o.push(peer());
      os.push(peerSynced());
    }
    const med = (xs, key) => median(xs.map((x) => x[key]));
    const mib = (bytes) => `${(bytes / MiB).toFixed(0)} MiB`;
    const seconds = med(w, 'seconds');
    const baselineSeconds = med(o, 'seconds');
    return [
      {
        benchmark,
        size,
        seconds,
        throughput: `CPU ${med(w, 'cpu').toFixed(2)} s vs ${med(o, 'cpu').toFixed(2)} s (${(med(w, 'cpu') / med(o, 'cpu')).toFixed(2)}x)`,
        baseline: 'osslsigncode sign -h sha256 -in x -out y.new && mv y.new y',
        baselineSeconds,
        ratio: seconds / baselineSeconds,
        target: '<= 1.3x; peak RSS < 150 MiB',
        peakMemory: `${mib(Math.max(...w.map((x) => x.peakRss)))} (osslsigncode ${mib(Math.max(...o.map((x) => x.peakRss)))})`,
      },
      {
        benchmark: 'signtool sign /fd sha256 (whole process), peer syncing its output as wdksim does',
        size,
        seconds,
        throughput: `CPU ${med(w, 'cpu').toFixed(2)} s vs ${med(os, 'cpu').toFixed(2)} s`,
        baseline: 'osslsigncode ... -out y.new && mv y.new y && sync y',
        baselineSeconds: med(os, 'seconds'),
        ratio: seconds / med(os, 'seconds'),
        target: '(like for like: both sides durable on disk)',
        peakMemory: '',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

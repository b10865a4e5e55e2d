// `wdksim infverif DIR` over 1x, 10x and 100x the vendored corpus (138 INF/INX
// files of windows-driver-samples, MS-PL, in fixtures/corpus; 100x = 13,800
// files, 52 MB), from the CLI, one process per command, in the same run as its
// peers over the same files: the `ini` package reading and parsing them in one
// process (bench/ini-peer.mjs), the same command on one thread
// (WDKSIM_INFVERIF_THREADS=0), and `node -e 0` (start-up alone). Runs alternate
// so load from elsewhere hits every side alike. Targets (issue 18): at 100x,
// at least ini's throughput (ratio <= 1x) and peak memory under 200 MiB.
import { cpSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { alternate, CORPUS, fmtMb, measureCommand, MiB, ROOT, walk } from './lib.mjs';
import { WORK } from './package-gen.mjs';

export const name = 'infverif-dir';

const BIN = join(ROOT, 'bin', 'wdksim.js');
const PEER = join(ROOT, 'bench', 'ini-peer.mjs');
const SPIN = join(ROOT, 'bench', 'spin.mjs');

/** DIR/copyNNN/<corpus tree>, `copies` times: the INF/INX files only. Returns the file count and bytes. */
function makeCorpus(dir, copies, infs) {
  rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  for (let i = 0; i < copies; i++) {
    for (const path of infs) {
      const to = join(dir, `copy${String(i).padStart(3, '0')}`, relative(CORPUS, path));
      mkdirSync(join(to, '..'), { recursive: true });
      cpSync(path, to);
      bytes += statSync(path).size;
    }
  }
  return { files: copies * infs.length, bytes };
}

export async function run({ quick = false } = {}) {
  const infs = walk(CORPUS, (n) => /\.in[fx]$/i.test(n));
  const sizes = quick ? [1, 10] : [1, 10, 100];
  const base = join(WORK, `infverif-dir-${process.pid}`);
  const rows = [];
  try {
    for (const copies of sizes) {
      const dir = join(base, `x${copies}`);
      const { files, bytes } = makeCorpus(dir, copies, infs);
      const runs = quick ? 3 : copies >= 100 ? 3 : 5;
      const cwd = base;
      const target = relative(cwd, dir);
      // Warm the page cache and check each command works before timing.
      for (const [cmd, args] of [
        [process.execPath, [BIN, 'infverif', target]],
        [process.execPath, [PEER, target]],
      ]) {
        const r = measureCommand(cmd, args, { cwd });
        if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed (exit ${r.status})`);
      }
      const [workers, single, peer, node] = alternate(
        [
          () => measureCommand(process.execPath, [BIN, 'infverif', target], { cwd }),
          () => measureCommand(process.execPath, [BIN, 'infverif', target], { cwd, env: { WDKSIM_INFVERIF_THREADS: '0' } }),
          () => measureCommand(process.execPath, [PEER, target], { cwd }),
          () => measureCommand(process.execPath, ['-e', '0'], { cwd }),
        ],
        runs,
      );
      const size = `${copies}x corpus: ${files.toLocaleString('en-US')} files, ${(bytes / MiB).toFixed(1)} MiB`;
      const mbs = (s) => `${(bytes / MiB / s).toFixed(1)} MiB/s`;
      const scaled = { scale: files, scaleUnit: 'INF files' };
      rows.push({
        benchmark: 'CLI: infverif DIR vs ini parsing the same files',
        size,
        ...scaled,
        seconds: workers.seconds,
        throughput: `${mbs(workers.seconds)} (ini ${mbs(peer.seconds)})`,
        baseline: 'node bench/ini-peer.mjs DIR',
        baselineSeconds: peer.seconds,
        ratio: workers.seconds / peer.seconds,
        target: copies === 100 ? '<= 1x; peak < 200 MiB' : '',
        peakMemory: `${fmtMb(workers.peakRss)} (ini ${fmtMb(peer.peakRss)})`,
      });
      rows.push({
        benchmark: 'CLI: infverif DIR, worker threads vs one thread',
        size,
        seconds: workers.seconds,
        throughput: `one thread ${mbs(single.seconds)}`,
        baseline: 'WDKSIM_INFVERIF_THREADS=0',
        baselineSeconds: single.seconds,
        ratio: workers.seconds / single.seconds,
        target: 'informational (2 cores: 0.5x at best)',
        peakMemory: `${fmtMb(workers.peakRss)} (one thread ${fmtMb(single.peakRss)})`,
      });
      rows.push({
        benchmark: 'CLI: infverif DIR vs node start-up',
        size,
        seconds: workers.seconds,
        baseline: 'node -e 0',
        baselineSeconds: node.seconds,
        ratio: workers.seconds / node.seconds,
        target: 'informational',
        peakMemory: `${fmtMb(workers.peakRss)} (node -e 0 ${fmtMb(node.peakRss)})`,
      });
      rmSync(dir, { recursive: true, force: true });
      const [one, two] = alternate([() => measureCommand(process.execPath, [SPIN, '1'], { cwd }), () => measureCommand(process.execPath, [SPIN, '2'], { cwd })], 3);
      rows.push({
        benchmark: 'machine: CPU work on two threads vs one (1x: two free cores; 2x: one core for this run)',
        size: `beside the ${copies}x runs`,
        seconds: two.seconds,
        baseline: 'the same work on one thread',
        baselineSeconds: one.seconds,
        ratio: two.seconds / one.seconds,
        target: 'informational',
      });
      process.stderr.write(`bench: infverif-dir ${copies}x done\n`);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  return rows;
}

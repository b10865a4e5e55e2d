// `npm run bench`: every bench/*.bench.mjs in one run; each row is a ratio
// against a baseline (a floor or a peer) measured in the same run on the same
// machine, and every benchmark measured at several sizes gets a growth curve:
// its cost at each size against its cost at the smallest. Writes
// bench/results.json and the README's performance table.
//
// Arguments: suite names to run only those (nothing is written); --no-readme
// writes results.json but leaves README.md alone; --quick runs the issue-18
// command-line workloads at small sizes (a few minutes, for a quick look
// after a change; nothing is written). CI runs none of this: timings are not
// tests.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchLibrary, growthCurves, ROOT } from './lib.mjs';

const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const quick = flags.includes('--quick');
/** The suites --quick runs: the workloads a user runs from the command line, each beside its floor or peer. */
const QUICK_SUITES = ['startup', 'infverif-dir', 'target-scale', 'inf2cat-files', 'signtool'];
if (quick) {
  // Smaller sizes for the suites that take them from the environment (a size already set wins).
  process.env.WDKSIM_BENCH_QUICK = '1';
  process.env.WDKSIM_BENCH_SCALE_SIZES ??= '1,100';
  process.env.WDKSIM_BENCH_SCALE_REPEATS ??= '1';
  process.env.WDKSIM_BENCH_INF2CAT_SIZES ??= '1000,2000';
  process.env.WDKSIM_BENCH_SIGNTOOL_RUNS ??= '1';
}
const lib = await benchLibrary();
const suites = readdirSync(join(ROOT, 'bench'))
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort();
const rows = [];
for (const file of suites) {
  const suite = await import(join(ROOT, 'bench', file));
  if (only.length && !only.includes(suite.name)) continue;
  if (quick && !only.length && !QUICK_SUITES.includes(suite.name)) continue;
  process.stderr.write(`bench: ${suite.name}...\n`);
  const t0 = performance.now();
  // A suite that throws gives a "skipped" row with its reason; the other suites still run.
  let out;
  try {
    out = await suite.run({ lib, quick });
  } catch (error) {
    out = [
      {
        benchmark: suite.name,
        size: '',
        skipped: String(error?.message ?? error)
          .split('\n')[0]
          .split(ROOT)
          .join('.'),
      },
    ];
  }
  for (const row of out) rows.push({ suite: suite.name, ...row });
  process.stderr.write(`bench: ${suite.name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

const machine = `${cpus()[0]?.model?.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const fmt = (n) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toPrecision(3));
const table = [
  '| benchmark | size | time | throughput | baseline (same run) | ratio | target | peak memory |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) =>
    r.skipped !== undefined
      ? `| ${r.benchmark} | ${r.size} | skipped: ${r.skipped} | | | | ${r.target ?? ''} | |`
      : `| ${r.benchmark} | ${r.size} | ${fmt(r.seconds)} s | ${r.throughput ?? ''} | ${r.baseline}: ${fmt(r.baselineSeconds)} s | **${r.ratio.toFixed(2)}x** | ${r.target ?? ''} | ${r.peakMemory ?? ''} |`,
  ),
].join('\n');
const curves = growthCurves(rows);
const curveText = curves.length ? `Growth curves (cost at each size against the smallest size; the baseline's own curve after it):\n\n${curves.join('\n')}\n\n` : '';
process.stdout.write(`${table}\n\n${curveText}Machine: ${machine}${quick ? ' (--quick: small sizes)' : ''}\n`);

const results = { date: new Date().toISOString(), machine, rows };
if (!only.length && !quick) {
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  if (!flags.includes('--no-readme') && readme.includes(begin) && readme.includes(end)) {
    const block = `${begin}\n${table}\n\n${curveText}Machine: ${machine}. Produced by \`npm run bench\` on ${results.date.slice(0, 10)}.\n${end}`;
    writeFileSync(
      readmePath,
      readme.replace(new RegExp(`${begin}[\\s\\S]*${end}`), () => block),
    );
  }
}

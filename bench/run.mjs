// `npm run bench`: every bench/*.bench.mjs in one run; each row is a ratio
// against a baseline measured in the same run on the same machine. Writes
// bench/results.json and the README's performance table.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

// Arguments: suite names to run only those (nothing is written); --no-readme writes results.json but leaves README.md alone.
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const lib = await import(join(ROOT, 'dist', 'index.js'));
const suites = readdirSync(join(ROOT, 'bench'))
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort();
const rows = [];
for (const file of suites) {
  const suite = await import(join(ROOT, 'bench', file));
  if (only.length && !only.includes(suite.name)) continue;
  process.stderr.write(`bench: ${suite.name}...\n`);
  const t0 = performance.now();
  const out = await suite.run({ lib });
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
const scaling = scalingLines(rows);
process.stdout.write(`${table}\n\n${scaling.length ? `Scaling (cost at the largest size against the smallest):\n${scaling.join('\n')}\n\n` : ''}Machine: ${machine}\n`);

const results = { date: new Date().toISOString(), machine, rows };
if (!only.length) {
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  if (!flags.includes('--no-readme') && readme.includes(begin) && readme.includes(end)) {
    const block = `${begin}\n${table}\n\n${scaling.length ? `Scaling (cost at the largest size against the smallest):\n\n${scaling.join('\n')}\n\n` : ''}Machine: ${machine}. Produced by \`npm run bench\` on ${results.date.slice(0, 10)}.\n${end}`;
    writeFileSync(
      readmePath,
      readme.replace(new RegExp(`${begin}[\\s\\S]*${end}`), () => block),
    );
  }
}

/**
 * How cost grows with size, per benchmark measured at several sizes (rows
 * carrying a numeric `scale` and its `scaleUnit`): "16x the bytes cost 15.2x".
 */
function scalingLines(all) {
  const groups = new Map();
  for (const r of all) {
    if (typeof r.scale !== 'number' || r.skipped !== undefined) continue;
    const key = `${r.suite}\0${r.benchmark}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const lines = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => a.scale - b.scale);
    const small = sorted[0];
    const large = sorted[sorted.length - 1];
    const k = large.scale / small.scale;
    lines.push(
      `- ${large.benchmark}: ${k >= 10 ? k.toFixed(0) : k.toFixed(1)}x the ${large.scaleUnit ?? 'size'} (${large.size} vs ${small.size}) cost ${(large.seconds / small.seconds).toFixed(2)}x`,
    );
  }
  return lines;
}

// The CLI fuzz target: corpus INFs and fixture packages, mutated (truncation,
// byte flips, huge lines, deep % nesting, thousands of sections, circular
// Include/Needs, UTF-16 without BOM, invalid surrogates...), through
// `inf parse`, `infverif`, `stampinf -o` and `inf2cat /nocat`. Every run must
// end with one of the tool's documented exit codes, within a time bound,
// without a stack trace or internal error, without touching the input (stampinf
// -o) or writing a catalog (/nocat). Most runs are in-process (runCli with a
// captured io); a sample goes through the built binary, where peak RSS is
// measured. WDKSIM_FUZZ_RUNS sets the number of mutated inputs.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { memoryContext } from '../../src/io.js';
import { corpusInfFiles, corpusName } from '../helpers/corpus.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { FUZZ_RUNS, SEED, figures, rng } from '../stress/budget.js';
import { CAN_MEASURE_RSS, crashSigns, runMeasured } from '../stress/child.js';
import { MUTATORS, MUTATOR_NAMES } from './mutators.js';

/** Per-run wall-clock bound (generous: two shared cores). */
const TIME_BOUND_MS = 20_000;
/** Peak RSS bound of one CLI process on a fuzzed input. */
const RSS_BOUND_MB = 400;
/** Heap of the test process after a case: a leak or a blow-up shows here. */
const HEAP_BOUND_MB = 1024;

interface Tool {
  name: string;
  codes: number[];
  argv: (inf: string) => string[];
  /** Extra checks on the case folder after the run. */
  after?: (dir: string, inf: string, original: Buffer, code: number) => void;
}

const TOOLS: Tool[] = [
  { name: 'inf parse', codes: [0, 1, 2], argv: (inf) => ['inf', 'parse', inf, '--json'] },
  { name: 'infverif', codes: [0, 1, 2], argv: (inf) => ['infverif', '/w', '--format', 'json', inf] },
  {
    name: 'stampinf -o',
    codes: [0, 1, 2],
    argv: (inf) => ['stampinf', '-f', inf, '-d', '11/20/2026', '-v', '1.2.3.4', '-a', 'amd64', '-k', '1.15', '-o', 'stamped.inf'],
    after: (dir, inf, original, code) => {
      expect(readFileSync(join(dir, inf)).equals(original), 'stampinf -o changed its input').toBe(true);
      if (code === 0) expect(existsSync(join(dir, 'stamped.inf'))).toBe(true);
      // Atomic writes leave no temporary files behind.
      expect(readdirSync(dir).filter((n) => n !== 'stamped.inf' && n !== 'pkg')).toEqual([]);
    },
  },
  {
    name: 'inf2cat /nocat',
    codes: [0, 254, 255],
    argv: () => ['inf2cat', '/driver:pkg', '/os:10_X64', '/nocat'],
    after: (dir) => expect(readdirSync(join(dir, 'pkg')).filter((n) => /\.cat$/i.test(n))).toEqual([]),
  },
];

interface Case {
  id: string;
  dir: string;
  inf: string;
  original: Buffer;
}

// Seeds: every corpus INF/INX, and the fixture packages with their driver files.
const PACKAGES = join(REPO_ROOT, 'fixtures', 'packages');
const seeds: { path: string; name: string; files: string[] }[] = [
  ...corpusInfFiles().map((path) => ({ path, name: corpusName(path), files: [] as string[] })),
  ...readdirSync(PACKAGES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const dir = join(PACKAGES, d.name);
      const names = readdirSync(dir);
      const files = names.filter((f) => /\.sys$/i.test(f)).map((f) => join(dir, f));
      return names.filter((n) => /\.inf$/i.test(n)).map((n) => ({ path: join(dir, n), name: `packages/${d.name}/${n}`, files }));
    }),
];

const base = mkdtempSync(join(tmpdir(), 'wdksim-fuzz-'));
const stats = { cases: 0, runs: 0, binaryRuns: 0, maxMs: 0, maxRssMb: 0, maxHeapMb: 0, byCode: new Map<string, number>() };

function makeCase(index: number, mutator: string): Case {
  const random = rng(SEED + index * 7919);
  const seed = seeds[Math.floor(random() * seeds.length)]!;
  const scale = random() < 0.1 ? 10 : 1;
  const bytes = MUTATORS[mutator]!(readFileSync(seed.path), random, scale);
  const dir = join(base, `case-${index}`);
  mkdirSync(join(dir, 'pkg'), { recursive: true });
  // x.inf: the `Include=x.inf` of the circular mutation names the file itself.
  writeFileSync(join(dir, 'pkg', 'x.inf'), bytes);
  for (const f of seed.files) copyFileSync(f, join(dir, 'pkg', basename(f)));
  return { id: `#${index} ${mutator} of ${seed.name} (seed ${SEED})`, dir, inf: 'pkg/x.inf', original: bytes };
}

async function runInProcess(tool: Tool, c: Case): Promise<void> {
  const ctx = memoryContext({ cwd: c.dir, env: { TZ: 'UTC', NO_COLOR: '1', WDKSIM_NOW: '2026-11-25T12:00:00Z' } });
  const start = performance.now();
  const code = await runCli(tool.argv(c.inf), ctx.io);
  const ms = performance.now() - start;
  const stderr = ctx.err.join('');
  stats.runs++;
  stats.maxMs = Math.max(stats.maxMs, ms);
  stats.byCode.set(`${tool.name} ${code}`, (stats.byCode.get(`${tool.name} ${code}`) ?? 0) + 1);
  expect(crashSigns(stderr), `${tool.name} on ${c.id}: ${stderr.slice(0, 500)}`).toBeUndefined();
  expect(tool.codes, `${tool.name} on ${c.id} exited ${code}`).toContain(code);
  expect(ms, `${tool.name} on ${c.id} took ${ms} ms`).toBeLessThan(TIME_BOUND_MS);
  tool.after?.(c.dir, c.inf, c.original, code);
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  stats.maxHeapMb = Math.max(stats.maxHeapMb, heap);
  expect(heap).toBeLessThan(HEAP_BOUND_MB);
}

describe('CLI fuzz: mutated INFs and packages', () => {
  it('the harness itself: an unmutated seed passes every tool in-process (paths relative to ctx.io.cwd)', async () => {
    const dir = join(base, 'unmutated');
    mkdirSync(join(dir, 'pkg'), { recursive: true });
    for (const f of readdirSync(join(PACKAGES, 'KmdfHelloWorld'))) copyFileSync(join(PACKAGES, 'KmdfHelloWorld', f), join(dir, 'pkg', f === 'KmdfHelloWorld.inf' ? 'x.inf' : f));
    const codes: number[] = [];
    for (const tool of TOOLS) {
      const ctx = memoryContext({ cwd: dir, env: { TZ: 'UTC', WDKSIM_NOW: '2026-11-25T12:00:00Z' } });
      codes.push(await runCli(tool.argv('pkg/x.inf'), ctx.io));
    }
    // infverif /w: the fixture uses the reserved class Sample (an error).
    expect(codes).toEqual([0, 1, 0, 0]);
  });

  const perMutator = Math.max(1, Math.ceil(FUZZ_RUNS / MUTATOR_NAMES.length));
  MUTATOR_NAMES.forEach((mutator, m) => {
    it(`${mutator}: ${perMutator} inputs through inf parse, infverif, stampinf -o, inf2cat /nocat`, async () => {
      for (let k = 0; k < perMutator; k++) {
        const c = makeCase(m * 100_000 + k, mutator);
        stats.cases++;
        for (const tool of TOOLS) await runInProcess(tool, c);
      }
    }, 600_000);
  });

  it('a sample through the built binary: documented exit code, no stack trace, bounded time and peak RSS', async () => {
    const sample = Math.max(2, Math.ceil(FUZZ_RUNS / 20));
    for (let k = 0; k < sample; k++) {
      const mutator = MUTATOR_NAMES[k % MUTATOR_NAMES.length]!;
      const c = makeCase(900_000 + k, mutator);
      stats.cases++;
      for (const tool of TOOLS) {
        const r = await runMeasured(tool.argv(c.inf), { cwd: c.dir, timeoutMs: TIME_BOUND_MS * 2 });
        stats.binaryRuns++;
        expect(r.timedOut, `${tool.name} on ${c.id} timed out`).toBe(false);
        expect(crashSigns(r.stderr), `${tool.name} on ${c.id}: ${r.stderr.slice(0, 500)}`).toBeUndefined();
        expect(tool.codes, `${tool.name} on ${c.id} exited ${r.exitCode}`).toContain(r.exitCode);
        tool.after?.(c.dir, c.inf, c.original, r.exitCode);
        if (r.peakRssMb !== undefined) {
          stats.maxRssMb = Math.max(stats.maxRssMb, r.peakRssMb);
          expect(r.peakRssMb, `${tool.name} on ${c.id}`).toBeLessThan(RSS_BOUND_MB);
        }
      }
    }
    if (!CAN_MEASURE_RSS) console.log('[reliability] peak RSS not measured: no /usr/bin/time');
  }, 600_000);

  afterAll(() => {
    rmSync(base, { recursive: true, force: true });
    figures('cli fuzz', {
      seed: SEED,
      inputs: stats.cases,
      runs: stats.runs + stats.binaryRuns,
      'in-process': stats.runs,
      binary: stats.binaryRuns,
      'max ms': Math.round(stats.maxMs),
      'max child RSS MiB': Math.round(stats.maxRssMb),
      'max heap MiB': Math.round(stats.maxHeapMb),
    });
    figures('cli fuzz exit codes', Object.fromEntries([...stats.byCode].sort()));
  });
});

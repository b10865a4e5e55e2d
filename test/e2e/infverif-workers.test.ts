// `wdksim infverif DIR` on worker threads gives exactly what one thread gives:
// the same stdout, stderr and exit code in every format, an unreadable file
// reported in its place, and --sarif-output writing the SARIF that --format
// sarif prints. The threshold is forced down (WDKSIM_INFVERIF_WORKER_MIN_FILES)
// so the vendored corpus (138 INF/INX files, MS-PL, fixtures/corpus) takes the
// worker path; WDKSIM_DEBUG makes the command say which path it took.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, wdksim, wdksimProcess } from '../helpers/cli.js';
import { othersRunnable, ownRunnableThreads, poolPlan, poolSettings, WORKER_MIN_FILES } from '../../src/commands/infverif-pool.js';

const WORKERS = { WDKSIM_INFVERIF_THREADS: '2', WDKSIM_INFVERIF_WORKER_MIN_FILES: '2', WDKSIM_DEBUG: '1' };
const ONE_THREAD = { WDKSIM_INFVERIF_THREADS: '0', WDKSIM_DEBUG: '1' };
const PATH_LINE = /^wdksim infverif: \d+ files checked on (?:the main thread|\d+ threads .*)\n/m;
const TWO_THREADS = /files checked on 2 threads \(the main thread, which checked \d+, and 1 worker thread\)/;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wdksim-infverif-workers-'));
  cpSync(join(REPO_ROOT, 'fixtures', 'corpus', 'windows-driver-samples'), join(dir, 'corpus'), {
    recursive: true,
    filter: (src) => !/\.(?:vcxproj|filters|c|h|cpp|rc)$/i.test(src),
  });
  // Not an INF: a file the batch cannot parse, in the middle of the walk order.
  mkdirSync(join(dir, 'corpus', 'hid', 'broken'), { recursive: true });
  writeFileSync(join(dir, 'corpus', 'hid', 'broken', 'binary.inf'), Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0x40]));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function both(args: string[], extra: { workers?: string[]; single?: string[] } = {}) {
  const single = await wdksimProcess(['infverif', ...args, ...(extra.single ?? []), 'corpus'], { cwd: dir, env: ONE_THREAD });
  const workers = await wdksimProcess(['infverif', ...args, ...(extra.workers ?? []), 'corpus'], { cwd: dir, env: WORKERS });
  return { single, workers };
}

describe('infverif on worker threads', () => {
  it('text: the same lines, the same stderr (the unreadable file in its place) and exit code', async () => {
    const { single, workers } = await both(['--format', 'text']);
    expect(single.stderr).toMatch(/files checked on the main thread/);
    expect(workers.stderr).toMatch(TWO_THREADS);
    expect(workers.stdout).toBe(single.stdout);
    expect(workers.stderr.replace(PATH_LINE, '')).toBe(single.stderr.replace(PATH_LINE, ''));
    expect(workers.exitCode).toBe(single.exitCode);
    // The broken file is an input error (exit 2) and the files after it are still checked.
    expect(single.exitCode).toBe(2);
    expect(single.stderr).toContain('corpus/hid/broken/binary.inf: binary data, not an INF file');
    expect(single.stdout).toMatch(/network\/.*\.in[fx], line \d+/);
    expect(single.stdout.split('\n').length).toBeGreaterThan(100);
  });

  it('json, github and /v /w text: byte-identical', async () => {
    for (const args of [
      ['--format', 'json'],
      ['--format', 'github'],
      ['/v', '/w', '--format', 'text'],
    ]) {
      const { single, workers } = await both(args);
      expect(workers.stderr).toMatch(TWO_THREADS);
      expect(workers.stdout, args.join(' ')).toBe(single.stdout);
      expect(workers.stderr.replace(PATH_LINE, '')).toBe(single.stderr.replace(PATH_LINE, ''));
      expect(workers.exitCode).toBe(single.exitCode);
    }
  });

  it('--sarif-output: one run prints text and writes the SARIF --format sarif prints', async () => {
    const { single, workers } = await both(['--format', 'text'], { single: ['--sarif-output', 'one.sarif'], workers: ['--sarif-output', 'two.sarif'] });
    const sarifRun = await wdksimProcess(['infverif', '--format', 'sarif', 'corpus'], { cwd: dir, env: ONE_THREAD });
    const one = readFileSync(join(dir, 'one.sarif'), 'utf8');
    expect(JSON.parse(one).runs[0].results.length).toBeGreaterThan(100);
    expect(one).toBe(sarifRun.stdout);
    expect(readFileSync(join(dir, 'two.sarif'), 'utf8')).toBe(one);
    expect(workers.stdout).toBe(single.stdout);
    expect(single.stdout).toMatch(/^(ERROR|WARNING)\(\d+\) in /);
  });

  it('a file too big for a worker: the run goes on from there on the main thread, with the same output', async () => {
    const big = join(dir, 'big');
    mkdirSync(big);
    const small = readFileSync(join(REPO_ROOT, 'fixtures', 'corpus', 'windows-driver-samples', 'general', 'echo', 'kmdf', 'driver', 'AutoSync', 'echo.inx'));
    // 300,000 AddReg lines: far more than a worker's 48 MiB old generation holds while they are checked.
    const lines = [
      '[Version]',
      'Signature="$Windows NT$"',
      'Class=Sample',
      'ClassGuid={78A1C341-4539-11d3-B88D-00C04FAD5171}',
      'Provider=%P%',
      'DriverVer=01/02/2026,1.0.0.0',
      'CatalogFile=big.cat',
      'PnpLockdown=1',
      '[DefaultInstall.NTamd64]',
      'AddReg=R',
      '[R]',
    ];
    for (let i = 0; i < 300_000; i++) lines.push(`HKR,,Value${i},,${i}`);
    lines.push('[Strings]', 'P="Contoso"', 'HKR,,Unused');
    const huge = `${lines.join('\r\n')}\r\n`;
    // Batches of 16: small files, then two batches that each open with the huge file (the main
    // thread, busy with the first, leaves the second to the worker, if it has not taken the first).
    const two = (i: number) => String(i).padStart(2, '0');
    for (let i = 0; i < 16; i++) writeFileSync(join(big, `a${two(i)}.inx`), small);
    for (const batch of ['b', 'c']) {
      writeFileSync(join(big, `${batch}00.inf`), huge);
      for (let i = 1; i < 16; i++) writeFileSync(join(big, `${batch}${two(i)}.inx`), small);
    }
    writeFileSync(join(big, 'd.inx'), small);
    const single = await wdksimProcess(['infverif', 'big'], { cwd: dir, env: ONE_THREAD });
    const workers = await wdksimProcess(['infverif', 'big'], { cwd: dir, env: WORKERS });
    expect(workers.stderr).toMatch(
      /49 files checked on 2 threads \(the main thread, which checked \d+, and 1 worker thread\); a worker ran out of memory, so the main thread checked the rest/,
    );
    expect(workers.stdout).toBe(single.stdout);
    expect(workers.stderr.replace(PATH_LINE, '')).toBe(single.stderr.replace(PATH_LINE, ''));
    expect(workers.exitCode).toBe(single.exitCode);
    expect(single.stdout).toContain('big/b00.inf');
    expect(single.stdout).toContain('big/c00.inf');
    expect(single.stdout).toContain('big/d.inx');
  }, 60_000);

  it('a thread setting that is not a whole number is refused before anything runs', async () => {
    const r = await wdksim(['infverif', 'corpus'], { cwd: dir, env: { WDKSIM_INFVERIF_THREADS: 'two' } });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('WDKSIM_INFVERIF_THREADS="two" is not valid');
  });
});

describe('when infverif uses worker threads', () => {
  const files = (n: number) => Array.from({ length: n }, (_, i) => `f${i}.inf`);
  it('from the threshold on, one per core at most, and never for stdin or /info', () => {
    const two = { threads: 2, minFiles: WORKER_MIN_FILES };
    expect(poolPlan(files(WORKER_MIN_FILES - 1), two, false)).toBe(0);
    expect(poolPlan(files(WORKER_MIN_FILES), two, false)).toBe(2);
    expect(poolPlan([...files(WORKER_MIN_FILES), '-'], two, false)).toBe(0);
    expect(poolPlan(files(WORKER_MIN_FILES), two, true)).toBe(0);
    // No more workers than batches of 16 files.
    expect(poolPlan(files(20), { threads: 8, minFiles: 2 }, false)).toBe(2);
    expect(poolPlan(files(1000), undefined, false)).toBe(0);
  });
  it('reads its settings: 0 or 1 thread means none', () => {
    expect(poolSettings({ WDKSIM_INFVERIF_THREADS: '1' }).threads).toBe(0);
    expect(poolSettings({ WDKSIM_INFVERIF_THREADS: '3', WDKSIM_INFVERIF_WORKER_MIN_FILES: '7' })).toEqual({ threads: 3, minFiles: 7 });
    expect(poolSettings({}).minFiles).toBe(WORKER_MIN_FILES);
    // The default goes by idle cores (the load average, as make -l): all of them on an idle
    // machine, none once the load reaches the core count; the setting always wins.
    expect(poolSettings({}, 2, 0, null).threads).toBe(2);
    expect(poolSettings({}, 4, 1.2, null).threads).toBe(3);
    expect(poolSettings({}, 2, 1.6, null).threads).toBe(0);
    expect(poolSettings({}, 2, 9, null).threads).toBe(0);
    expect(poolSettings({ WDKSIM_INFVERIF_THREADS: '2' }, 2, 9, null).threads).toBe(2);
    // The lower of the average and the run queue now: a lagging average after a build (cores free
    // now) gives the workers back; busy now and on average keeps them away.
    expect(poolSettings({}, 2, 3.5, 0).threads).toBe(2);
    expect(poolSettings({}, 2, 3.5, 2).threads).toBe(0);
    expect(poolSettings({}, 2, 0.2, 2).threads).toBe(2);
  });
  it('reads the run queue from /proc/loadavg: the fewest others runnable over its samples', () => {
    const reader = (lines: string[]) => {
      let i = 0;
      return () => lines[Math.min(i++, lines.length - 1)]!;
    };
    const alone = () => 1; // this process: only the thread reading
    expect(othersRunnable(reader(['3.52 3.55 3.86 1/345 9001']), 5, alone)).toBe(0);
    // Three runnable, all of them this process's own threads (V8 compiling after start-up): no neighbour.
    expect(othersRunnable(reader(['0.10 0.20 0.30 3/345 9001']), 5, () => 3)).toBe(0);
    expect(othersRunnable(reader(['0.10 0.20 0.30 3/345 9001']), 5, () => 2)).toBe(1);
    // A moment of this process's own background threads (one sample in three) is not a neighbour...
    expect(othersRunnable(reader(['0.10 0.20 0.30 1/345 9001', '0.10 0.20 0.30 3/345 9001', '0.10 0.20 0.30 1/345 9001']), 3, alone)).toBe(0);
    // ...a neighbour runnable in every sample (waiting for a core counts) is.
    expect(othersRunnable(reader(['0.10 0.20 0.30 2/345 9001']), 3, alone)).toBe(1);
    expect(othersRunnable(reader(['0.10 0.20 0.30 3/345 9001', '0.10 0.20 0.30 4/345 9001', '0.10 0.20 0.30 3/345 9001']), 3, alone)).toBe(2);
    expect(othersRunnable(reader(['not the kernel format']), 3, alone)).toBeUndefined();
    // The default counts this process's own runnable threads from /proc: at least the one reading
    // (a misread state field would count none).
    if (process.platform === 'linux') {
      expect(ownRunnableThreads()).toBeGreaterThanOrEqual(1);
      expect(othersRunnable(reader(['0.10 0.20 0.30 1/345 9001']), 1)).toBe(0);
    }
    expect(
      othersRunnable(() => {
        throw new Error('ENOENT');
      }, 3),
    ).toBeUndefined();
  });
});

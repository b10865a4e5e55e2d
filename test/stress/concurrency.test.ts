// Many wdksim processes on one target at once (installs, removals, dp_add,
// dp_delete, pnputil adds, mixed), and a stale lock left by a killed process.
// Each operation touches its own package or device, so the end state does not
// depend on the order the lock grants them: every process succeeds, published
// names are distinct, the target verifies and holds exactly what the
// operations promise. WDKSIM_STRESS_PROCS sets the number of processes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { BIN } from '../helpers/cli.js';
import { STRESS_PROCS, figures } from './budget.js';
import { crashSigns, runMeasured, waitStopped } from './child.js';
import { copyOf, devicesOf, envFor, golden, oemOf, readState, remove } from '../faults/world.js';

// Packages: 1..P pre-installed (to remove), P+1..2P pre-staged (to delete), 2P+1..5P fresh.
const P = Math.max(1, Math.ceil(STRESS_PROCS / 4));
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const REMOVE = range(1, P);
const DELETE = range(P + 1, P);
const INSTALL = range(2 * P + 1, P);
const DP_ADD = range(3 * P + 1, P);
const PNP_ADD = range(4 * P + 1, P);

let base = '';
const stats = { processes: 0, maxMs: 0, staleTakeovers: 0 };

beforeAll(async () => {
  base = await golden(5 * P + 1, [
    ...REMOVE.map((n) => ['devcon', 'install', `pkg${n}/hello${n}.inf`, `Root\\Hello${n}`]),
    ...DELETE.map((n) => ['devcon', 'dp_add', `pkg${n}/hello${n}.inf`]),
  ]);
}, 300_000);
afterAll(() => {
  remove(base);
  figures('concurrency', { 'processes at once': 5 * P, 'processes run': stats.processes, 'slowest ms': Math.round(stats.maxMs), 'stale locks taken over': stats.staleTakeovers });
});

describe('many processes on one target', () => {
  it(`${5 * P} mixed installs, removals, dp_add, dp_delete and pnputil adds at once end consistent`, async () => {
    const dir = copyOf(base, 'wdksim-concurrent-');
    try {
      const env = envFor(dir);
      const before = readState(dir);
      const ops: { argv: string[]; codes: number[] }[] = [
        ...INSTALL.map((n) => ({ argv: ['devcon', 'install', `pkg${n}/hello${n}.inf`, `Root\\Hello${n}`], codes: [0] })),
        ...REMOVE.map((n) => ({ argv: ['devcon', 'remove', `Root\\Hello${n}`], codes: [0] })),
        ...DP_ADD.map((n) => ({ argv: ['devcon', 'dp_add', `pkg${n}/hello${n}.inf`], codes: [0] })),
        ...DELETE.map((n) => ({ argv: ['devcon', 'dp_delete', oemOf(before, `hello${n}.inf`)!], codes: [0] })),
        ...PNP_ADD.map((n) => ({ argv: ['pnputil', '/add-driver', `pkg${n}/hello${n}.inf`], codes: [0] })),
      ];
      const results = await Promise.all(ops.map((op) => runMeasured(op.argv, { cwd: dir, env, timeoutMs: 180_000 })));
      results.forEach((r, i) => {
        stats.processes++;
        stats.maxMs = Math.max(stats.maxMs, r.ms);
        const label = `${ops[i]!.argv.join(' ')} exited ${r.exitCode}: ${r.stdout}${r.stderr}`;
        expect(crashSigns(r.stderr), label).toBeUndefined();
        expect(ops[i]!.codes, label).toContain(r.exitCode);
      });
      const s = readState(dir);
      for (const n of INSTALL)
        expect(
          devicesOf(s, `Root\\Hello${n}`).map((d) => d.problem),
          `hello${n}`,
        ).toEqual([0]);
      for (const n of REMOVE)
        expect(
          devicesOf(s, `Root\\Hello${n}`).filter((d) => d.present),
          `hello${n}`,
        ).toEqual([]);
      for (const n of [...DP_ADD, ...PNP_ADD, ...INSTALL, ...REMOVE]) expect(oemOf(s, `hello${n}.inf`), `hello${n}`).toBeDefined();
      for (const n of DELETE) expect(oemOf(s, `hello${n}.inf`), `hello${n}`).toBeUndefined();
      const published = s.packages.filter((p) => !p.inbox).map((p) => p.publishedName);
      expect(new Set(published).size).toBe(published.length);
      const ids = s.devices.map((d) => d.instanceId);
      expect(new Set(ids).size).toBe(ids.length);
      const verify = await runMeasured(['target', 'verify'], { cwd: dir, env });
      expect(verify.exitCode, verify.stdout).toBe(0);
    } finally {
      remove(dir);
    }
  }, 600_000);
});

describe('stale locks', () => {
  it('a lock left by a process killed while holding it is taken over once stale, and the waiting processes all finish', async () => {
    const dir = copyOf(base, 'wdksim-stale-');
    try {
      const env = envFor(dir); // WDKSIM_LOCK_STALE_MS=2000
      const killed = await runMeasured(['devcon', 'install', `pkg${INSTALL[0]}/hello${INSTALL[0]}.inf`, `Root\\Hello${INSTALL[0]}`], {
        cwd: dir,
        env: { ...env, WDKSIM_FAULT: 'locked' },
      });
      expect(killed.stderr).toContain('WDKSIM_FAULT=locked');
      const waiters = await Promise.all(
        [...INSTALL, ...DP_ADD].map((n) =>
          runMeasured(['devcon', n <= INSTALL.at(-1)! ? 'install' : 'dp_add', `pkg${n}/hello${n}.inf`, ...(n <= INSTALL.at(-1)! ? [`Root\\Hello${n}`] : [])], {
            cwd: dir,
            env,
            timeoutMs: 120_000,
          }),
        ),
      );
      stats.staleTakeovers++;
      for (const r of waiters) {
        stats.processes++;
        expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      }
      // The holder was proven gone (its pid exited): one waiter took the lock over at once, without waiting for a stale time.
      expect(waiters.filter((r) => r.stderr.includes('took over the lock')).length).toBe(1);
      const verify = await runMeasured(['target', 'verify'], { cwd: dir, env });
      expect(verify.exitCode, verify.stdout).toBe(0);
    } finally {
      remove(dir);
    }
  }, 300_000);

  it('a lock held by a live process for longer than the stale time is not taken over: the next command waits for it', async () => {
    const dir = copyOf(base, 'wdksim-live-');
    try {
      const env = envFor(dir); // WDKSIM_LOCK_STALE_MS=2000
      // A wdksim command paused (SIGSTOP) while it holds the lock, resumed after 5 s.
      const holder = execa(process.execPath, [BIN, 'devcon', 'dp_add', `pkg${DP_ADD[0]}/hello${DP_ADD[0]}.inf`], {
        cwd: dir,
        env: { ...env, WDKSIM_FAULT_PAUSE: 'locked' },
        reject: false,
        stdin: 'ignore',
      });
      await new Promise<void>((resolve) => holder.stderr!.on('data', (d: Buffer) => d.toString().includes('paused') && resolve()));
      await waitStopped(holder.pid!);
      const holdMs = 5000;
      const started = performance.now();
      setTimeout(() => process.kill(holder.pid!, 'SIGCONT'), holdMs);
      const r = await runMeasured(['devcon', 'dp_add', `pkg${DP_ADD[0]}/hello${DP_ADD[0]}.inf`], { cwd: dir, env, timeoutMs: 60_000 });
      stats.processes++;
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      expect(r.stderr).not.toContain('took over');
      expect(performance.now() - started).toBeGreaterThanOrEqual(holdMs - 100);
      expect((await holder).exitCode).toBe(0);
      const verify = await runMeasured(['target', 'verify'], { cwd: dir, env });
      expect(verify.exitCode, verify.stdout).toBe(0);
    } finally {
      remove(dir);
    }
  }, 120_000);
});

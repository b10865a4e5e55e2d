// The lock under the faults that broke proper-lockfile's takeover (issue 21):
// in every round a holder is SIGKILLed or SIGSTOPped at a random step of its
// transaction while it holds the lock, and 2-4 other wdksim processes contend
// for the target. Then: `target verify` passes, every command that reported
// success is on the machine (no lost update), the killed holder's install is
// there exactly when it was killed after its commit point, no journal or lock
// is left, and no process printed a stack trace. Rounds: WDKSIM_LOCK_ITERATIONS
// (3 in `npm test`, 200 in `npm run stress`). Also: 20 waiters behind a killed
// holder, and a holder whose lock was taken over (another host's stale lock)
// stopping cleanly with nothing applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa, type ResultPromise } from 'execa';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAULT_STEPS } from '../../src/machine/fault.js';
import { BIN } from '../helpers/cli.js';
import { LOCK_ITERATIONS, SEED, STRESS, figures, rng } from './budget.js';
import { crashSigns, runMeasured, waitStopped, type Measured } from './child.js';
import { copyOf, devicesOf, envFor, golden, oemOf, readState, remove } from '../faults/world.js';

const PACKAGES = 24;
/** Correctness, not the wait budget, is under test: on 2 shared cores 20 queued installs can take over a minute. */
const lockEnv = (dir: string) => envFor(dir, { WDKSIM_LOCK_WAIT_MS: '600000' });
const COMMITTED = new Set(['journal-written', 'mid-apply', 'applied', 'state-written']);
let base = '';
const stats = { rounds: 0, kills: 0, pauses: 0, processes: 0, takeovers: 0, rolledForward: 0, failures: 0, slowestMs: 0 };

beforeAll(async () => {
  base = await golden(PACKAGES);
}, 300_000);
afterAll(() => {
  remove(base);
  figures('lock', {
    rounds: stats.rounds,
    'holders killed': stats.kills,
    'holders paused': stats.pauses,
    'processes run': stats.processes,
    'locks taken over': stats.takeovers,
    'journals finished': stats.rolledForward,
    'slowest ms': Math.round(stats.slowestMs),
    failures: stats.failures,
  });
});

type Op = { kind: 'install' | 'dp_add' | 'pnputil'; n: number };
const argvOf = (op: Op): string[] =>
  op.kind === 'install'
    ? ['devcon', 'install', `pkg${op.n}/hello${op.n}.inf`, `Root\\Hello${op.n}`]
    : op.kind === 'dp_add'
      ? ['devcon', 'dp_add', `pkg${op.n}/hello${op.n}.inf`]
      : ['pnputil', '/add-driver', `pkg${op.n}/hello${op.n}.inf`];

/** Starts a wdksim process and resolves once `marker` appears on its stderr (or it ends). */
function startHolder(argv: string[], dir: string, env: Record<string, string>, marker: string): { child: ResultPromise; reached: Promise<void> } {
  const child = execa(process.execPath, [BIN, ...argv], { cwd: dir, env: { ...env }, reject: false, stdin: 'ignore', detached: true });
  const reached = new Promise<void>((resolve) => {
    let seen = '';
    child.stderr!.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(marker)) resolve();
    });
    void child.then(() => resolve());
  });
  return { child, reached };
}

/** The machine holds exactly what the successful operations promise, and nothing of the failed ones. */
function expectOutcome(dir: string, done: { op: Op; ok: boolean }[]): void {
  const s = readState(dir);
  for (const { op, ok } of done) {
    const label = `${argvOf(op).join(' ')} (${ok ? 'reported success' : 'failed'})`;
    if (ok) {
      expect(oemOf(s, `hello${op.n}.inf`), label).toBeDefined();
      if (op.kind === 'install')
        expect(
          devicesOf(s, `Root\\Hello${op.n}`).map((d) => d.problem),
          label,
        ).toEqual([0]);
    } else {
      expect(oemOf(s, `hello${op.n}.inf`), label).toBeUndefined();
      expect(devicesOf(s, `Root\\Hello${op.n}`), label).toEqual([]);
    }
  }
  const published = s.packages.filter((p) => !p.inbox).map((p) => p.publishedName);
  expect(new Set(published).size, 'distinct published names').toBe(published.length);
  const root = join(dir, 'target', '.wdksim');
  expect(existsSync(join(root, 'lock')), 'lock released').toBe(false);
  expect(existsSync(join(root, 'journal')) ? readdirSync(join(root, 'journal')) : [], 'journal empty').toEqual([]);
}

function note(r: Measured | { stderr: string }): void {
  if (r.stderr.includes('took over the lock')) stats.takeovers++;
  if (r.stderr.includes('finished the change')) stats.rolledForward++;
}

describe('the lock under kills and pauses', () => {
  it(`${LOCK_ITERATIONS} rounds: a holder killed or paused at a random step, 2-4 processes contending`, async () => {
    const random = rng(SEED);
    for (let round = 0; round < LOCK_ITERATIONS; round++) {
      const dir = copyOf(base, 'wdksim-lock-');
      try {
        const env = lockEnv(dir);
        const step = FAULT_STEPS[Math.floor(random() * FAULT_STEPS.length)]!;
        const pause = random() < 0.5;
        const ids = Array.from({ length: PACKAGES - 1 }, (_, i) => i + 1).sort(() => random() - 0.5);
        const holderOp: Op = { kind: 'install', n: ids[0]! };
        const waiters: Op[] = Array.from({ length: 2 + Math.floor(random() * 3) }, (_, i) => ({
          kind: (['install', 'dp_add', 'pnputil'] as const)[Math.floor(random() * 3)]!,
          n: ids[i + 1]!,
        }));
        const context = `round ${round} (seed ${SEED}): holder ${pause ? 'paused' : 'killed'} at ${step}, waiters ${waiters.map((w) => `${w.kind} ${w.n}`).join(', ')}`;
        const holder = startHolder(
          argvOf(holderOp),
          dir,
          { ...env, NO_COLOR: '1', [pause ? 'WDKSIM_FAULT_PAUSE' : 'WDKSIM_FAULT']: step },
          pause ? 'paused at this step' : 'killed at this step',
        );
        await holder.reached;
        if (pause) await waitStopped(holder.child.pid!);
        // A waiter gives up (naming the lock's owner) before the harness would kill it: a hang explains itself.
        const running = waiters.map((op) => runMeasured(argvOf(op), { cwd: dir, env: { ...env, WDKSIM_LOCK_WAIT_MS: '90000' }, timeoutMs: 150_000 }));
        if (pause) {
          // Sometimes past the stale time (2 s): a live holder is never robbed, however long it sleeps.
          await new Promise((r) => setTimeout(r, 200 + Math.floor(random() * 3000)));
          process.kill(holder.child.pid!, 'SIGCONT');
        }
        const h = await holder.child;
        const results = await Promise.all(running);
        stats.rounds++;
        stats.processes += 1 + results.length;
        if (pause) stats.pauses++;
        else stats.kills++;
        note({ stderr: String(h.stderr) });
        const done: { op: Op; ok: boolean }[] = [];
        expect(crashSigns(String(h.stderr)), `${context}: holder`).toBeUndefined();
        if (pause) {
          expect(h.exitCode, `${context}: holder ${String(h.stderr)}`).toBe(0);
          done.push({ op: holderOp, ok: true });
        } else {
          expect(h.signal ?? h.exitCode, context).not.toBe(0);
          done.push({ op: holderOp, ok: COMMITTED.has(step) });
        }
        results.forEach((r, i) => {
          note(r);
          stats.slowestMs = Math.max(stats.slowestMs, r.ms);
          const label = `${context}: ${argvOf(waiters[i]!).join(' ')} exited ${r.exitCode}: ${r.stdout}${r.stderr}`;
          expect(crashSigns(r.stderr), label).toBeUndefined();
          expect(r.exitCode, label).toBe(0);
          done.push({ op: waiters[i]!, ok: true });
        });
        const verify = await runMeasured(['target', 'verify'], { cwd: dir, env });
        expect(verify.exitCode, `${context}: ${verify.stdout}${verify.stderr}`).toBe(0);
        expectOutcome(dir, done);
      } catch (error) {
        stats.failures++;
        throw error;
      } finally {
        remove(dir);
      }
    }
  }, 3_600_000);

  it(`${STRESS ? 20 : 8} waiters behind a holder killed while holding the lock all finish`, async () => {
    const dir = copyOf(base, 'wdksim-lock20-');
    try {
      const env = lockEnv(dir);
      const count = STRESS ? 20 : 8;
      const killed = await runMeasured(argvOf({ kind: 'install', n: 1 }), { cwd: dir, env: { ...env, WDKSIM_FAULT: 'files-staged' } });
      expect(killed.stderr).toContain('WDKSIM_FAULT=files-staged');
      const ops: Op[] = Array.from({ length: count }, (_, i) => ({ kind: (['install', 'dp_add', 'pnputil'] as const)[i % 3]!, n: 2 + i }));
      const results = await Promise.all(ops.map((op) => runMeasured(argvOf(op), { cwd: dir, env, timeoutMs: 300_000 })));
      results.forEach((r, i) => {
        note(r);
        stats.processes++;
        stats.slowestMs = Math.max(stats.slowestMs, r.ms);
        expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
        expect(r.exitCode, `${argvOf(ops[i]!).join(' ')}: ${r.stdout}${r.stderr}`).toBe(0);
      });
      // Exactly one waiter proved the holder gone and took its lock over.
      expect(results.filter((r) => r.stderr.includes('took over the lock')).length).toBe(1);
      expect((await runMeasured(['target', 'verify'], { cwd: dir, env })).exitCode).toBe(0);
      expectOutcome(dir, [{ op: { kind: 'install', n: 1 }, ok: false }, ...ops.map((op) => ({ op, ok: true }))]);
    } finally {
      remove(dir);
    }
  }, 600_000);

  it('a holder whose lock was taken over (another host, stale heartbeat) stops with a clear message and applies nothing', async () => {
    const dir = copyOf(base, 'wdksim-lost-');
    try {
      const env = lockEnv(dir);
      const holderOp: Op = { kind: 'install', n: 1 };
      const holder = startHolder(argvOf(holderOp), dir, { ...env, WDKSIM_FAULT_PAUSE: 'files-staged' }, 'paused at this step');
      await holder.reached;
      await waitStopped(holder.child.pid!);
      // Make the paused holder's lock look like one of another host whose heartbeat stopped long ago.
      const ownerFile = join(dir, 'target', '.wdksim', 'lock', 'owner.json');
      const owner = JSON.parse(readFileSync(ownerFile, 'utf8')) as Record<string, unknown>;
      writeFileSync(ownerFile, JSON.stringify({ ...owner, host: 'lab-pc-2', pidns: undefined, boot: undefined }));
      const old = new Date(Date.now() - 60_000);
      utimesSync(ownerFile, old, old);
      const other = await runMeasured(argvOf({ kind: 'dp_add', n: 2 }), { cwd: dir, env });
      expect(other.exitCode, other.stderr).toBe(0);
      expect(other.stderr).toContain('took over the lock');
      process.kill(holder.child.pid!, 'SIGCONT');
      const h = await holder.child;
      expect(crashSigns(String(h.stderr)), String(h.stderr)).toBeUndefined();
      expect(h.exitCode).toBe(2);
      expect(String(h.stderr)).toMatch(/lost the lock on the target .* nothing of this command was applied; run it again/);
      expect((await runMeasured(['target', 'verify'], { cwd: dir, env })).exitCode).toBe(0);
      expectOutcome(dir, [
        { op: holderOp, ok: false },
        { op: { kind: 'dp_add', n: 2 }, ok: true },
      ]);
      // Run again, it works.
      expect((await runMeasured(argvOf(holderOp), { cwd: dir, env })).exitCode).toBe(0);
      expectOutcome(dir, [{ op: holderOp, ok: true }]);
    } finally {
      remove(dir);
    }
  }, 120_000);
});

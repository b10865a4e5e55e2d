// A target directory: where it is, and the three things every command does
// with it: take its lock (lock.ts), finish or discard what a gone process left
// in the journal (journal.ts), and read or change its state (state-store.ts,
// transaction.ts). All file access goes through fs/jail.ts.
import { isAbsolute, join, resolve } from 'node:path';
import { TargetError } from '../errors.js';
import type { Context } from '../io.js';
import { maybeFault } from './fault.js';
import { appendLog, entry, listDir, makeDir, partsOf, removeTree, rootKind, setNoticeSink, writeAtomic, writeNew } from './fs/jail.js';
import { JOURNAL, recoverJournals } from './journal.js';
import { LockLostError, TargetLock } from './lock.js';
import { lockSettings } from './lock-settings.js';
import { type MachineState } from './schema.js';
import { LOG_PATH } from './setupapi-log.js';
import { DamagedStateError, META_DIR, hasState, readMark, readState, writeFirstState } from './state-store.js';
import { Transaction } from './transaction.js';
import { LazyState } from './lazy-state.js';

export { META_DIR, readState, sha256 } from './state-store.js';
export { Transaction } from './transaction.js';

/** --target DIR, else WDKSIM_TARGET, else ./wdksim-target; relative to the working directory. */
export function resolveTargetDir(ctx: Context, explicit?: string): string {
  const dir = explicit ?? ctx.target ?? ctx.io.env.WDKSIM_TARGET ?? 'wdksim-target';
  return isAbsolute(dir) ? dir : resolve(ctx.io.cwd, dir);
}

export class Target {
  /**
   * The state this object last committed, reused by its next transaction while
   * the state file is still the one it wrote (same digest mark), so a long-lived
   * caller does not re-parse a big state for every transaction.
   */
  #cache: { state: MachineState; digest: string } | undefined;
  /** The lock while this object holds it (for fencing by callers that write under withLock). */
  lock: TargetLock | undefined;

  constructor(
    readonly root: string,
    readonly ctx: Context,
  ) {}

  get statePath(): string {
    return join(this.root, 'wdksim-state.json');
  }

  async #draft(): Promise<MachineState> {
    const cached = this.#cache;
    this.#cache = undefined; // the draft is mutated in place: never reuse it unless committed
    if (cached && (await readMark(this.root)) === cached.digest) return cached.state;
    return readState(this.root, { restore: true });
  }

  /** The validated state, whole: a snapshot (a committed journal left by a killed process, or a damaged state file, is dealt with first). */
  async read(): Promise<MachineState> {
    const state = await this.readLive();
    if (state instanceof LazyState) state.loadAll();
    return state;
  }

  /**
   * The validated state, its collections read from disk when first touched: for
   * a command that reads once and prints (devcon status, pnputil /enum-drivers),
   * which then reads only what it prints. Not a snapshot: read() is.
   */
  async readLive(): Promise<MachineState> {
    setNoticeSink((m) => this.ctx.io.stderr(m)); // a record file read from its committed copy says so on this command's stderr
    if (await this.#journalPending()) await this.withLock(async () => undefined);
    try {
      return await readState(this.root);
    } catch (error) {
      if (!(error instanceof DamagedStateError)) throw error;
      return this.withLock(() => readState(this.root, { restore: true }));
    }
  }

  async #journalPending(): Promise<boolean> {
    try {
      const names = await listDir(this.root, JOURNAL, 'journal');
      return names !== undefined && names.length > 0;
    } catch {
      return true; // something odd at the journal's place: recovery deals with it under the lock
    }
  }

  /** Runs fn with the target's lock held: a second process waits, then fails with a clear message. */
  async withLock<T>(fn: (lock: TargetLock) => Promise<T>, command = 'wdksim'): Promise<T> {
    const env = this.ctx.io.env;
    const settings = lockSettings(env);
    setNoticeSink((m) => this.ctx.io.stderr(m));
    const meta = await entry(this.root, partsOf(META_DIR));
    if (meta.kind === 'link') {
      throw new TargetError(`${join(this.root, META_DIR)} is a symbolic link; refused (the target is a jail: its lock and journal must be inside it)`);
    }
    if (meta.kind !== 'dir' && meta.kind !== 'missing')
      throw new TargetError(`${join(this.root, META_DIR)} is not a folder; refused (move it away: it holds the target's lock and journal)`);
    await makeDir(this.root, META_DIR);
    const lock = new TargetLock(this.root, settings, command);
    await lock.acquire();
    this.lock = lock;
    try {
      maybeFault(env, 'locked');
      await recoverJournals(this.root, lock, env);
      return await fn(lock);
    } finally {
      this.lock = undefined;
      await lock.release().catch(() => undefined);
    }
  }

  /**
   * Runs fn on a draft of the state; when it returns, its file changes and the
   * new state are committed together. When it throws, nothing changes except
   * that its setupapi.dev.log sections are appended, saying it was rolled back.
   */
  async transaction<T>(name: string, fn: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.withLock(async (lock) => {
      const state = await this.#draft();
      const journalDir = `${JOURNAL}/${lock.token}`;
      await makeDir(this.root, journalDir);
      await writeNew(this.root, `${journalDir}/owner.json`, JSON.stringify(lock.owner), 'journal');
      const tx = new Transaction(this, state, name, journalDir, lock);
      let result: T;
      try {
        result = await fn(tx);
      } catch (error) {
        await removeTree(this.root, journalDir);
        // Windows logs failed operations too; only the log survives a failed transaction.
        const logText = tx.renderLog(error instanceof Error ? error.message : String(error));
        if (logText) await this.#writeFailureLog(logText);
        throw error;
      }
      try {
        await tx.commit();
      } catch (error) {
        // Lost the lock before the commit point: this holder's journal is its own to throw away (nothing was applied).
        if (error instanceof LockLostError && !error.committed) await removeTree(this.root, journalDir).catch(() => undefined);
        throw error;
      }
      // A state over records is cheap to open again; a one-document state read without the lock is reused.
      if (tx.committedDigest && !tx.records) this.#cache = { state: tx.state, digest: tx.committedDigest };
      return result;
    }, name);
  }

  /** Appends the log of a failed operation (the rest of the transaction is discarded). */
  async #writeFailureLog(text: string): Promise<void> {
    try {
      await this.lock?.assertHeld('write the log');
      await appendLog(this.root, LOG_PATH, text, Number.MAX_SAFE_INTEGER, 'refuse', 'setupapi.dev.log');
    } catch {
      // A log that cannot be written safely is not written; the operation's own error is what matters.
    }
  }
}

/** Opens an existing target (TargetError naming the fix when there is none). */
export async function openTarget(ctxOrDir: Context | string, ctx?: Context): Promise<Target> {
  const context = typeof ctxOrDir === 'string' ? ctx : ctxOrDir;
  if (!context) throw new TargetError('openTarget needs a context');
  const root = typeof ctxOrDir === 'string' ? resolve(context.io.cwd, ctxOrDir) : resolveTargetDir(context);
  if ((await rootKind(root)) !== 'dir' || !(await hasState(root))) {
    throw new TargetError(`no target machine at ${root}; create one with: wdksim target init ${root}`);
  }
  return new Target(root, context);
}

/** Used by `target init`: writes the first state (no lock exists yet; the directory must be new or empty of state). */
export async function createTargetFiles(root: string, state: MachineState, files: { rel: string; data: Buffer | string }[]): Promise<void> {
  for (const f of files) await writeAtomic(root, f.rel, f.data);
  await makeDir(root, META_DIR);
  await writeFirstState(root, state);
}

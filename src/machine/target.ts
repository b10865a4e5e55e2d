// A target directory: where it is, its state, its lock and its transactions.
//
// Transaction protocol (crash-safe): every new file is first written into
// .wdksim/journal/, then a commit record (.wdksim/journal/commit.json) is
// written atomically: that is the commit point. Applying renames the journal
// files into place and replaces wdksim-state.json last; then the journal is
// removed. Whoever takes the lock next finishes a committed journal (renames
// are idempotent) or throws away an uncommitted one, so a process killed at
// any point leaves either the old or the new target.
import { createHash, randomBytes } from 'node:crypto';
import { appendFile, lstat, mkdir, readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { InternalError, TargetError, describeFsError } from '../errors.js';
import type { Context } from '../io.js';
import { maybeFault } from './fault.js';
import { resolveInside, splitRelative } from './paths.js';
import { Registry, registryParts } from './registry.js';
import { machineState, STATE_FILE, STATE_FORMAT, STATE_VERSION, type MachineState } from './schema.js';
import { LOG_PATH, LogSection, logTimestamp } from './setupapi-log.js';
import { deviceJson } from './device-json.js';

export const META_DIR = '.wdksim';
const JOURNAL = `${META_DIR}/journal`;
const COMMIT = `${JOURNAL}/commit.json`;

/** --target DIR, else WDKSIM_TARGET, else ./wdksim-target; relative to the working directory. */
export function resolveTargetDir(ctx: Context, explicit?: string): string {
  const dir = explicit ?? ctx.target ?? ctx.io.env.WDKSIM_TARGET ?? 'wdksim-target';
  return isAbsolute(dir) ? dir : resolve(ctx.io.cwd, dir);
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

interface CommitRecord {
  puts: { tmp: string; dest: string }[];
  deletes: string[];
  /** Directory trees removed after the deletes (driver store folders). */
  trees?: string[];
  log?: { tmp: string; size: number };
  state: string;
  /** Identity of the new state file (written to STATE_MARK after the state). */
  stateMark?: string;
}

/**
 * Size, modification time and inode of the state file the last transaction
 * wrote: a state file that still has them was written (and validated) by
 * wdksim and need not be re-validated; any edit changes them.
 */
const STATE_MARK = `${META_DIR}/state.mark`;

function markOf(info: { size: number; mtimeMs: number; ino: number }): string {
  return `${info.size} ${info.mtimeMs} ${info.ino}`;
}

/** What a transaction function receives: the draft state and staged file operations. */
export class Transaction {
  readonly registry: Registry;
  readonly #puts = new Map<string, { tmp: string; dest: string; data?: Buffer }>();
  readonly #deletes = new Set<string>();
  readonly #trees = new Set<string>();
  readonly #logParts: string[] = [];
  readonly #dirCache = new Map<string, Map<string, string>>();
  #seq = 0;

  constructor(readonly target: Target, readonly state: MachineState, readonly name: string, readonly journalDir: string) {
    this.registry = new Registry(state.registry);
  }

  get ctx(): Context {
    return this.target.ctx;
  }
  get root(): string {
    return this.target.root;
  }

  /** Target-relative path (either separator) → its checked, case-resolved form (forward slashes). */
  async resolve(rel: string, what = 'path'): Promise<string> {
    const parts = splitRelative(rel, what);
    // A file staged in this transaction decides the case of its own name.
    const staged = this.#puts.get(parts.join('/').toLowerCase());
    if (staged) return staged.dest;
    const resolved = await resolveInside(this.root, parts, what, this.#dirCache);
    return resolved.parts.join('/');
  }

  /** Stages a file write (the bytes land at commit). */
  async writeFile(rel: string, data: Buffer | string, what = 'file'): Promise<string> {
    const dest = await this.resolve(rel, what);
    const tmp = `${this.journalDir}/f${this.#seq++}`;
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    await writeFile(join(this.root, tmp), bytes);
    this.#puts.set(dest.toLowerCase(), { tmp, dest, data: bytes });
    this.#deletes.delete(dest.toLowerCase());
    return dest;
  }

  /** Stages a file delete. */
  async deleteFile(rel: string): Promise<void> {
    const dest = await this.resolve(rel, 'file');
    this.#puts.delete(dest.toLowerCase());
    this.#deletes.add(dest);
  }

  /** Stages removing a whole directory (after the file deletes). */
  async deleteTree(rel: string): Promise<void> {
    const dest = await this.resolve(rel, 'folder');
    for (const key of [...this.#puts.keys()]) if (key.startsWith(dest.toLowerCase() + '/')) this.#puts.delete(key);
    this.#trees.add(dest);
  }

  /** Reads a file as this transaction sees it (staged writes included); undefined when absent. */
  async readFile(rel: string): Promise<Buffer | undefined> {
    const dest = await this.resolve(rel, 'file');
    const staged = this.#puts.get(dest.toLowerCase());
    if (staged) return staged.data;
    if ([...this.#deletes].some((d) => d.toLowerCase() === dest.toLowerCase())) return undefined;
    try {
      return await readFile(join(this.root, dest));
    } catch {
      return undefined;
    }
  }

  async exists(rel: string): Promise<boolean> {
    return (await this.readFile(rel)) !== undefined;
  }

  /** Records a file the state vouches for (hash checked by `target verify`). */
  trackFile(rel: string, data: Buffer): void {
    this.untrackFile(rel);
    this.state.files.push({ path: rel, sha256: sha256(data) });
  }

  untrackFile(rel: string): void {
    const lower = rel.toLowerCase();
    // Only a path of the same length can be the same name in another case.
    this.state.files = this.state.files.filter((f) => f.path.length !== rel.length || f.path.toLowerCase() !== lower);
  }

  /** A setupapi.dev.log section; written when the transaction commits (also when the operation fails and the tx is kept). */
  log(title: string): LogSection {
    const section = new LogSection(title);
    const start = logTimestamp(this.ctx.clock);
    this.#logParts.push('');
    const index = this.#logParts.length - 1;
    // Rendered lazily so entries added later are included.
    this.#pending.push({ index, section, start });
    return section;
  }
  readonly #pending: { index: number; section: LogSection; start: string }[] = [];

  /** Raw text for setupapi.dev.log (a boot session marker), in order with the sections. */
  logRaw(text: string): void {
    this.#logParts.push(text);
  }

  renderLog(): string {
    const end = logTimestamp(this.ctx.clock);
    for (const p of this.#pending) this.#logParts[p.index] = p.section.render(p.start, end);
    return this.#logParts.join('');
  }

  /** The commit: journal, commit record, apply. */
  async commit(): Promise<void> {
    const env = this.ctx.io.env;
    // The draft came from a validated state through typed engine code; full
    // re-validation (costly on big targets) runs when WDKSIM_VALIDATE_STATE=1.
    const stateTmp = `${this.journalDir}/state.json`;
    const stateText = stateJson(this.state) + '\n';
    if (env.WDKSIM_VALIDATE_STATE === '1') {
      machineState.parse(this.state);
      if (stateText !== JSON.stringify(this.state) + '\n') throw new InternalError('the cached state text differs from the state (a registry key was changed without Registry, a package or file record in place, or a device without editDevice)');
    }
    await writeFile(join(this.root, stateTmp), stateText);
    const record: CommitRecord = {
      stateMark: markOf(await stat(join(this.root, stateTmp))), puts: [...this.#puts.values()].map(({ tmp, dest }) => ({ tmp, dest })), deletes: [...this.#deletes], trees: [...this.#trees], state: stateTmp };
    const logText = this.renderLog();
    // The log is appended in place: it must not be a link leading out of the target.
    if (logText) await this.resolve(LOG_PATH, 'setupapi.dev.log');
    if (logText) {
      const logTmp = `${this.journalDir}/log.txt`;
      await writeFile(join(this.root, logTmp), logText);
      let size = 0;
      try {
        size = (await stat(join(this.root, LOG_PATH))).size;
      } catch {
        size = 0;
      }
      record.log = { tmp: logTmp, size };
    }
    maybeFault(env, 'files-staged');
    await writeFileAtomic(join(this.root, COMMIT), JSON.stringify(record));
    maybeFault(env, 'journal-written');
    await applyCommit(this.root, record, env);
  }
}

async function applyCommit(root: string, record: CommitRecord, env: Record<string, string | undefined>): Promise<void> {
  let n = 0;
  for (const put of record.puts) {
    const dest = join(root, put.dest);
    await mkdir(dirname(dest), { recursive: true });
    try {
      await rename(join(root, put.tmp), dest);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // already moved by an earlier attempt
    }
    if (++n === 1) maybeFault(env, 'mid-apply');
  }
  for (const del of record.deletes) await rm(join(root, del), { force: true });
  for (const tree of record.trees ?? []) await rm(join(root, tree), { recursive: true, force: true });
  if (record.log) {
    const logFile = join(root, LOG_PATH);
    await mkdir(dirname(logFile), { recursive: true });
    try {
      const size = (await stat(logFile)).size;
      if (size > record.log.size) await truncate(logFile, record.log.size);
    } catch {
      // no log yet
    }
    try {
      await appendFile(logFile, await readFile(join(root, record.log.tmp)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  maybeFault(env, 'applied');
  try {
    await rename(join(root, record.state), join(root, STATE_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (record.stateMark) {
    // Through a file in the journal and a rename, so a link planted at the mark's name is replaced, not followed.
    const tmp = `${JOURNAL}/state.mark`;
    await writeFile(join(root, tmp), record.stateMark);
    await rename(join(root, tmp), join(root, STATE_MARK));
  }
  maybeFault(env, 'state-written');
  await rm(join(root, JOURNAL), { recursive: true, force: true });
}

/** A commit record names only paths inside the target, and journal files inside the journal. */
function recordIsSafe(record: CommitRecord): boolean {
  const inside = (p: unknown) => {
    if (typeof p !== 'string') return false;
    try {
      splitRelative(p, 'journal path');
      return true;
    } catch {
      return false;
    }
  };
  const journal = (p: unknown) => inside(p) && (p as string).startsWith(`${JOURNAL}/`);
  return Array.isArray(record.puts) && record.puts.every((p) => journal(p?.tmp) && inside(p?.dest))
    && Array.isArray(record.deletes) && record.deletes.every(inside)
    && (record.trees ?? []).every(inside)
    && (!record.log || journal(record.log.tmp)) && journal(record.state);
}

/** Finishes a committed journal or discards an uncommitted one. Caller holds the lock. */
async function recover(root: string, env: Record<string, string | undefined>): Promise<'none' | 'rolled-forward' | 'discarded'> {
  // A link planted at the journal's place is removed, never followed.
  try {
    if ((await lstat(join(root, JOURNAL))).isSymbolicLink()) await rm(join(root, JOURNAL), { force: true });
  } catch {
    // no journal
  }
  let record: CommitRecord | undefined;
  try {
    record = JSON.parse(await readFile(join(root, COMMIT), 'utf8')) as CommitRecord;
  } catch {
    record = undefined;
  }
  if (record && !recordIsSafe(record)) record = undefined; // not one wdksim wrote: discarded below
  if (record) {
    await applyCommit(root, record, env);
    return 'rolled-forward';
  }
  try {
    await stat(join(root, JOURNAL));
  } catch {
    return 'none';
  }
  await rm(join(root, JOURNAL), { recursive: true, force: true });
  return 'discarded';
}

/**
 * JSON text of driver package and file-hash records, which are never changed in
 * place (they are added and removed whole), reused when the state is written again.
 */
const recordJson = new WeakMap<object, string>();

/** JSON text of a package or file record, made once. */
function recordText(item: object): string {
  let text = recordJson.get(item);
  if (text === undefined) {
    text = JSON.stringify(item);
    recordJson.set(item, text);
  }
  return text;
}

/** Appends the texts of `items` to `out`, comma-separated. */
function pushJoined<T>(out: string[], items: readonly T[], text: (item: T) => string): void {
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.push(',');
    out.push(text(items[i]!));
  }
}

const same = (text: string): string => text;

/** JSON.stringify(state), with the registry, packages, file hashes and devices from cached per-record text (the big, mostly unchanged parts). */
function stateJson(state: MachineState): string {
  // One flat list of pieces and one join: joining the registry, devices and packages
  // separately and then the whole copied the 3 MB text of a big target twice more.
  const out: string[] = ['{'];
  let first = true;
  for (const [key, value] of Object.entries(state)) {
    if (value === undefined) continue;
    out.push(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
    if (key === 'registry') {
      out.push('{');
      pushJoined(out, registryParts(value as MachineState['registry']), same);
      out.push('}');
    } else if (key === 'packages' || key === 'files') {
      out.push('[');
      pushJoined(out, value as object[], recordText);
      out.push(']');
    } else if (key === 'devices') {
      out.push('[');
      pushJoined(out, value as MachineState['devices'], deviceJson);
      out.push(']');
    } else {
      out.push(JSON.stringify(value));
    }
  }
  out.push('}');
  return out.join('');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export class Target {
  /**
   * The state this object last committed, reused by its next transaction when
   * the state file is still the one it wrote (same size, mtime and inode), so a
   * long-lived caller does not re-parse a big state for every transaction.
   */
  #cache: { state: MachineState; mark: string } | undefined;

  constructor(readonly root: string, readonly ctx: Context) {}

  async #draft(): Promise<MachineState> {
    const cached = this.#cache;
    this.#cache = undefined; // the draft is mutated in place: never reuse it unless committed
    if (cached) {
      try {
        if (markOf(await stat(this.statePath)) === cached.mark) return cached.state;
      } catch {
        // fall through to a fresh read
      }
    }
    return readState(this.root);
  }

  get statePath(): string {
    return join(this.root, STATE_FILE);
  }

  /** The validated state (a committed journal left by a killed process is finished first). */
  async read(): Promise<MachineState> {
    try {
      await stat(join(this.root, JOURNAL));
      await this.withLock(async () => undefined);
    } catch (error) {
      if (error instanceof TargetError) throw error;
    }
    return readState(this.root);
  }

  /** Runs fn with the target's lock held: a second process waits, then fails with a clear message. */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const env = this.ctx.io.env;
    const waitMs = Number(env.WDKSIM_LOCK_WAIT_MS ?? 60000);
    const staleMs = Math.max(2000, Number(env.WDKSIM_LOCK_STALE_MS ?? 10000));
    const lockPath = join(this.root, META_DIR, 'lock');
    await mkdir(join(this.root, META_DIR), { recursive: true });
    if ((await lstat(join(this.root, META_DIR))).isSymbolicLink()) {
      throw new TargetError(`${join(this.root, META_DIR)} is a symbolic link; refused (the target is a jail: its lock and journal must be inside it)`);
    }
    const deadline = Date.now() + waitMs;
    let release: (() => Promise<void>) | undefined;
    for (;;) {
      try {
        release = await lockfile.lock(this.root, { lockfilePath: lockPath, stale: staleMs, update: Math.floor(staleMs / 2), realpath: false, retries: 0 });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw new TargetError(describeFsError(error, lockPath));
        if (Date.now() >= deadline) {
          throw new TargetError(`the target ${this.root} is locked by another wdksim command (lock ${lockPath}); waited ${Math.round(waitMs / 1000)} s. Try again when it has finished; a lock left by a killed process is taken over after ${Math.round(staleMs / 1000)} s`);
        }
        await sleep(40 + Math.floor(Math.random() * 120));
      }
    }
    try {
      maybeFault(env, 'locked');
      await recover(this.root, env);
      return await fn();
    } finally {
      await release().catch(() => undefined);
    }
  }

  /**
   * Runs fn on a draft of the state; when it returns, its file changes and the
   * new state are committed together. When it throws, nothing changes except
   * that its setupapi.dev.log sections are appended (Windows logs failures too).
   */
  async transaction<T>(name: string, fn: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.withLock(async () => {
      const state = await this.#draft();
      const journalDir = `${JOURNAL}/${randomBytes(4).toString('hex')}`;
      await mkdir(join(this.root, journalDir), { recursive: true });
      const tx = new Transaction(this, state, name, journalDir);
      let result: T;
      try {
        result = await fn(tx);
      } catch (error) {
        await rm(join(this.root, JOURNAL), { recursive: true, force: true });
        // Windows logs failed operations too; only the log survives a failed transaction.
        const logText = tx.renderLog();
        if (logText) await this.#writeFailureLog(logText);
        throw error;
      }
      await tx.commit();
      try {
        this.#cache = { state: tx.state, mark: markOf(await stat(this.statePath)) };
      } catch {
        this.#cache = undefined;
      }
      return result;
    });
  }

  /** Appends the log of a failed operation (the rest of the transaction is discarded). */
  async #writeFailureLog(text: string): Promise<void> {
    try {
      const resolved = await resolveInside(this.root, splitRelative(LOG_PATH, 'log'), 'setupapi.dev.log');
      await mkdir(dirname(resolved.abs), { recursive: true });
      await appendFile(resolved.abs, text);
    } catch {
      // A log that cannot be written safely is not written; the operation's own error is what matters.
    }
  }
}


export async function readState(root: string): Promise<MachineState> {
  const file = join(root, STATE_FILE);
  let text: string;
  let info;
  try {
    info = await stat(file);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new TargetError(`no target machine at ${root}; create one with: wdksim target init ${root}`);
    }
    throw new TargetError(describeFsError(error, file));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TargetError(`${file}: not valid JSON; the target is damaged (re-create it with wdksim target init)`);
  }
  // Byte-identical to what a wdksim transaction wrote: already validated. Anything else (hand edits) is checked in full.
  let mark: string | undefined;
  try {
    mark = (await readFile(join(root, STATE_MARK), 'utf8')).trim();
  } catch {
    mark = undefined;
  }
  if (mark !== undefined && mark === markOf(info) && (json as { format?: unknown; version?: unknown })?.format === STATE_FORMAT && (json as { version?: unknown }).version === STATE_VERSION) {
    return json as MachineState;
  }
  const parsed = machineState.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TargetError(`${file}: not a wdksim target state (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}); re-create it with wdksim target init`);
  }
  return parsed.data;
}

/** Opens an existing target (TargetError naming the fix when there is none). */
export async function openTarget(ctxOrDir: Context | string, ctx?: Context): Promise<Target> {
  const context = typeof ctxOrDir === 'string' ? ctx : ctxOrDir;
  if (!context) throw new TargetError('openTarget needs a context');
  const root = typeof ctxOrDir === 'string' ? resolve(context.io.cwd, ctxOrDir) : resolveTargetDir(context);
  try {
    const info = await stat(join(root, STATE_FILE));
    if (!info.isFile()) throw new Error('not a file');
  } catch {
    throw new TargetError(`no target machine at ${root}; create one with: wdksim target init ${root}`);
  }
  return new Target(root, context);
}

/** Used by `target init`: writes the first state (no lock exists yet; the directory must be new or empty of state). */
export async function createTargetFiles(root: string, state: MachineState, files: { rel: string; data: Buffer | string }[]): Promise<void> {
  for (const f of files) {
    const parts = splitRelative(f.rel, 'file');
    const abs = join(root, ...parts);
    await mkdir(dirname(abs), { recursive: true });
    await writeFileAtomic(abs, f.data);
  }
  const validated = machineState.parse(state);
  const text = JSON.stringify(validated) + '\n';
  await writeFileAtomic(join(root, STATE_FILE), text);
  await mkdir(join(root, META_DIR), { recursive: true });
  await writeFileAtomic(join(root, STATE_MARK), markOf(await stat(join(root, STATE_FILE))));
}


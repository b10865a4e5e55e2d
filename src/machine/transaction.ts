// What a transaction function receives: the draft state and staged file
// operations. Every file operation is checked here, before the commit point
// (jail, links, wdksim's own files, names the host cannot hold, a folder where a
// file goes), so nothing found only while applying can wedge the target.
import { InternalError, TargetError } from '../errors.js';
import type { Context } from '../io.js';
import { maybeFault } from './fault.js';
import { checkHostLimits, lookEntry, readRegular, writeAtomic, writeNew } from './fs/jail.js';
import { applyCommit, type CommitRecord } from './journal.js';
import type { TargetLock } from './lock.js';
import { resolveInside, splitRelative } from './paths.js';
import { Registry } from './registry.js';
import { machineState, STATE_FILE, type MachineState } from './schema.js';
import { LOG_PATH, LogSection, logTimestamp } from './setupapi-log.js';
import { META_DIR, sha256, stateJson } from './state-store.js';
import { LazyState } from './lazy-state.js';

/** What a transaction needs of its target (the Target class satisfies it; named here so target.ts and this file do not import each other). */
export interface TransactionHost {
  readonly root: string;
  readonly ctx: Context;
}

/** Refuses a path onto wdksim's own files (the state, .wdksim/): an INF must not overwrite the machine's bookkeeping. */
export function refuseOwnFiles(parts: readonly string[], what: string): void {
  const first = parts[0]!.toLowerCase();
  if (first === META_DIR || (parts.length === 1 && first === STATE_FILE)) {
    throw new TargetError(`${what} "${parts.join('\\')}" is wdksim's own bookkeeping (the machine state, lock and journal); refused`);
  }
}

export class Transaction {
  readonly registry: Registry;
  readonly #puts = new Map<string, { tmp: string; dest: string; data?: Buffer }>();
  readonly #deletes = new Set<string>();
  readonly #trees = new Set<string>();
  readonly #logParts: string[] = [];
  readonly #dirCache = new Map<string, Map<string, string>>();
  readonly #pending: { index: number; section: LogSection; start: string }[] = [];
  #seq = 0;
  /** SHA-256 of the state text committed (set by commit). */
  committedDigest: string | undefined;

  constructor(
    readonly target: TransactionHost,
    readonly state: MachineState,
    readonly name: string,
    readonly journalDir: string,
    readonly lock?: TargetLock,
  ) {
    this.registry = new Registry(state instanceof LazyState ? state.registryData() : state.registry);
  }

  /** The state over records (every draft is one: a one-document state is migrated before its first change). */
  get records(): LazyState | undefined {
    return this.state instanceof LazyState ? this.state : undefined;
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
    refuseOwnFiles(parts, what);
    checkHostLimits(this.root, parts, what);
    // A file staged in this transaction decides the case of its own name.
    const staged = this.#puts.get(parts.join('/').toLowerCase());
    if (staged) return staged.dest;
    const resolved = await resolveInside(this.root, parts, what, this.#dirCache, 'none');
    checkHostLimits(this.root, resolved.parts, what);
    return resolved.parts.join('/');
  }

  /** Stages a file write (the bytes land at commit). */
  async writeFile(rel: string, data: Buffer | string, what = 'file'): Promise<string> {
    const dest = await this.resolve(rel, what);
    if (!this.#puts.has(dest.toLowerCase())) {
      const there = await lookEntry(this.root, dest, what);
      if (there.kind === 'dir') throw new TargetError(`${what} "${dest.replace(/\//g, '\\')}" is an existing folder; a file cannot be copied onto it; refused`);
      if (there.kind === 'link') throw new TargetError(`${what} "${dest.replace(/\//g, '\\')}" is a symbolic link; refused (the target is a jail: links are never followed)`);
    }
    const tmp = `${this.journalDir}/f${this.#seq++}`;
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    await writeNew(this.root, tmp, bytes, 'journal');
    this.#puts.set(dest.toLowerCase(), { tmp, dest, data: bytes });
    this.#deletes.delete(dest);
    for (const d of this.#deletes) if (d.toLowerCase() === dest.toLowerCase()) this.#deletes.delete(d);
    return dest;
  }

  /** Stages a file delete. */
  async deleteFile(rel: string): Promise<void> {
    const dest = await this.resolve(rel, 'file');
    const there = await lookEntry(this.root, dest, 'file');
    if (there.kind === 'dir') throw new TargetError(`file "${dest.replace(/\//g, '\\')}" to delete is a folder, not a file; refused`);
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
    const lower = dest.toLowerCase();
    for (const d of this.#deletes) if (d.toLowerCase() === lower) return undefined;
    return readRegular(this.root, dest, 'file');
  }

  /** Whether something is at the path as this transaction sees it (not opened: a FIFO there is not read). */
  async exists(rel: string): Promise<boolean> {
    const dest = await this.resolve(rel, 'file');
    if (this.#puts.has(dest.toLowerCase())) return true;
    const lower = dest.toLowerCase();
    for (const d of this.#deletes) if (d.toLowerCase() === lower) return false;
    return (await lookEntry(this.root, dest, 'file')).kind !== 'missing';
  }

  /** Records a file the state vouches for (hash checked by `target verify`). */
  trackFile(rel: string, data: Buffer): void {
    if (this.records) return this.records.trackFile({ path: rel, sha256: sha256(data) });
    this.untrackFile(rel);
    this.state.files.push({ path: rel, sha256: sha256(data) });
  }

  untrackFile(rel: string): void {
    if (this.records) return this.records.untrackFile(rel);
    const lower = rel.toLowerCase();
    // Only a path of the same length can be the same name in another case.
    this.state.files = this.state.files.filter((f) => f.path.length !== rel.length || f.path.toLowerCase() !== lower);
  }

  /** A setupapi.dev.log section; written when the transaction commits (also when the operation fails). */
  log(title: string): LogSection {
    const section = new LogSection(title);
    const start = logTimestamp(this.ctx.clock);
    this.#logParts.push('');
    const index = this.#logParts.length - 1;
    // Rendered lazily so entries added later are included.
    this.#pending.push({ index, section, start });
    return section;
  }

  /** Raw text for setupapi.dev.log (a boot session marker), in order with the sections. */
  logRaw(text: string): void {
    this.#logParts.push(text);
  }

  /**
   * The log text. With `failure`, the transaction was rolled back: every section
   * says so (a package it "imported" is not on the machine), so the log tells what
   * really happened.
   */
  renderLog(failure?: string): string {
    const end = logTimestamp(this.ctx.clock);
    for (const p of this.#pending) {
      if (failure !== undefined) {
        p.section.entry('!!!', `Rolled back: ${this.name} failed (${failure.slice(0, 200)}); nothing of this section was kept on the machine.`, 'error');
      }
      this.#logParts[p.index] = p.section.render(p.start, end);
    }
    return this.#logParts.join('');
  }

  /** The commit: journal, commit record (the commit point), apply. */
  async commit(): Promise<void> {
    const env = this.ctx.io.env;
    const fence = async (step: string) => this.lock?.assertHeld(step, step !== 'commit');
    const dir = this.journalDir;
    const records: { tmp: string; dest: string }[] = [];
    const recordDeletes: string[] = [];
    let stateText: string;
    if (this.records) {
      if (env.WDKSIM_VALIDATE_STATE === '1') machineState.parse(this.records.toPlain());
      const { writes, head } = this.records.changes();
      for (const w of writes) {
        if (w.text === undefined) recordDeletes.push(w.rel);
        else {
          const tmp = `${dir}/r${records.length}`;
          await writeNew(this.root, tmp, w.text, 'journal');
          records.push({ tmp, dest: w.rel });
        }
      }
      stateText = JSON.stringify(head) + '\n';
    } else {
      stateText = stateJson(this.state) + '\n';
      if (env.WDKSIM_VALIDATE_STATE === '1') {
        machineState.parse(this.state);
        if (stateText !== JSON.stringify(this.state) + '\n')
          throw new InternalError(
            'the cached state text differs from the state (a registry key was changed without Registry, a package or file record in place, or a device without editDevice)',
          );
      }
    }
    await writeNew(this.root, `${dir}/state.json`, stateText, 'journal');
    await writeNew(this.root, `${dir}/state.backup.json`, stateText, 'journal');
    const digest = sha256(stateText);
    await writeNew(this.root, `${dir}/state.mark`, digest, 'journal');
    const record: CommitRecord = {
      dir,
      puts: [...this.#puts.values()].map(({ tmp, dest }) => ({ tmp, dest })),
      deletes: [...this.#deletes],
      trees: [...this.#trees],
      ...(records.length > 0 || recordDeletes.length > 0 ? { records, recordDeletes } : {}),
      state: `${dir}/state.json`,
      backup: `${dir}/state.backup.json`,
      mark: `${dir}/state.mark`,
    };
    const logText = this.renderLog();
    if (logText) {
      // Appended in place after the commit point: checked now (a link, FIFO or folder there is refused before anything changes).
      const parts = await this.resolve(LOG_PATH, 'setupapi.dev.log');
      const there = await lookEntry(this.root, parts, 'setupapi.dev.log');
      if (there.kind !== 'missing' && there.kind !== 'file') {
        throw new TargetError(
          `setupapi.dev.log: "${parts.replace(/\//g, '\\')}" is ${there.kind === 'link' ? 'a symbolic link' : there.kind === 'dir' ? 'a folder' : 'a FIFO or device file'}, not a regular file; refused (the target is a jail: links are never followed)`,
        );
      }
      await writeNew(this.root, `${dir}/log.txt`, logText, 'journal');
      record.log = { tmp: `${dir}/log.txt`, size: there.size };
    }
    maybeFault(env, 'files-staged');
    await fence('commit');
    await writeAtomic(this.root, `${dir}/commit.json`, JSON.stringify(record), 'refuse', 'journal');
    maybeFault(env, 'journal-written');
    await applyCommit(this.root, record, env, fence);
    this.committedDigest = digest;
  }
}

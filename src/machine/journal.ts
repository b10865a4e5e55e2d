// The transaction journal and crash recovery. Each lock holder's transaction
// gets its own folder .wdksim/journal/<lock token>/ holding owner.json (who made
// it), the new files, the new state and, at the commit point, commit.json
// (written atomically). Applying moves the files into place, does the deletions,
// appends the log (idempotently: cut back to its recorded size first) and
// replaces the state, its committed copy and its mark last; then the folder is
// removed. Recovery acts only on a journal whose owner is proven gone: it
// finishes a committed one and throws away an uncommitted one. Everything goes
// through fs/jail.ts in `repair` mode: an entry planted since the crash is moved
// aside, never followed.
import { maybeFault } from './fault.js';
import { appendLog, entry, listDir, moveInto, notice, partsOf, quarantine, readRegular, removeFile, removeTree } from './fs/jail.js';
import { ownerGone, readOwner, type TargetLock } from './lock.js';
import { splitRelative } from './paths.js';
import { STATE_FILE } from './schema.js';
import { LOG_PATH } from './setupapi-log.js';
import { STATE_BACKUP, STATE_MARK } from './state-store.js';
import { BUCKET_PATH } from './state-records.js';

export const JOURNAL = '.wdksim/journal';

export interface CommitRecord {
  /** The journal folder this record belongs to. */
  dir: string;
  puts: { tmp: string; dest: string }[];
  deletes: string[];
  /** Directory trees removed after the deletes (driver store folders). */
  trees?: string[];
  log?: { tmp: string; size: number };
  /** The state's record files (and their committed copies) written and deleted: .wdksim/state/<collection>/<bucket>.json. */
  records?: { tmp: string; dest: string }[];
  recordDeletes?: string[];
  state: string;
  /** The committed copy of the state (same text as `state`). */
  backup?: string;
  /** A file holding the SHA-256 of the new state's text (moved to .wdksim/state.mark). */
  mark?: string;
}

export type Fence = (step: string) => Promise<void>;

export async function applyCommit(root: string, record: CommitRecord, env: Record<string, string | undefined>, fence: Fence): Promise<void> {
  await fence('apply the files');
  let n = 0;
  for (const put of record.puts) {
    await moveInto(root, put.tmp, put.dest, 'repair', 'file', true);
    if (++n === 1) maybeFault(env, 'mid-apply');
  }
  for (const del of record.deletes) await removeFile(root, del, 'repair');
  for (const tree of record.trees ?? []) await removeTree(root, tree);
  if (record.log) {
    await fence('append the log');
    const text = await readRegular(root, record.log.tmp, 'journal').catch(() => undefined);
    if (text !== undefined) await appendLog(root, LOG_PATH, text, record.log.size, 'repair', 'setupapi.dev.log');
  }
  maybeFault(env, 'applied');
  await fence('replace the state');
  for (const r of record.records ?? []) await moveInto(root, r.tmp, r.dest, 'repair', 'target state', true);
  for (const del of record.recordDeletes ?? []) await removeFile(root, del, 'repair', 'target state');
  await moveInto(root, record.state, STATE_FILE, 'repair', 'target state', true);
  if (record.backup) await moveInto(root, record.backup, STATE_BACKUP, 'repair', 'target state', true);
  if (record.mark) await moveInto(root, record.mark, STATE_MARK, 'repair', 'target state', true);
  maybeFault(env, 'state-written');
  await removeTree(root, record.dir);
}

/** A commit record names only paths inside the target, and journal files inside its own journal folder. */
export function recordIsSafe(record: CommitRecord, dir: string): boolean {
  const inside = (p: unknown) => {
    if (typeof p !== 'string') return false;
    try {
      const parts = splitRelative(p, 'journal path');
      return parts[0]!.toLowerCase() !== '.wdksim' && parts.join('/').toLowerCase() !== STATE_FILE;
    } catch {
      return false;
    }
  };
  const bucket = (p: unknown) => typeof p === 'string' && BUCKET_PATH.test(p);
  const journal = (p: unknown) => {
    if (typeof p !== 'string' || !p.startsWith(`${dir}/`)) return false;
    try {
      splitRelative(p, 'journal path');
      return true;
    } catch {
      return false;
    }
  };
  return (
    record !== null &&
    typeof record === 'object' &&
    record.dir === dir &&
    Array.isArray(record.puts) &&
    record.puts.every((p) => journal(p?.tmp) && inside(p?.dest)) &&
    Array.isArray(record.deletes) &&
    record.deletes.every(inside) &&
    (record.trees === undefined || (Array.isArray(record.trees) && record.trees.every(inside))) &&
    (!record.log || (journal(record.log.tmp) && Number.isSafeInteger(record.log.size) && record.log.size >= 0)) &&
    (record.records === undefined || (Array.isArray(record.records) && record.records.every((r) => journal(r?.tmp) && bucket(r?.dest)))) &&
    (record.recordDeletes === undefined || (Array.isArray(record.recordDeletes) && record.recordDeletes.every(bucket))) &&
    journal(record.state) &&
    (record.backup === undefined || journal(record.backup)) &&
    (record.mark === undefined || journal(record.mark))
  );
}

async function readRecord(root: string, dir: string): Promise<CommitRecord | undefined> {
  try {
    const bytes = await readRegular(root, `${dir}/commit.json`, 'journal');
    if (!bytes) return undefined;
    const record = JSON.parse(bytes.toString('utf8')) as CommitRecord;
    return recordIsSafe(record, dir) ? record : undefined; // not one wdksim wrote: discarded
  } catch {
    return undefined;
  }
}

export type Recovery = 'none' | 'rolled-forward' | 'discarded';

/**
 * Finishes committed journals of gone owners and discards their uncommitted ones.
 * The caller holds the lock (so no live process on this machine owns a journal
 * but the caller, whose own folder is skipped).
 */
export async function recoverJournals(root: string, lock: TargetLock, env: Record<string, string | undefined>): Promise<Recovery> {
  const top = await entry(root, partsOf(JOURNAL));
  if (top.kind === 'missing') return 'none';
  if (top.kind !== 'dir') {
    await quarantine(root, partsOf(JOURNAL));
    return 'discarded';
  }
  const names = (await listDir(root, JOURNAL, 'journal')) ?? [];
  let result: Recovery = 'none';
  // A journal of wdksim before journals had owners: one commit.json at the top.
  if (names.includes('commit.json')) {
    await recoverLegacy(root, env, lock);
    return 'rolled-forward';
  }
  for (const name of names.sort()) {
    if (name === lock.token) continue;
    const dir = `${JOURNAL}/${name}`;
    const e = await entry(root, partsOf(dir));
    if (e.kind !== 'dir') {
      await removeFile(root, dir, 'repair');
      continue;
    }
    const owner = await readOwner(root, dir);
    // Same machine: the owner must have exited. Another host: it no longer holds the lock (the caller does).
    if (owner && !(await ownerGone(owner, 0, 0))) continue;
    const record = await readRecord(root, dir);
    if (record && owner) {
      await lock.assertHeld('recover a journal');
      await applyCommit(root, record, env, (step) => lock.assertHeld(step));
      notice(`wdksim: finished the change "${owner.command}" (pid ${owner.pid}) committed before it stopped`);
      result = 'rolled-forward';
    } else {
      await removeTree(root, dir);
      if (result === 'none') result = 'discarded';
    }
  }
  return result;
}

/** The single-journal layout of earlier wdksim versions (.wdksim/journal/commit.json). */
async function recoverLegacy(root: string, env: Record<string, string | undefined>, lock: TargetLock): Promise<void> {
  try {
    const bytes = await readRegular(root, `${JOURNAL}/commit.json`, 'journal');
    const record = bytes && (JSON.parse(bytes.toString('utf8')) as CommitRecord);
    if (record) record.dir = JOURNAL;
    if (record && recordIsSafe(record, JOURNAL)) {
      await applyCommit(root, { ...record, mark: undefined, backup: undefined }, env, (step) => lock.assertHeld(step));
    }
  } catch {
    // damaged: discarded below
  }
  await removeTree(root, JOURNAL);
}

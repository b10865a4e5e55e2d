// The one file-system layer for everything wdksim reads, writes, renames and
// deletes under a target directory (the state, the journal, the lock, the
// driver store, setupapi.dev.log, snapshots, crash recovery).
//
// Rules, applied at the moment of each operation (not once when a path was
// planned): every path is target-relative and made of checked components; no
// component is ever followed through a symbolic link (lstat each one; open with
// O_NOFOLLOW where the platform has it; after opening, the descriptor must be
// the entry that lstat saw); only regular files are opened (a FIFO or a device
// file is never opened, so nothing hangs or reads without end); content is
// never written in place into a file with more than one hard link (it is
// replaced by a rename instead, which leaves the other names' bytes alone).
//
// Two modes for entries that are in the way: `refuse` (before the commit point:
// the operation fails with a TargetError naming the path) and `repair` (after it,
// and in crash recovery: a link, a file where a folder belongs, or a folder where
// a file belongs was planted inside the target since the plan was checked; it is
// moved aside into .wdksim/quarantine/ so the commit can complete without
// following it). Residual race, documented in docs/reliability.md: Node has no
// openat(), so a parent folder swapped for a link between the check and the
// system call by someone writing the target concurrently is not caught.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fsp, readdirSync, readFileSync, readSync, type Stats } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { TargetError, fsFailure } from '../../errors.js';
import { splitRelative } from '../paths.js';

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/** Linux's NAME_MAX and PATH_MAX (bytes): longer names cannot exist on the host. */
export const NAME_MAX_BYTES = 255;
export const PATH_MAX_BYTES = 4095;

export const QUARANTINE_DIR = '.wdksim/quarantine';

export type Mode = 'refuse' | 'repair';

/** Where notices about repaired entries go (the running command's stderr; set by Target). */
let noticeSink: (message: string) => void = (m) => void process.stderr.write(m);
export function setNoticeSink(sink: (message: string) => void): void {
  noticeSink = sink;
}
export function notice(message: string): void {
  noticeSink(message.endsWith('\n') ? message : `${message}\n`);
}

export type EntryKind = 'missing' | 'file' | 'dir' | 'link' | 'other';

export interface Entry {
  kind: EntryKind;
  size: number;
  mtimeMs: number;
  nlink: number;
  ino: number;
  dev: number;
}

const MISSING: Entry = { kind: 'missing', size: 0, mtimeMs: 0, nlink: 0, ino: 0, dev: 0 };

function entryOf(info: Stats): Entry {
  const kind: EntryKind = info.isSymbolicLink() ? 'link' : info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
  return { kind, size: info.size, mtimeMs: info.mtimeMs, nlink: info.nlink, ino: info.ino, dev: info.dev };
}

const KIND_TEXT: Record<EntryKind, string> = { missing: 'missing', file: 'a file', dir: 'a folder', link: 'a symbolic link', other: 'a FIFO, socket or device file' };

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException)?.code;
}

/** Checked components of a target-relative path (either separator). */
export function partsOf(rel: string | readonly string[], what = 'path'): string[] {
  return typeof rel === 'string' ? splitRelative(rel, what) : splitRelative(rel.join('/'), what);
}

const show = (parts: readonly string[]): string => parts.join('\\');

/**
 * Refuses names the host cannot hold (over 255 bytes per component, 4095 for
 * the whole path): found before the commit point, they would fail after it.
 */
export function checkHostLimits(root: string, parts: readonly string[], what: string): void {
  for (const part of parts) {
    const bytes = Buffer.byteLength(part);
    if (bytes > NAME_MAX_BYTES) {
      throw new TargetError(
        `${what} "${show(parts)}": the name "${part.slice(0, 24)}..." is ${bytes} bytes in UTF-8, more than the ${NAME_MAX_BYTES} this host's file system allows; refused`,
      );
    }
  }
  const total = Buffer.byteLength(join(root, ...parts));
  if (total > PATH_MAX_BYTES) {
    throw new TargetError(`${what} "${show(parts).slice(0, 60)}...": the path is ${total} bytes on this host, more than the ${PATH_MAX_BYTES} it allows; refused`);
  }
}

/** The target-relative path's own entry, never followed. */
export async function entry(root: string, parts: readonly string[]): Promise<Entry> {
  try {
    return entryOf(await fsp.lstat(join(root, ...parts)));
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return MISSING;
    throw fsFailure(error, join(root, ...parts), TargetError);
  }
}

/**
 * Checks every parent of `parts` is a real folder (or missing). `refuse`: a link or
 * non-folder on the way is an error. `repair`: it is moved aside. Returns the index
 * of the first missing parent (parts.length - 1 when all exist).
 */
async function walkParents(root: string, parts: readonly string[], mode: Mode, what: string, seen?: Set<string>): Promise<number> {
  for (let i = 0; i < parts.length - 1; i++) {
    const here = parts.slice(0, i + 1);
    const key = seen && here.join('/');
    if (key !== undefined && seen!.has(key)) continue;
    const e = await entry(root, here);
    if (e.kind === 'missing') return i;
    if (e.kind === 'dir') {
      seen?.add(key!);
      continue;
    }
    if (mode === 'refuse') throw new TargetError(`${what}: "${show(here)}" is ${KIND_TEXT[e.kind]}, not a folder; refused (the target is a jail: links are never followed)`);
    await quarantine(root, here);
    return i;
  }
  return parts.length - 1;
}

/** Creates the parents of `parts` one by one, each checked (never through a link). */
async function ensureParents(root: string, parts: readonly string[], mode: Mode, what: string): Promise<void> {
  let first = await walkParents(root, parts, mode, what);
  for (; first < parts.length - 1; first++) {
    const dir = join(root, ...parts.slice(0, first + 1));
    try {
      await fsp.mkdir(dir);
    } catch (error) {
      if (code(error) !== 'EEXIST') throw fsFailure(error, dir, TargetError);
      const e = await entry(root, parts.slice(0, first + 1));
      if (e.kind !== 'dir') {
        if (mode === 'refuse') throw new TargetError(`${what}: "${show(parts.slice(0, first + 1))}" is ${KIND_TEXT[e.kind]}, not a folder; refused`);
        await quarantine(root, parts.slice(0, first + 1));
        first--; // create it again
      }
    }
  }
}

/** Moves an entry planted inside the target aside (never follows it, never deletes its bytes). */
export async function quarantine(root: string, parts: readonly string[]): Promise<string> {
  const q = partsOf(QUARANTINE_DIR);
  await ensureParents(root, [...q, 'x'], 'refuse', 'quarantine');
  const name = `${Date.now()}-${randomBytes(4).toString('hex')}-${basename(parts.join('/')).slice(0, 80)}`;
  await fsp.rename(join(root, ...parts), join(root, ...q, name));
  notice(`wdksim: ${show(parts)} in the target was not what wdksim left there (planted since it was checked); moved aside to ${q.join('\\')}\\${name}\n`);
  return [...q, name].join('/');
}

/** Opens a regular file for reading: no link followed, no FIFO/device opened, identity checked. */
async function openRegular(root: string, parts: readonly string[], what: string, flags: number): Promise<{ fh: fsp.FileHandle; info: Stats } | undefined> {
  await walkParents(root, parts, 'refuse', what);
  const before = await entry(root, parts);
  if (before.kind === 'missing') return undefined;
  if (before.kind !== 'file')
    throw new TargetError(
      `${what}: "${show(parts)}" is ${KIND_TEXT[before.kind]}, not a regular file; refused (the target is a jail: links are never followed, FIFOs and devices never opened)`,
    );
  const abs = join(root, ...parts);
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(abs, flags | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    if (code(error) === 'ELOOP') throw new TargetError(`${what}: "${show(parts)}" became a symbolic link; refused`);
    throw fsFailure(error, abs, TargetError);
  }
  const info = await fh.stat();
  if (!info.isFile() || info.ino !== before.ino || info.dev !== before.dev) {
    await fh.close();
    throw new TargetError(`${what}: "${show(parts)}" changed while it was opened (not the regular file checked); refused`);
  }
  return { fh, info };
}

/** A regular file's bytes; undefined when it does not exist. Links, FIFOs, devices and folders are refused. */
export async function readRegular(root: string, rel: string | readonly string[], what = 'file'): Promise<Buffer | undefined> {
  const parts = partsOf(rel, what);
  const opened = await openRegular(root, parts, what, constants.O_RDONLY);
  if (!opened) return undefined;
  try {
    return await opened.fh.readFile();
  } finally {
    await opened.fh.close();
  }
}

/** Folder entries (names); undefined when missing. A link or a non-folder is refused. */
export async function listDir(root: string, rel: string | readonly string[], what = 'folder'): Promise<string[] | undefined> {
  const parts = partsOf(rel, what);
  await walkParents(root, parts, 'refuse', what);
  const e = await entry(root, parts);
  if (e.kind === 'missing') return undefined;
  if (e.kind !== 'dir') throw new TargetError(`${what}: "${show(parts)}" is ${KIND_TEXT[e.kind]}, not a folder; refused`);
  try {
    return await fsp.readdir(join(root, ...parts));
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    throw fsFailure(error, join(root, ...parts), TargetError);
  }
}

/**
 * The entry at a path, with its parents checked (a link on the way is refused).
 * `seen`: folders already found to be real folders in this read-only pass (a
 * walk over thousands of files checks each folder once).
 */
export async function lookEntry(root: string, rel: string | readonly string[], what = 'path', seen?: Set<string>): Promise<Entry> {
  const parts = partsOf(rel, what);
  const missingFrom = await walkParents(root, parts, 'refuse', what, seen);
  if (missingFrom < parts.length - 1) return MISSING;
  return entry(root, parts);
}

/** Creates a folder (and its parents), each component checked. */
export async function makeDir(root: string, rel: string | readonly string[], mode: Mode = 'refuse', what = 'folder'): Promise<void> {
  const parts = partsOf(rel, what);
  await ensureParents(root, [...parts, 'x'], mode, what);
}

/** Writes a new file that must not exist yet (journal files, temporaries): O_EXCL, never through a link. */
export async function writeNew(root: string, rel: string | readonly string[], data: Buffer | string, what = 'file'): Promise<void> {
  const parts = partsOf(rel, what);
  await ensureParents(root, parts, 'refuse', what);
  const abs = join(root, ...parts);
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(abs, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o644);
  } catch (error) {
    throw fsFailure(error, abs, TargetError);
  }
  try {
    await fh.writeFile(data);
  } catch (error) {
    throw fsFailure(error, abs, TargetError);
  } finally {
    await fh.close();
  }
}

/**
 * Moves `from` onto `to` (a rename: replaces a file, link, FIFO or device file at
 * `to` as a name, never writing through it). A folder at `to` is refused, or in
 * `repair` mode moved aside. A missing `from` is not an error when `idempotent`
 * (an earlier attempt moved it already).
 */
export async function moveInto(root: string, from: string | readonly string[], to: string | readonly string[], mode: Mode, what = 'file', idempotent = false): Promise<void> {
  const src = partsOf(from, what);
  const dest = partsOf(to, what);
  await walkParents(root, src, 'refuse', what);
  const s = await entry(root, src);
  if (s.kind === 'missing') {
    if (idempotent) return;
    throw new TargetError(`${what}: "${show(src)}" is missing`);
  }
  await ensureParents(root, dest, mode, what);
  const d = await entry(root, dest);
  if (d.kind === 'dir' && s.kind !== 'dir') {
    if (mode === 'refuse') throw new TargetError(`${what}: "${show(dest)}" is a folder; a file cannot replace it; refused`);
    await quarantine(root, dest);
  }
  try {
    await fsp.rename(join(root, ...src), join(root, ...dest));
  } catch (error) {
    if (idempotent && code(error) === 'ENOENT') return;
    throw fsFailure(error, join(root, ...dest), TargetError);
  }
}

/** Writes a file by a temporary beside it and a rename (never through a link, a hard link or a FIFO at the name). */
export async function writeAtomic(root: string, rel: string | readonly string[], data: Buffer | string, mode: Mode = 'refuse', what = 'file'): Promise<void> {
  const parts = partsOf(rel, what);
  checkHostLimits(root, parts, what);
  await ensureParents(root, parts, mode, what);
  const tmp = [...parts.slice(0, -1), `.${parts.at(-1)!.slice(0, 200)}.${randomBytes(6).toString('hex')}.tmp`];
  await writeNew(root, tmp, data, what);
  try {
    await moveInto(root, tmp, parts, mode, what);
  } catch (error) {
    await fsp.rm(join(root, ...tmp), { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Removes a file's name (a link or FIFO is unlinked as a name, never followed).
 * Missing is fine. A folder is refused, or in `repair` mode left alone. A parent
 * that is a link means the file is not at this path inside the target: nothing to do.
 */
export async function removeFile(root: string, rel: string | readonly string[], mode: Mode, what = 'file'): Promise<void> {
  const parts = partsOf(rel, what);
  for (let i = 0; i < parts.length - 1; i++) {
    const e = await entry(root, parts.slice(0, i + 1));
    if (e.kind !== 'dir') {
      if (e.kind === 'missing' || mode === 'repair') return;
      throw new TargetError(`${what}: "${show(parts.slice(0, i + 1))}" is ${KIND_TEXT[e.kind]}, not a folder; refused`);
    }
  }
  const e = await entry(root, parts);
  if (e.kind === 'missing') return;
  if (e.kind === 'dir') {
    if (mode === 'repair') return;
    throw new TargetError(`${what}: "${show(parts)}" is a folder, not a file; refused`);
  }
  try {
    await fsp.unlink(join(root, ...parts));
  } catch (error) {
    if (code(error) !== 'ENOENT') throw fsFailure(error, join(root, ...parts), TargetError);
  }
}

/** Removes a folder tree without following any link in it (links are unlinked as names). */
export async function removeTree(root: string, rel: string | readonly string[], what = 'folder'): Promise<void> {
  const parts = partsOf(rel, what);
  for (let i = 0; i < parts.length - 1; i++) {
    const e = await entry(root, parts.slice(0, i + 1));
    if (e.kind !== 'dir') return; // a link on the way: the tree is not inside the target at this path
  }
  const top = await entry(root, parts);
  if (top.kind === 'missing') return;
  if (top.kind !== 'dir') {
    await fsp.unlink(join(root, ...parts)).catch(() => undefined);
    return;
  }
  // Iterative post-order walk: deep trees cannot overflow the stack.
  const stack: { abs: string; listed: boolean }[] = [{ abs: join(root, ...parts), listed: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (!top.listed) {
      top.listed = true;
      let names: string[] = [];
      try {
        names = await fsp.readdir(top.abs);
      } catch {
        names = [];
      }
      for (const name of names) {
        const abs = join(top.abs, name);
        let info: Stats;
        try {
          info = await fsp.lstat(abs);
        } catch {
          continue;
        }
        if (info.isDirectory()) stack.push({ abs, listed: false });
        else await fsp.unlink(abs).catch(() => undefined);
      }
      continue;
    }
    stack.pop();
    await fsp.rmdir(top.abs).catch(() => undefined);
  }
}

/**
 * Appends to a log file, first cutting it back to `keepBytes` (so replaying a
 * journal appends once). In place only when it is a regular file with one link;
 * a hard-linked file is replaced by a copy (the other name keeps its bytes); a
 * link, FIFO, device or folder at its name is moved aside (`repair`) or refused.
 */
export async function appendLog(root: string, rel: string | readonly string[], data: Buffer | string, keepBytes: number, mode: Mode, what = 'log'): Promise<void> {
  const parts = partsOf(rel, what);
  await ensureParents(root, parts, mode, what);
  let e = await entry(root, parts);
  if (e.kind !== 'missing' && e.kind !== 'file') {
    if (mode === 'refuse') throw new TargetError(`${what}: "${show(parts)}" is ${KIND_TEXT[e.kind]}, not a regular file; refused (the target is a jail: links are never followed)`);
    await quarantine(root, parts);
    e = MISSING;
  }
  if (e.kind === 'missing') {
    await writeAtomic(root, parts, data, mode, what);
    return;
  }
  const opened = await openRegular(root, parts, what, constants.O_RDWR);
  if (!opened) {
    await writeAtomic(root, parts, data, mode, what);
    return;
  }
  const { fh, info } = opened;
  const keep = Math.min(info.size, keepBytes);
  if (info.nlink > 1) {
    // Another name shares these bytes (perhaps outside the target): never write into them.
    let old: Buffer;
    try {
      old = Buffer.alloc(keep);
      if (keep > 0) await fh.read(old, 0, keep, 0);
    } finally {
      await fh.close();
    }
    await writeAtomic(root, parts, Buffer.concat([old, Buffer.from(data)]), mode, what);
    return;
  }
  try {
    if (info.size > keep) await fh.truncate(keep);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    await fh.write(bytes, 0, bytes.length, keep);
  } catch (error) {
    throw fsFailure(error, join(root, ...parts), TargetError);
  } finally {
    await fh.close();
  }
}

/** Sets a file's modification time to now (the lock's heartbeat); the name is not followed. */
export async function touch(root: string, rel: string | readonly string[]): Promise<void> {
  const parts = partsOf(rel);
  const now = new Date();
  await fsp.lutimes(join(root, ...parts), now, now);
}

/** Checks the target root itself: a folder (a link to one is accepted only as the root the user named). */
export async function rootKind(root: string): Promise<EntryKind> {
  try {
    const info = await fsp.stat(root);
    return info.isDirectory() ? 'dir' : info.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

/**
 * Renames one entry of the target's own bookkeeping (the lock folders) without
 * replacing anything: 'exists' when something non-empty is at `to` already,
 * 'missing' when `from` is gone. Parents are checked (no link followed).
 */
export async function renameEntry(root: string, from: string | readonly string[], to: string | readonly string[]): Promise<'ok' | 'exists' | 'missing'> {
  const src = partsOf(from);
  const dest = partsOf(to);
  await walkParents(root, src, 'refuse', 'lock');
  await walkParents(root, dest, 'refuse', 'lock');
  try {
    await fsp.rename(join(root, ...src), join(root, ...dest));
    return 'ok';
  } catch (error) {
    const c = code(error);
    if (c === 'ENOENT') return 'missing';
    if (c === 'EEXIST' || c === 'ENOTEMPTY' || c === 'ENOTDIR' || c === 'EISDIR') return 'exists';
    throw fsFailure(error, join(root, ...dest), TargetError);
  }
}

/** Creates the target directory itself (`target init`); it is the jail, so its own path is the user's choice. */
export async function makeRoot(root: string): Promise<void> {
  try {
    await fsp.mkdir(root, { recursive: true });
  } catch (error) {
    throw fsFailure(error, root, TargetError);
  }
}

/** Names in the target directory itself. */
export async function listRoot(root: string): Promise<string[]> {
  try {
    return await fsp.readdir(root);
  } catch {
    return [];
  }
}

// ---- Synchronous reads, for the machine state's per-record files (state-records.ts):
// a state collection is loaded the first time code touches it, from a getter, and
// a folder of a few hundred small records is read faster without a promise per
// system call. Same rules: parents checked, nothing followed, only regular files.

function entrySync(root: string, parts: readonly string[]): Entry {
  try {
    return entryOf(lstatSync(join(root, ...parts)));
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return MISSING;
    throw fsFailure(error, join(root, ...parts), TargetError);
  }
}

/** walkParents in `refuse` mode, synchronously: true when every parent is a real folder. */
function parentsSync(root: string, parts: readonly string[], what: string): boolean {
  for (let i = 0; i < parts.length - 1; i++) {
    const here = parts.slice(0, i + 1);
    const e = entrySync(root, here);
    if (e.kind === 'missing') return false;
    if (e.kind !== 'dir') throw new TargetError(`${what}: "${show(here)}" is ${KIND_TEXT[e.kind]}, not a folder; refused (the target is a jail: links are never followed)`);
  }
  return true;
}

/** Opens a name in a checked folder: O_NOFOLLOW, regular files only (a FIFO is never read); `head`: only its first bytes, and its size. */
function readInCheckedFolder(abs: string, shown: string, what: string): Buffer | undefined;
function readInCheckedFolder(abs: string, shown: string, what: string, head: number): { head: Buffer; size: number } | undefined;
function readInCheckedFolder(abs: string, shown: string, what: string, head?: number): Buffer | { head: Buffer; size: number } | undefined {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    if (code(error) === 'ELOOP') throw new TargetError(`${what}: "${shown}" is a symbolic link; refused (the target is a jail: links are never followed)`);
    throw fsFailure(error, abs, TargetError);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new TargetError(`${what}: "${shown}" is not a regular file; refused (FIFOs, devices and folders are never read)`);
    if (head === undefined) return readFileSync(fd);
    const buffer = Buffer.alloc(Math.min(head, info.size));
    const got = readSync(fd, buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, got), size: info.size };
  } finally {
    closeSync(fd);
  }
}

/** readRegular, synchronously. */
export function readRegularSync(root: string, rel: string | readonly string[], what = 'file'): Buffer | undefined {
  const parts = partsOf(rel, what);
  if (!parentsSync(root, parts, what)) return undefined;
  return readInCheckedFolder(join(root, ...parts), show(parts), what);
}

/** The names directly in a folder (its parents checked once, a writer's temporary files left out, sorted); undefined when missing. */
function namesInFolderSync(root: string, parts: readonly string[], what: string): string[] | undefined {
  if (!parentsSync(root, [...parts, 'x'], what)) return undefined;
  try {
    return readdirSync(join(root, ...parts))
      .filter((name) => !name.startsWith('.'))
      .sort();
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    throw fsFailure(error, join(root, ...parts), TargetError);
  }
}

/** Every regular file directly in a folder (name → bytes), the folder's parents checked once; undefined when missing. */
export function readFolderSync(root: string, rel: string | readonly string[], what = 'folder'): Map<string, Buffer> | undefined {
  const parts = partsOf(rel, what);
  const names = namesInFolderSync(root, parts, what);
  if (!names) return undefined;
  const out = new Map<string, Buffer>();
  for (const name of names) {
    const bytes = readInCheckedFolder(join(root, ...parts, name), show([...parts, name]), what);
    if (bytes) out.set(name, bytes);
  }
  return out;
}

/** The first `bytes` bytes and the size of every regular file directly in a folder, as readFolderSync finds them. */
export function readFolderHeadsSync(root: string, rel: string | readonly string[], bytes: number, what = 'folder'): Map<string, { head: Buffer; size: number }> | undefined {
  const parts = partsOf(rel, what);
  const names = namesInFolderSync(root, parts, what);
  if (!names) return undefined;
  const out = new Map<string, { head: Buffer; size: number }>();
  for (const name of names) {
    const read = readInCheckedFolder(join(root, ...parts, name), show([...parts, name]), what, bytes);
    if (read) out.set(name, read);
  }
  return out;
}

/**
 * lookEntry, synchronously: `target verify` looks at every file the state vouches
 * for (50,000 at 10,000 packages) and hashes only the changed ones; one lstat
 * each without a promise per call is what keeps an unchanged target's verify cheap.
 */
export function lookEntrySync(root: string, rel: string | readonly string[], what = 'path', seen?: Set<string>): Entry {
  const parts = partsOf(rel, what);
  for (let i = 0; i < parts.length - 1; i++) {
    const here = parts.slice(0, i + 1);
    const key = seen && here.join('/');
    if (key !== undefined && seen!.has(key)) continue;
    const e = entrySync(root, here);
    if (e.kind === 'missing') return MISSING;
    if (e.kind !== 'dir') throw new TargetError(`${what}: "${show(here)}" is ${KIND_TEXT[e.kind]}, not a folder; refused (the target is a jail: links are never followed)`);
    seen?.add(key!);
  }
  return entrySync(root, parts);
}

/** Throws the TargetError a walk gives for a parent that is not a real folder. */
function notAFolder(what: string, here: readonly string[], kind: EntryKind): TargetError {
  return new TargetError(`${what}: "${show(here)}" is ${KIND_TEXT[kind]}, not a folder; refused (the target is a jail: links are never followed)`);
}

export interface TypedName {
  name: string;
  /** From the folder listing itself (d_type), without a stat; 'unknown' where the file system does not say. */
  kind: EntryKind | 'unknown';
}

/**
 * A folder's entries with their kinds as the listing gives them (no stat per
 * entry), the folder and its parents checked; undefined when missing. A walk over
 * 10,000 store folders learns which are real folders from one listing.
 */
export function listTypedSync(root: string, rel: string | readonly string[], what = 'folder'): TypedName[] | undefined {
  const parts = partsOf(rel, what);
  if (!parentsSync(root, parts, what)) return undefined;
  const e = entrySync(root, parts);
  if (e.kind === 'missing') return undefined;
  if (e.kind !== 'dir') throw new TargetError(`${what}: "${show(parts)}" is ${KIND_TEXT[e.kind]}, not a folder; refused`);
  try {
    return readdirSync(join(root, ...parts), { withFileTypes: true }).map((d) => ({
      name: d.name,
      kind: d.isFile()
        ? 'file'
        : d.isDirectory()
          ? 'dir'
          : d.isSymbolicLink()
            ? 'link'
            : d.isFIFO() || d.isSocket() || d.isCharacterDevice() || d.isBlockDevice()
              ? 'other'
              : 'unknown',
    }));
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    throw fsFailure(error, join(root, ...parts), TargetError);
  }
}

/**
 * The entries of several names in one folder (never followed), the folder and its
 * parents checked once (`seen`: folders, as "a/b/c", already known to be real
 * folders in this read-only pass); undefined when the folder is missing. `dir` is
 * a target-relative folder of checked components joined by "/" (the caller
 * checked them: partsOf). A parent that is not a real folder is refused with the
 * TargetError lookEntrySync gives. `target verify` looks at 50,000 files this
 * way: one lstat each, the folder's path built once.
 */
export function lookEntriesSync(root: string, dir: string, names: readonly string[], what = 'path', seen?: Set<string>, checked = false): Entry[] | undefined {
  // `checked`: the caller saw this very folder be a real folder in this pass (a listing of its parent, whose own parents it checked).
  if (dir !== '' && !checked && !seen?.has(dir)) {
    const parts = dir.split('/');
    for (let i = 0; i < parts.length; i++) {
      const here = parts.slice(0, i + 1);
      const key = here.join('/');
      if (seen?.has(key)) continue;
      const e = entrySync(root, here);
      if (e.kind === 'missing') return undefined;
      if (e.kind !== 'dir') throw notAFolder(what, here, e.kind);
      seen?.add(key);
    }
  }
  const base = dir === '' ? root + sep : root + sep + (sep === '/' ? dir : dir.split('/').join(sep)) + sep;
  const out: Entry[] = new Array<Entry>(names.length);
  for (let i = 0; i < names.length; i++) {
    const abs = base + names[i]!;
    let info: Stats | undefined;
    try {
      info = lstatSync(abs, { throwIfNoEntry: false });
    } catch (error) {
      if (code(error) !== 'ENOTDIR') throw fsFailure(error, abs, TargetError);
    }
    out[i] = info ? entryOf(info) : MISSING;
  }
  return out;
}

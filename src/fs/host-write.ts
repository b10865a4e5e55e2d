// Writes to host paths outside any target. Two kinds, with two rules
// (docs/reliability.md, "The file-system layer"):
//
// - A file the user named on the command line (stampinf -f/-o, signtool's
//   files, infverif/doctor --output-file, target view/reg export): writeUserFile
//   replaces it atomically (a temporary beside it, renamed over it), so it is
//   its old bytes or its new ones, never a mix. A symbolic link the user named
//   is followed to the file it points at, as Windows' CreateFile and the WDK's
//   tools do (`stampinf -f out.inf` where out.inf is the developer's own link
//   stamps the linked file, and the link stays a link). A hard-linked file is
//   never written through: the rename gives the named path the new bytes and
//   the file's other names keep theirs. A folder, FIFO, socket or device at the
//   name is refused before anything is written (never opened: nothing hangs).
//
// - A folder wdksim lays out itself (the build's output folders, inf2cat's
//   catalogs, cert new's files, pnputil /export-driver's folder): an
//   OutputFolder. Its root is the folder the user or the project named; below
//   it every name is wdksim's own choice, so nothing below the root is followed:
//   a symbolic link on the way or at the name, a hard-linked file (another name,
//   perhaps outside, shares its bytes), a FIFO or a device is refused with a
//   clear error naming it, and nothing outside changes. Files are written as a
//   new temporary (O_EXCL, O_NOFOLLOW) renamed over the name, which replaces
//   the name and never writes through whatever was there.
import { randomBytes } from 'node:crypto';
import { constants, promises as fsp, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { WdksimError, fsFailure } from '../errors.js';

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException)?.code;
}

function errnoError(message: string, errno: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code: errno, path });
}

/** Temporaries being written: removed when the process exits early (a signal handler's process.exit). */
const pending = new Set<string>();
let exitHook = false;
function track(tmp: string): void {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const path of pending) {
        try {
          unlinkSync(path);
        } catch {
          // gone already
        }
      }
    });
  }
  pending.add(tmp);
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await fsp.lstat(path);
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return undefined;
    throw error;
  }
}

/**
 * Replaces a file the user named (see the header). Throws Node-style errors
 * (with `code` and `path`) so callers keep their describeFsError messages:
 * EISDIR for a folder, EINVAL for a FIFO, socket or device.
 */
export async function writeUserFile(path: string, data: Buffer | string, options: { mode?: number } = {}): Promise<void> {
  const own = await lstatOrUndefined(path);
  // The user's own link: the file it leads to (stat follows it); a dangling link is replaced as a name.
  const info = own?.isSymbolicLink() ? await fsp.stat(path).catch(() => undefined) : own;
  if (info?.isDirectory()) throw errnoError('is a directory', 'EISDIR', path);
  if (info && !info.isFile()) throw errnoError('not a regular file (a FIFO, socket or device file); refused, it is never opened', 'EINVAL', path);
  // write-file-atomic: temporary + fsync + rename, the mode and owner of a file it replaces kept, its temporary removed on a signal.
  await writeFileAtomic(path, data, options.mode !== undefined ? { mode: options.mode } : {});
}

/**
 * Replaces a file the user named with what `fill` writes into a new temporary
 * beside it (signtool's streamed PE signing: the copy and the signature in one
 * pass). The temporary gets `mode`, is synced and renamed over the name; on an
 * error it is removed. The same rules as writeUserFile: a link the user named
 * is followed to its file; a hard link is never written through.
 */
export async function writeUserFileWith(path: string, mode: number, fill: (handle: fsp.FileHandle) => Promise<void>): Promise<void> {
  const own = await fsp.lstat(path);
  const real = own.isSymbolicLink() ? await fsp.realpath(path) : path;
  const info = real === path ? own : await fsp.stat(real);
  if (info.isDirectory()) throw errnoError('is a directory', 'EISDIR', path);
  if (!info.isFile()) throw errnoError('not a regular file (a FIFO, socket or device file); refused, it is never opened', 'EINVAL', path);
  const tmp = join(dirname(real), `.${basename(real).slice(0, 200)}.wdksim-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  track(tmp);
  let out: fsp.FileHandle | undefined;
  try {
    out = await fsp.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o600);
    await out.chmod(mode);
    await fill(out);
    await out.sync();
    await out.close();
    out = undefined;
    await fsp.rename(tmp, real);
  } catch (error) {
    await out?.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true });
    throw error;
  } finally {
    pending.delete(tmp);
  }
}

/** Creates a folder the user named (and its parents); the user's own links on the way are followed. */
export async function makeUserDir(path: string): Promise<void> {
  await fsp.mkdir(path, { recursive: true });
}

/** An output folder's refusal: exit 1 unless the caller maps it (a build step failed, an inf2cat signability failure...). */
export class OutputRefused extends WdksimError {
  constructor(message: string, exitCode = 1) {
    super(message, exitCode);
  }
}

type Kind = 'missing' | 'file' | 'dir' | 'link' | 'other';
const KIND_TEXT: Record<Kind, string> = { missing: 'missing', file: 'a file', dir: 'a folder', link: 'a symbolic link', other: 'a FIFO, socket or device file' };
function kindOf(info: Stats | undefined): Kind {
  if (!info) return 'missing';
  return info.isSymbolicLink() ? 'link' : info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Where a build input inside the output folders really is, when a link takes it
 * outside all of `roots` (undefined when it stays inside, is missing, or is not
 * below any root: a file the project names elsewhere is read where it is). A
 * link planted in x64\Debug must not package a file from elsewhere (a key, a
 * password file) into the driver package.
 */
export async function leadsOutside(path: string, roots: readonly string[]): Promise<string | undefined> {
  const abs = resolve(path);
  if (!roots.some((r) => inside(resolve(r), abs))) return undefined;
  let real: string;
  try {
    real = await fsp.realpath(abs);
  } catch {
    return undefined;
  }
  for (const root of roots) {
    const realRoot = await fsp.realpath(root).catch(() => undefined);
    if (realRoot !== undefined && inside(realRoot, real)) return undefined;
  }
  return real;
}

/**
 * A folder wdksim writes its own files into (see the header). `root` is trusted
 * as named (the user's or project's choice, like a target's root); everything
 * below it is checked at each write. `label` names it in errors ("the build's
 * output folder", "the package folder").
 */
export class OutputFolder {
  readonly root: string;
  constructor(
    root: string,
    readonly label: string,
    /** How paths are shown in errors (relative to the user's folder). */
    private readonly show: (path: string) => string = (p) => p,
  ) {
    this.root = resolve(root);
  }

  /**
   * The outermost of `roots` holding `path` (or `path`'s own folder when none does): a link
   * planted anywhere below it (x64\Debug\pkg itself) is then found, not taken as the root.
   */
  static around(path: string, roots: readonly string[], label: string, show?: (path: string) => string): OutputFolder {
    const abs = resolve(path);
    const holding = roots
      .map((r) => resolve(r))
      .filter((r) => inside(r, abs) && r !== abs)
      .sort((a, b) => a.length - b.length)[0];
    return new OutputFolder(holding ?? dirname(abs), label, show);
  }

  holds(path: string): boolean {
    return inside(this.root, resolve(path));
  }

  private parts(path: string): string[] {
    const abs = resolve(this.root, path);
    if (!inside(this.root, abs) || abs === this.root) throw new OutputRefused(`${this.show(abs)} is outside ${this.label} ${this.show(this.root)}; wdksim writes only inside it`);
    return relative(this.root, abs).split(sep);
  }

  private refuse(abs: string, kind: Kind, what: string, extra = ''): never {
    throw new OutputRefused(
      `${what}: ${this.show(abs)} is ${KIND_TEXT[kind]}${extra}; refused: wdksim never writes through a link or into a non-regular file in ${this.label} (it could lead outside it). Remove it and run again`,
    );
  }

  /** Checks each folder from the root down to `parts`' parent (creating missing ones one by one); a link or non-folder is refused. */
  private async parentsOf(parts: readonly string[], what: string, create: boolean): Promise<boolean> {
    for (let i = 0; i < parts.length - 1; i++) {
      const abs = join(this.root, ...parts.slice(0, i + 1));
      let info = await lstatOrUndefined(abs).catch((error) => {
        throw fsFailure(error, abs, OutputRefused);
      });
      if (!info) {
        if (!create) return false;
        try {
          await fsp.mkdir(abs);
        } catch (error) {
          if (code(error) !== 'EEXIST') throw fsFailure(error, abs, OutputRefused);
        }
        info = await fsp.lstat(abs);
      }
      if (!info.isDirectory()) this.refuse(abs, kindOf(info), what, ', not a folder');
    }
    return true;
  }

  /** The name's own entry must be missing or a regular file with one link. */
  private async checkName(abs: string, what: string): Promise<Stats | undefined> {
    const info = await lstatOrUndefined(abs).catch((error) => {
      throw fsFailure(error, abs, OutputRefused);
    });
    const kind = kindOf(info);
    if (kind === 'missing') return undefined;
    if (kind !== 'file') this.refuse(abs, kind, what);
    if (info!.nlink > 1) this.refuse(abs, kind, what, ` with ${info!.nlink} hard links (another name, perhaps outside, shares its bytes)`);
    return info;
  }

  /** Writes a file below the root: a new temporary renamed over the name (see the header). */
  async write(path: string, data: Buffer | string, what = 'write', options: { mode?: number } = {}): Promise<void> {
    const parts = this.parts(path);
    const abs = join(this.root, ...parts);
    try {
      await fsp.mkdir(this.root, { recursive: true }); // the root as named (links the user made on its way are theirs)
    } catch (error) {
      throw fsFailure(error, this.show(this.root), OutputRefused);
    }
    await this.parentsOf(parts, what, true);
    const before = await this.checkName(abs, what);
    const tmp = join(dirname(abs), `.${parts.at(-1)!.slice(0, 200)}.wdksim-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    track(tmp);
    try {
      const fh = await fsp.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, options.mode ?? (before ? before.mode & 0o7777 : 0o644));
      try {
        await fh.writeFile(data);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fsp.rename(tmp, abs);
    } catch (error) {
      await fsp.rm(tmp, { force: true }).catch(() => undefined);
      throw error instanceof WdksimError ? error : fsFailure(error, this.show(abs), OutputRefused);
    } finally {
      pending.delete(tmp);
    }
  }

  /** Whether a file can be written at `path` (the same checks as write, nothing created): throws the refusal. */
  async check(path: string, what = 'write'): Promise<void> {
    const parts = this.parts(path);
    if (await this.parentsOf(parts, what, false)) await this.checkName(join(this.root, ...parts), what);
  }

  /** Creates a folder below the root (each component checked, none followed). */
  async makeDir(path: string, what = 'folder'): Promise<void> {
    const parts = this.parts(path);
    await this.parentsOf([...parts, 'x'], what, true);
  }

  /** Removes a file's name below the root (a link is unlinked as a name, never followed); missing is fine. */
  async remove(path: string, what = 'remove'): Promise<void> {
    const parts = this.parts(path);
    if (!(await this.parentsOf(parts, what, false))) return;
    const abs = join(this.root, ...parts);
    const info = await lstatOrUndefined(abs);
    if (!info) return;
    if (info.isDirectory()) this.refuse(abs, 'dir', what);
    try {
      await fsp.unlink(abs);
    } catch (error) {
      if (code(error) !== 'ENOENT') throw fsFailure(error, this.show(abs), OutputRefused);
    }
  }
}

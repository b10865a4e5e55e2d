// Reads of files on the host outside any target (a driver package being staged
// or deployed, a folder being listed). Read-only; regular files only, so a FIFO
// named like a driver file cannot hang a command. Writes under a target go
// through ./jail.ts, writes on the host through ../../fs/host-write.ts; never
// through here.
import { constants, promises as fsp, type Dirent, type Stats } from 'node:fs';
import { fsFailure } from '../../errors.js';

export async function hostLstat(abs: string): Promise<Stats> {
  return fsp.lstat(abs);
}
export async function hostStat(abs: string): Promise<Stats> {
  return fsp.stat(abs);
}
export async function hostReaddir(abs: string): Promise<string[]> {
  return fsp.readdir(abs);
}
export async function hostReaddirTyped(abs: string): Promise<Dirent[]> {
  return fsp.readdir(abs, { withFileTypes: true });
}
export async function hostRealpath(abs: string): Promise<string> {
  return fsp.realpath(abs);
}

/** A regular file's bytes (following links, as the user's own folder may use them); a FIFO or device is refused, not opened. */
export async function hostReadFile(abs: string): Promise<Buffer> {
  const info = await fsp.stat(abs);
  if (!info.isFile()) {
    const error = new Error(info.isDirectory() ? 'is a directory' : 'not a regular file') as NodeJS.ErrnoException;
    error.code = info.isDirectory() ? 'EISDIR' : 'EINVAL';
    throw error;
  }
  const fh = await fsp.open(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}

/** hostReadFile with a one-line InputError naming the path. */
export async function hostReadFileChecked(abs: string): Promise<Buffer> {
  try {
    return await hostReadFile(abs);
  } catch (error) {
    throw fsFailure(error, abs);
  }
}

/** A small text file of the host (/proc entries); undefined when unreadable. */
export async function hostReadText(abs: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(abs, 'utf8');
  } catch {
    return undefined;
  }
}

/** A link's target (/proc/self/ns/pid); undefined when unreadable. */
export async function hostReadlink(abs: string): Promise<string | undefined> {
  try {
    return await fsp.readlink(abs);
  } catch {
    return undefined;
  }
}

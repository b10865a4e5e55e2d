// A capture of a target at one moment: its validated state plus every file
// under its root with size and SHA-256. Snapshots store one; diff compares two.
// The target's own bookkeeping (.wdksim/: lock, journal, snapshots) and the
// state file itself are left out: the state is compared record by record.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TargetError, describeFsError } from '../errors.js';
import { readState, STATE_FILE, type MachineState } from '../machine/index.js';

export interface FileEntry {
  /** Target-relative, forward slashes. */
  path: string;
  size: number;
  sha256: string;
}

export interface Capture {
  /** What the user called it: a snapshot name or a target directory. */
  label: string;
  /** ISO instant the capture was taken (the clock's now). */
  takenAt: string;
  state: MachineState;
  files: FileEntry[];
}

const SKIP = new Set(['.wdksim', STATE_FILE.toLowerCase()]);

/** Byte-order comparison, so listings sort the same on every host. */
export function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export async function listFiles(root: string): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  async function walk(dir: string, rel: string): Promise<void> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      throw new TargetError(describeFsError(error, dir));
    }
    for (const name of names) {
      if (!rel && SKIP.has(name.toLowerCase())) continue;
      const abs = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const info = await lstat(abs);
      if (info.isDirectory()) await walk(abs, r);
      else if (info.isFile()) {
        const data = await readFile(abs);
        out.push({ path: r, size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
      }
    }
  }
  await walk(root, '');
  return out.sort(byPath);
}

export async function captureTarget(root: string, label: string, takenAt: string): Promise<Capture> {
  const state = await readState(root);
  const files = await listFiles(root);
  return { label, takenAt, state, files };
}

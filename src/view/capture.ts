// A capture of a target at one moment: its validated state plus every file
// under its root with size and SHA-256. Snapshots store one; diff compares two.
// The target's own bookkeeping (.wdksim/: lock, journal, snapshots) and the
// state file itself are left out: the state is compared record by record.
import { createHash } from 'node:crypto';
import { listDir, listRoot, lookEntry, readRegular } from '../machine/fs/jail.js';
import { readState, STATE_FILE, type MachineState } from '../machine/index.js';
import { LazyState } from '../machine/lazy-state.js';

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
  // Iterative, through the jail: links are not followed, FIFOs and devices not opened.
  const pending: string[] = [''];
  while (pending.length > 0) {
    const rel = pending.pop()!;
    const names = rel ? ((await listDir(root, rel)) ?? []) : await listRoot(root);
    for (const name of names) {
      if (!rel && SKIP.has(name.toLowerCase())) continue;
      const r = rel ? `${rel}/${name}` : name;
      let kind: string;
      try {
        kind = (await lookEntry(root, r)).kind;
      } catch {
        continue; // a name the jail refuses (not a Windows file name) is not part of the machine
      }
      if (kind === 'dir') pending.push(r);
      else if (kind === 'file') {
        const data = await readRegular(root, r);
        if (data) out.push({ path: r, size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
      }
    }
  }
  return out.sort(byPath);
}

export async function captureTarget(root: string, label: string, takenAt: string): Promise<Capture> {
  const state = await readState(root);
  // A snapshot: every collection read now, not when the capture is looked at later.
  if (state instanceof LazyState) state.loadAll();
  const files = await listFiles(root);
  return { label, takenAt, state, files };
}

// Named snapshots of a target, kept inside it under .wdksim/snapshots/NAME.json
// so they travel with the target and never touch anything outside it.
import { join } from 'node:path';
import { listDir, lookEntry, readRegular, writeAtomic } from '../machine/fs/jail.js';
import * as z from 'zod';
import { TargetError, UsageError } from '../errors.js';
import { machineState, type Target } from '../machine/index.js';
import { captureTarget, type Capture } from './capture.js';

export const SNAPSHOT_DIR = '.wdksim/snapshots';
const FORMAT = 'wdksim-snapshot';

const snapshotFile = z
  .object({
    format: z.literal(FORMAT),
    version: z.literal(1),
    name: z.string(),
    takenAt: z.string(),
    files: z.array(z.object({ path: z.string(), size: z.number(), sha256: z.string() }).strict()),
    state: machineState,
  })
  .strict();

/** Snapshot names become file names: keep them portable. */
export function checkSnapshotName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) {
    throw new UsageError(`snapshot name "${name}" is not usable; use letters, digits, ".", "_" and "-" (e.g. before-install)`);
  }
}

export function snapshotPath(root: string, name: string): string {
  return join(root, ...SNAPSHOT_DIR.split('/'), `${name}.json`);
}

/** Takes and stores a snapshot under the target's lock (so no install is half-seen). */
export async function takeSnapshot(target: Target, name: string, options: { force?: boolean } = {}): Promise<Capture> {
  checkSnapshotName(name);
  return target.withLock(async () => {
    const rel = `${SNAPSHOT_DIR}/${name}.json`;
    if (!options.force && (await exists(target.root, rel))) {
      throw new UsageError(`snapshot "${name}" already exists in ${target.root}; pick another name or pass --force to replace it`);
    }
    const capture = await captureTarget(target.root, name, target.ctx.clock.now().toISOString());
    const doc = { format: FORMAT, version: 1, name, takenAt: capture.takenAt, files: capture.files, state: capture.state };
    // Through the jail: a link at the snapshot folder or file is refused or replaced, never written through.
    await writeAtomic(target.root, rel, JSON.stringify(doc) + '\n', 'refuse', 'snapshot');
    return capture;
  });
}

export async function loadSnapshot(root: string, name: string): Promise<Capture> {
  checkSnapshotName(name);
  const file = snapshotPath(root, name);
  const bytes = await readRegular(root, `${SNAPSHOT_DIR}/${name}.json`, 'snapshot');
  if (!bytes) {
    const known = await listSnapshots(root);
    throw new TargetError(`no snapshot "${name}" in ${root}${known.length ? ` (snapshots: ${known.join(', ')})` : ''}; take one with: wdksim target snapshot ${name}`);
  }
  const text = bytes.toString('utf8');
  let parsed;
  try {
    parsed = snapshotFile.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success) throw new TargetError(`${file}: not a wdksim snapshot (damaged?); take it again with: wdksim target snapshot ${name} --force`);
  const d = parsed.data;
  return { label: `snapshot ${name}`, takenAt: d.takenAt, state: d.state, files: d.files };
}

export async function listSnapshots(root: string): Promise<string[]> {
  try {
    return ((await listDir(root, SNAPSHOT_DIR, 'snapshots')) ?? [])
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

async function exists(root: string, rel: string): Promise<boolean> {
  // A link on the way is refused here (TargetError naming it); an entry at the name counts as existing.
  return (await lookEntry(root, rel, 'snapshot')).kind !== 'missing';
}

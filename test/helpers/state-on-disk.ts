// The whole machine state as the files of a target hold it (wdksim-state.json and,
// for a target over per-record files, .wdksim/state/), read synchronously and
// without the lock: for tests that inspect what a killed or finished process left.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bucketOf, bucketPath, type CollectionName } from '../../src/machine/state-records.js';
import { LazyState } from '../../src/machine/lazy-state.js';
import '../../src/machine/state-store.js'; // the record schemas
import type { HeadState, MachineState } from '../../src/machine/schema.js';

export function stateOnDisk(root: string): MachineState {
  const json = JSON.parse(readFileSync(join(root, 'wdksim-state.json'), 'utf8')) as HeadState | MachineState;
  if (!('records' in json)) return json;
  return new LazyState(root, json).toPlain();
}

/**
 * Edits one record file of a target by hand, as a user with an editor would:
 * the bucket holding `key` gets `edit` applied to its [sequence, record] list and
 * is written back without its digest line updated (so wdksim validates it in full).
 */
export function handEditRecords(root: string, collection: CollectionName, key: string, edit: (entries: [number, Record<string, unknown>][]) => void): void {
  const file = join(root, bucketPath(collection, bucketOf(collection, key)));
  let entries: [number, Record<string, unknown>][] = [];
  try {
    const text = readFileSync(file, 'utf8');
    entries = JSON.parse(text.slice(text.indexOf('\n') + 1)) as typeof entries;
  } catch {
    entries = [];
  }
  edit(entries);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `hand-edited\n${JSON.stringify(entries, null, 1)}\n`);
}

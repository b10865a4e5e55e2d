// The machine state on disk: wdksim-state.json (the head: OS, boot settings,
// certificates, classes and counters), its collections as per-record files
// under .wdksim/state/ (state-records.ts, lazy-state.ts), a copy of the last
// committed head in .wdksim/state.backup.json (like the registry's transaction
// logs: what a damaged state is recovered from), and .wdksim/state.mark, the
// SHA-256 of the head text wdksim last committed. A head whose text has that
// digest was validated when it was written and is not validated again; anything
// else (a hand edit) is validated in full (record files carry their own digest).
// A one-document state of earlier versions is read as it is, and migrated to
// records by the first command that holds the lock. Every read and write goes
// through fs/jail.ts.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { TargetError } from '../errors.js';
import { notice, readRegular, removeTree, writeAtomic, writeNew } from './fs/jail.js';
import { registryParts } from './registry.js';
import { deviceJson } from './device-json.js';
import {
  device,
  driverPackage,
  fileHash,
  headState,
  machineState,
  regKey,
  STATE_FILE,
  STATE_FORMAT,
  STATE_VERSION,
  STORE_VERSION,
  type HeadState,
  type MachineState,
} from './schema.js';
import { LazyState, recordsOf } from './lazy-state.js';
import { indexSchemas, RECORDS_BACKUP_DIR, RECORDS_DIR, setSpecs, type RegistryRecord } from './state-records.js';
import * as z from 'zod';

setSpecs({
  packages: { key: (r) => (r as MachineState['packages'][number]).publishedName.toLowerCase(), schema: driverPackage },
  devices: { key: (r) => (r as MachineState['devices'][number]).instanceId.toUpperCase(), schema: device },
  registry: { key: (r) => (r as RegistryRecord).key.toLowerCase(), schema: regKey.extend({ key: z.string().min(1) }).strict() },
  files: { key: (r) => (r as MachineState['files'][number]).path.toLowerCase(), schema: fileHash },
  folders: { key: (r) => (r as { folder: string }).folder.toLowerCase(), schema: indexSchemas.folders },
  ids: { key: (r) => (r as { id: string }).id.toLowerCase(), schema: indexSchemas.ids },
});

export const META_DIR = '.wdksim';
export const STATE_MARK = `${META_DIR}/state.mark`;
export const STATE_BACKUP = `${META_DIR}/state.backup.json`;

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The state file is damaged but the last committed copy is good: restoring it needs the lock. */
export class DamagedStateError extends TargetError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/**
 * JSON text of driver package and file-hash records, which are never changed in
 * place (they are added and removed whole), reused when the state is written again.
 */
const recordJson = new WeakMap<object, string>();

function recordText(item: object): string {
  let text = recordJson.get(item);
  if (text === undefined) {
    text = JSON.stringify(item);
    recordJson.set(item, text);
  }
  return text;
}

function pushJoined<T>(out: string[], items: readonly T[], text: (item: T) => string): void {
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.push(',');
    out.push(text(items[i]!));
  }
}

const same = (text: string): string => text;

/** JSON.stringify(state), with the registry, packages, file hashes and devices from cached per-record text. */
export function stateJson(state: MachineState): string {
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

type Parsed = { state: MachineState } | { head: HeadState } | { problem: string };

/** Parses a state text (a head, or a one-document state of earlier versions): trusted when its digest is the mark, else validated in full. */
function parseState(text: string, mark: string | undefined): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: text.length === 0 ? 'empty' : 'not valid JSON (truncated or garbled)' };
  }
  const head = json as { format?: unknown; version?: unknown };
  const trusted = mark !== undefined && sha256(text) === mark && head?.format === STATE_FORMAT;
  if (head?.version === STORE_VERSION) {
    if (trusted) return { head: json as HeadState };
    const parsed = headState.safeParse(json);
    if (parsed.success) return { head: parsed.data };
    const issue = parsed.error.issues[0];
    return { problem: `not a wdksim target state (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})` };
  }
  if (trusted && head.version === STATE_VERSION) return { state: json as MachineState };
  const parsed = machineState.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `not a wdksim target state (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})` };
  }
  return { state: parsed.data as MachineState };
}

async function readText(root: string, rel: string): Promise<string | undefined> {
  const bytes = await readRegular(root, rel, 'target state');
  return bytes?.toString('utf8');
}

export async function readMark(root: string): Promise<string | undefined> {
  try {
    const mark = (await readText(root, STATE_MARK))?.trim();
    return mark && /^[0-9a-f]{64}$/.test(mark) ? mark : undefined;
  } catch {
    return undefined;
  }
}

export interface ReadOptions {
  /** The caller holds the lock: a damaged state is restored from the last committed copy, a one-document state migrated. */
  restore?: boolean;
}

/** A state read: over records, or (read-only, before its migration) one document of an earlier version. */
function opened(root: string, parsed: { state: MachineState } | { head: HeadState }, locked = false): MachineState | Promise<MachineState> {
  return 'head' in parsed ? (new LazyState(root, parsed.head, locked) as unknown as MachineState) : parsed.state;
}

/** Does the target exist (a state file, or the last committed copy of a damaged one)? */
export async function hasState(root: string): Promise<boolean> {
  for (const rel of [STATE_FILE, STATE_BACKUP]) {
    try {
      if ((await readRegular(root, rel, 'target state')) !== undefined) return true;
    } catch {
      return true; // something is there (a link, a FIFO): report it when read
    }
  }
  return false;
}

export async function readState(root: string, options: ReadOptions = {}): Promise<MachineState> {
  const file = join(root, STATE_FILE);
  const mark = await readMark(root);
  let problem: string;
  try {
    const text = await readText(root, STATE_FILE);
    if (text === undefined) problem = 'missing';
    else {
      const parsed = parseState(text, mark);
      if ('state' in parsed && options.restore) return migrate(root, parsed.state);
      if (!('problem' in parsed)) return opened(root, parsed, options.restore);
      problem = parsed.problem;
    }
  } catch (error) {
    problem = (error as Error).message;
  }
  let backupText: string | undefined;
  try {
    backupText = await readText(root, STATE_BACKUP);
  } catch {
    backupText = undefined;
  }
  if (backupText === undefined && problem === 'missing') {
    throw new TargetError(`no target machine at ${root}; create one with: wdksim target init ${root}`);
  }
  const backup = backupText === undefined ? undefined : parseState(backupText, mark);
  if (backup && !('problem' in backup)) {
    if (!options.restore) throw new DamagedStateError(`${file}: ${problem}`, problem);
    await writeAtomic(root, STATE_FILE, backupText!, 'repair', 'target state');
    notice(`wdksim: the target state ${file} was ${problem}; restored the last committed state from ${STATE_BACKUP}`);
    return 'state' in backup ? migrate(root, backup.state) : opened(root, backup, true);
  }
  throw new TargetError(
    `${file}: ${problem}, and the last committed copy (${STATE_BACKUP}) is ${backup ? 'damaged too' : 'missing'}; the target is damaged. Run: wdksim target verify --repair (rebuilds the machine's driver store records from the files on disk), or re-create it with: wdksim target init --force`,
  );
}

/**
 * A whole state written as records: the record folders are made afresh, then
 * the head (its committed copy, then the head itself, then its mark: the head is
 * the commit point; until it is replaced an earlier state stays in force).
 */
async function writeRecords(root: string, state: MachineState): Promise<LazyState> {
  const { writes, head } = recordsOf(state);
  for (const dir of [RECORDS_DIR, RECORDS_BACKUP_DIR]) await removeTree(root, dir);
  for (const w of writes) if (w.text !== undefined) await writeNew(root, w.rel, w.text, 'target state');
  const text = JSON.stringify(head) + '\n';
  await writeAtomic(root, STATE_BACKUP, text);
  await writeAtomic(root, STATE_FILE, text);
  await writeAtomic(root, STATE_MARK, sha256(text));
  return new LazyState(root, head, true);
}

/** `target init` (and repair): the first state, as records, its committed copy and its mark. */
export async function writeFirstState(root: string, state: MachineState): Promise<void> {
  await writeRecords(root, machineState.parse(state) as MachineState);
}

/** A one-document state of an earlier wdksim, moved to records (the caller holds the lock). */
async function migrate(root: string, state: MachineState): Promise<MachineState> {
  const lazy = await writeRecords(root, state);
  notice(
    `wdksim: migrated the target state ${join(root, STATE_FILE)} from one document to per-record files under ${RECORDS_DIR} (${state.packages.length} driver package(s), ${state.devices.length} device(s)); earlier wdksim versions cannot read it any more\n`,
  );
  return lazy as unknown as MachineState;
}

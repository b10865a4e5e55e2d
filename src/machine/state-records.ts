// The machine state's collections as per-record files (docs/target.md, "State
// on disk"): devices, driver packages, registry keys and vouched files, each
// spread by a hash of its key over a fixed number of bucket files under
// .wdksim/state/<collection>/<bucket>.json, plus two indexes an install looks
// things up in (store folder → package, device ID → devices). An install reads
// and rewrites the few buckets its records fall in; a command that lists a
// collection reads that collection's folder and nothing else.
//
// A bucket file is "<sha256 of the body>\n<body>\n", the body a JSON array of
// [sequence, record] pairs. A body whose digest matches was written by wdksim and
// validated then; anything else (a hand edit) is validated in full, paths checked
// like an INF's. Every bucket has its last committed copy under
// .wdksim/state-backup/, read when the bucket itself is damaged.
import { createHash } from 'node:crypto';
import type { ZodType } from 'zod';
import * as z from 'zod';
import { TargetError } from '../errors.js';
import { notice, readFolderSync, readRegularSync } from './fs/jail.js';

export const RECORDS_DIR = '.wdksim/state';
export const RECORDS_BACKUP_DIR = '.wdksim/state-backup';

export type CollectionName = 'packages' | 'devices' | 'registry' | 'files' | 'folders' | 'ids';

/** Buckets per collection: a few records each at 10,000 packages (about 10 registry keys and 3 files per package). */
const BUCKETS: Record<CollectionName, number> = { packages: 256, devices: 256, registry: 1024, files: 256, folders: 256, ids: 256 };

export const sha256hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Registry keys this deep or deeper go to the bucket of their ancestor at this
 * depth: a device's key (HKLM\SYSTEM\CurrentControlSet\Enum\ROOT\SAMPLE\0000) and a
 * driver's software key (...\Control\Class\{guid}\0000) keep their whole subtree in
 * one bucket, so deleting one (a driver replaced, a device removed) reads one bucket.
 */
export const REGISTRY_GROUP_DEPTH = 7;

export function bucketOf(collection: CollectionName, key: string): string {
  let k = key;
  if (collection === 'registry') {
    const parts = key.split('\\');
    if (parts.length > REGISTRY_GROUP_DEPTH) k = parts.slice(0, REGISTRY_GROUP_DEPTH).join('\\');
  }
  return (parseInt(sha256hex(k).slice(0, 6), 16) % BUCKETS[collection]).toString(16).padStart(3, '0');
}

export const bucketPath = (collection: CollectionName, bucket: string, backup = false): string => `${backup ? RECORDS_BACKUP_DIR : RECORDS_DIR}/${collection}/${bucket}.json`;

/** A bucket path a commit record may name (journal.ts checks every destination), or a bucket's listing (state-listing.ts). */
export const BUCKET_PATH = /^\.wdksim\/(state(-backup)?\/(packages|devices|registry|files|folders|ids)|state\/listing\/(packages|devices))\/[0-9a-f]{3}\.json$/;

export type Entry = [seq: number, record: unknown];

export function bucketText(entries: readonly Entry[]): string {
  const body = JSON.stringify(entries);
  return `${sha256hex(body)}\n${body}\n`;
}

/** How each collection's records are keyed and validated. */
export interface CollectionSpec {
  key(record: unknown): string;
  schema: ZodType;
}

/** A registry record: the key's stored spelling and its values. */
export interface RegistryRecord {
  key: string;
  values: Record<string, unknown>;
}
export interface FolderRecord {
  folder: string;
  publishedName: string;
}
export interface IdRecord {
  id: string;
  devices: string[];
}

let specs: Record<CollectionName, CollectionSpec> | undefined;

/** The schemas (set by state-store.ts, which imports schema.ts; kept out of this file's imports to stay small). */
export function setSpecs(s: Record<CollectionName, CollectionSpec>): void {
  specs = s;
}
export function spec(collection: CollectionName): CollectionSpec {
  return specs![collection];
}

export const indexSchemas = {
  folders: z.object({ folder: z.string(), publishedName: z.string() }).strict(),
  ids: z.object({ id: z.string(), devices: z.array(z.string()) }).strict(),
};

type Parsed = LoadedBucket | { problem: string };

/** A bucket as read: its records (handed out and changed in place) and their text as read (to tell what changed). */
export interface LoadedBucket {
  entries: Entry[];
  /** JSON of the entries as read; parsed again only when the bucket may be written. */
  body: string;
}

function parseBucket(bytes: Buffer, collection: CollectionName, bucket: string): Parsed {
  // The digest is taken over the body's bytes as read (not the text encoded again): 7 MB per collection at 10,000 packages.
  const nl = bytes.indexOf(10);
  const digest = nl < 0 ? '' : bytes.toString('latin1', 0, nl);
  const end = nl >= 0 && bytes.length > nl + 1 && bytes[bytes.length - 1] === 10 ? bytes.length - 1 : bytes.length;
  const raw = nl < 0 ? bytes : bytes.subarray(nl + 1, end);
  const body = raw.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { problem: bytes.length === 0 ? 'empty' : 'not valid JSON (truncated or garbled)' };
  }
  if (digest === sha256hex(raw)) return { entries: json as Entry[], body };
  if (!Array.isArray(json)) return { problem: 'not a list of records' };
  const { schema, key } = spec(collection);
  const out: Entry[] = [];
  for (const [i, item] of json.entries()) {
    if (!Array.isArray(item) || item.length !== 2 || !Number.isSafeInteger(item[0]) || item[0] < 0) return { problem: `record ${i}: not a [sequence, record] pair` };
    const parsed = schema.safeParse(item[1]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { problem: `record ${i}: not a wdksim ${collection} record (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})` };
    }
    if (bucketOf(collection, key(parsed.data)) !== bucket) return { problem: `record ${i} (${key(parsed.data)}) belongs in another bucket file` };
    out.push([item[0], parsed.data]);
  }
  return { entries: out, body: JSON.stringify(out) };
}

/** What went wrong reading the records, for the error and for `target verify --repair`. */
export class DamagedRecordsError extends TargetError {}

/** Reads one collection's buckets from disk (synchronously: collections load from getters). */
export class BucketReader {
  /** Buckets read from their last committed copy (rewritten by the next commit): "collection/bucket" → its text. */
  readonly restored = new Map<string, string>();
  /** Bucket files parsed, per collection: what a command cost in records (tests check one stays constant). */
  readonly parsed = new Map<CollectionName, number>();

  /** `locked`: the reader holds the lock (the copy is written back before the command ends). */
  constructor(
    readonly root: string,
    readonly locked = false,
  ) {}

  #damaged(collection: CollectionName, bucket: string, problem: string): LoadedBucket {
    const rel = bucketPath(collection, bucket);
    let backup: Parsed | undefined;
    let text = '';
    try {
      const bytes = readRegularSync(this.root, bucketPath(collection, bucket, true), 'target state');
      text = bytes?.toString('utf8') ?? '';
      backup = bytes === undefined ? undefined : parseBucket(bytes, collection, bucket);
    } catch {
      backup = undefined;
    }
    if (backup && 'entries' in backup) {
      this.restored.set(`${collection}/${bucket}`, text);
      const later = this.locked ? '' : ' (for this command; the next command that changes the target writes it back)';
      notice(`wdksim: the target state record file ${rel} was ${problem}; restored the last committed state of it from ${bucketPath(collection, bucket, true)}${later}\n`);
      return backup;
    }
    throw new DamagedRecordsError(
      `${this.root}/${rel}: ${problem}, and its last committed copy is ${backup ? 'damaged too' : 'missing'}; the target is damaged. Run: wdksim target verify --repair (rebuilds the machine's driver store records from the files on disk), or re-create it with: wdksim target init --force`,
    );
  }

  /** One bucket's records (none when its file does not exist). */
  bucket(collection: CollectionName, bucket: string): LoadedBucket {
    let bytes: Buffer | undefined;
    try {
      bytes = readRegularSync(this.root, bucketPath(collection, bucket), 'target state');
    } catch (error) {
      return this.#damaged(collection, bucket, (error as Error).message);
    }
    if (bytes === undefined) return { entries: [], body: '[]' };
    this.parsed.set(collection, (this.parsed.get(collection) ?? 0) + 1);
    const parsed = parseBucket(bytes, collection, bucket);
    return 'entries' in parsed ? parsed : this.#damaged(collection, bucket, parsed.problem);
  }

  /** Every bucket of a collection (bucket → entries). */
  all(collection: CollectionName): Map<string, LoadedBucket> {
    const out = new Map<string, LoadedBucket>();
    this.#eachBucket(collection, (bucket, loaded) => out.set(bucket, loaded));
    return out;
  }

  /**
   * Every record of a collection, one bucket at a time, none kept: a listing that
   * keeps only what it prints (10,000 package records parsed, a few fields of each
   * kept, the rest garbage before the next bucket). Damaged buckets as in all().
   */
  each(collection: CollectionName, fn: (entry: Entry) => void): void {
    this.#eachBucket(collection, (_bucket, loaded) => {
      for (const e of loaded.entries) fn(e);
    });
  }

  /** Reads the collection's folder and hands on each bucket file parsed (a damaged one as #damaged says). */
  #eachBucket(collection: CollectionName, fn: (bucket: string, loaded: LoadedBucket) => void): void {
    let files: Map<string, Buffer> | undefined;
    try {
      files = readFolderSync(this.root, `${RECORDS_DIR}/${collection}`, 'target state');
    } catch (error) {
      throw new DamagedRecordsError(`${this.root}/${RECORDS_DIR}/${collection}: ${(error as Error).message}`);
    }
    for (const [name, bytes] of files ?? []) {
      const m = /^([0-9a-f]{3})\.json$/.exec(name);
      if (!m) continue;
      this.parsed.set(collection, (this.parsed.get(collection) ?? 0) + 1);
      const parsed = parseBucket(bytes, collection, m[1]!);
      fn(m[1]!, 'entries' in parsed ? parsed : this.#damaged(collection, m[1]!, parsed.problem));
    }
  }
}

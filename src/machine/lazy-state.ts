// The machine state over per-record files (state-records.ts). It is a
// MachineState: code that reads state.packages, state.devices, state.registry or
// state.files gets the whole collection, loaded the first time it is touched (a
// listing command, an uninstall). The install path looks records up instead
// (package by name or store folder, devices by hardware ID, a registry key, a
// vouched file, the next oemN.inf and ROOT\CLASS\NNNN), so it reads only the
// buckets those records fall in. At commit, changes() compares what was loaded
// with what it was and returns the bucket files to write.
import { writeAtomic } from './fs/jail.js';
import type { DeviceRecord, DriverPackageRecord } from './model.js';
import { adoptRegistry, forgetRegistryText, type RegistryBacking } from './registry.js';
import { STATE_FORMAT, STATE_VERSION, type HeadState, type MachineState } from './schema.js';
import {
  BucketReader,
  REGISTRY_GROUP_DEPTH,
  bucketOf,
  bucketPath,
  bucketText,
  spec,
  type CollectionName,
  type Entry,
  type FolderRecord,
  type IdRecord,
  type LoadedBucket,
  type RegistryRecord,
} from './state-records.js';
import { eachListing, isListed, listingOf, listingPath, listingText, type ListedCollection, type Listings } from './state-listing.js';

type FileRecord = MachineState['files'][number];
type ArrayName = 'packages' | 'devices' | 'files';
type Arrays = { packages: DriverPackageRecord[]; devices: DeviceRecord[]; files: FileRecord[] };

/** The records of one collection read so far. */
class Loaded {
  readonly buckets = new Map<string, LoadedBucket>();
  /** key → its entry on disk (value handed out, changed in place). */
  readonly entries = new Map<string, Entry>();
  full = false;
  constructor(
    readonly name: CollectionName,
    readonly reader: BucketReader,
  ) {}

  #take(bucket: string, loaded: LoadedBucket): void {
    this.buckets.set(bucket, loaded);
    const key = spec(this.name).key;
    for (const e of loaded.entries) this.entries.set(key(e[1]), e);
  }

  bucket(bucket: string): LoadedBucket {
    let b = this.buckets.get(bucket);
    if (!b) {
      b = this.full ? { entries: [], body: '[]' } : this.reader.bucket(this.name, bucket);
      this.#take(bucket, b);
    }
    return b;
  }

  get(key: string): Entry | undefined {
    if (!this.entries.has(key) && !this.full) this.bucket(bucketOf(this.name, key));
    return this.entries.get(key);
  }

  loadAll(): void {
    if (this.full) return;
    for (const [bucket, loaded] of this.reader.all(this.name)) if (!this.buckets.has(bucket)) this.#take(bucket, loaded);
    this.full = true;
  }

  /** Every entry on disk, in the order the records were added. */
  sorted(): Entry[] {
    this.loadAll();
    return [...this.entries.values()].sort((a, b) => a[0] - b[0]);
  }

  /** key → record text as read, for one bucket. */
  originals(bucket: string): Map<string, string> {
    const key = spec(this.name).key;
    const b = this.bucket(bucket);
    return new Map((JSON.parse(b.body) as Entry[]).map((e) => [key(e[1]), JSON.stringify(e[1])]));
  }
}

export interface RecordWrite {
  rel: string;
  /** undefined: the file is deleted (its bucket is empty). */
  text?: string;
}

const lower = (s: string): string => s.toLowerCase();
const pkgKey = (p: DriverPackageRecord): string => lower(p.publishedName);
const devKey = (d: DeviceRecord): string => d.instanceId.toUpperCase();
const fileKey = (f: FileRecord): string => lower(f.path);
const deviceIds = (d: DeviceRecord): string[] => [...new Set([...d.hardwareIds, ...d.compatibleIds].map(lower))];

export class LazyState {
  declare format: typeof STATE_FORMAT;
  declare version: typeof STATE_VERSION;
  declare createdAt: string;
  declare os: MachineState['os'];
  declare boot: MachineState['boot'];
  declare certificates: MachineState['certificates'];
  declare classes: MachineState['classes'];
  declare devices: DeviceRecord[];
  declare packages: DriverPackageRecord[];
  declare registry: MachineState['registry'];
  declare files: FileRecord[];

  readonly #counters: HeadState['records'];
  /** The head's counters (a prototype getter: not one of the state's own fields). */
  get counters(): HeadState['records'] {
    return this.#counters;
  }
  readonly #reader: BucketReader;
  readonly #loaded: Record<CollectionName, Loaded>;
  /** A whole collection, once code asked for it: from then on the array is the truth. */
  readonly #arrays: Partial<Arrays> = {};
  /** Before that: records looked up or added (key → record; null: removed). */
  readonly #live: Record<ArrayName, Map<string, unknown>> = { packages: new Map(), devices: new Map(), files: new Map() };
  readonly #registry: MachineState['registry'] = {};
  /** Keys Registry changed (lower case): with the registry not loaded whole, the only ones compared at commit. */
  readonly #regChanged = new Set<string>();
  readonly #regIndex = new Map<string, string>();

  /** `locked`: read by a holder of the lock (a damaged record file is written back from its copy). */
  readonly #root: string;
  constructor(root: string, head: HeadState, locked = false) {
    this.#root = root;
    this.#reader = new BucketReader(root, locked);
    const loaded = (name: CollectionName) => new Loaded(name, this.#reader);
    this.#loaded = {
      packages: loaded('packages'),
      devices: loaded('devices'),
      registry: loaded('registry'),
      files: loaded('files'),
      folders: loaded('folders'),
      ids: loaded('ids'),
    };
    this.#counters = { ...head.records, root: { ...head.records.root } };
    // Own enumerable properties in the one-document order, so JSON.stringify, spreading and zod see a MachineState.
    const plain = { format: head.format, version: STATE_VERSION, createdAt: head.createdAt, os: head.os, boot: head.boot, certificates: head.certificates, classes: head.classes };
    for (const [k, v] of Object.entries(plain)) Object.defineProperty(this, k, { value: v, writable: true, enumerable: true, configurable: true });
    for (const name of ['devices', 'packages', 'registry', 'files'] as const) {
      Object.defineProperty(this, name, {
        enumerable: true,
        configurable: true,
        get: () => (name === 'registry' ? this.#allRegistry() : this.#array(name)),
        set: (value: never) => {
          if (name === 'registry') throw new Error('the registry object is changed through Registry');
          this.#array(name);
          this.#arrays[name] = value;
        },
      });
    }
    adoptRegistry(this.#registry, this.#regIndex, this.#registryBacking());
  }

  /** Writes back the record files that were damaged and read from their last committed copy (the caller holds the lock). */
  async writeBackRestored(): Promise<void> {
    for (const [id, text] of this.#reader.restored) {
      const [name, bucket] = id.split('/') as [CollectionName, string];
      await writeAtomic(this.#root, bucketPath(name, bucket), text, 'repair', 'target state');
    }
    this.#reader.restored.clear();
  }

  /** Bucket files this state has parsed so far, per collection. */
  get bucketsParsed(): ReadonlyMap<CollectionName, number> {
    return this.#reader.parsed;
  }

  /**
   * One bucket file's records as on disk (validated, or read from its committed
   * copy when damaged: writeBackRestored() writes that back), without adding them
   * to this state: `target verify` reads the buckets its cache does not cover.
   */
  readBucket(name: CollectionName, bucket: string): LoadedBucket {
    return this.#reader.bucket(name, bucket);
  }

  /**
   * What `pick` keeps of every record of a collection, in no particular order,
   * the records themselves not kept (a read-only listing: the whole collection is
   * not held in memory). From the collection in memory when this state already
   * loaded or changed it.
   */
  scan<N extends ArrayName, T>(name: N, pick: (record: Arrays[N][number]) => T): T[] {
    if (this.#touched(name)) return (this.#array(name) as Arrays[N][number][]).map(pick);
    const out: T[] = [];
    this.#reader.each(name, (e) => out.push(pick(e[1] as Arrays[N][number])));
    return out;
  }

  /**
   * Every record's listing (state-listing.ts: the fields the device and package
   * listings print), in no particular order: from the listing files, which are a
   * fifth of the records' size, or from the collection in memory when this state
   * already loaded or changed it.
   */
  scanListings<C extends ListedCollection, T>(name: C, pick: (listing: Listings[C]) => T): T[] {
    if (this.#touched(name)) return this.#array(name).map((r) => pick(listingOf(name, r as never)));
    const out: T[] = [];
    eachListing(this.#root, this.#reader, name, (l) => out.push(pick(l)));
    return out;
  }

  /** This state loaded or changed some of the collection: from now on it is read from memory, not from disk. */
  #touched(name: ArrayName): boolean {
    return this.#arrays[name] !== undefined || this.#live[name].size > 0 || this.#loaded[name].buckets.size > 0;
  }

  // ---- Whole collections (cold paths) ----

  #array<N extends ArrayName>(name: N): Arrays[N] {
    const have = this.#arrays[name];
    if (have) return have as never;
    const live = this.#live[name];
    const key = spec(name).key;
    if (live.size === 0) {
      // Nothing looked up or added yet (a listing): the records as loaded, in the order they were added.
      const out = this.#loaded[name].sorted().map((e) => e[1]);
      this.#arrays[name] = out as never;
      return out as never;
    }
    const out: unknown[] = [];
    for (const e of this.#loaded[name].sorted()) {
      const k = key(e[1]);
      if (live.has(k)) {
        const v = live.get(k);
        if (v !== null) out.push(v);
        live.delete(k);
      } else out.push(e[1]);
    }
    for (const v of live.values()) if (v !== null) out.push(v); // added in this transaction
    live.clear();
    this.#arrays[name] = out as never;
    return out as never;
  }

  // ---- Lookups (hot paths) ----

  #find<T>(name: ArrayName, key: string, match: (r: T) => boolean): T | undefined {
    const array = this.#arrays[name] as T[] | undefined;
    if (array) return array.find(match);
    const live = this.#live[name];
    if (live.has(key)) return (live.get(key) ?? undefined) as T | undefined;
    const e = this.#loaded[name].get(key);
    if (!e) return undefined;
    live.set(key, e[1]);
    return e[1] as T;
  }

  #add(name: ArrayName, key: string, record: unknown): void {
    const array = this.#arrays[name] as unknown[] | undefined;
    if (array) array.push(record);
    else this.#live[name].set(key, record);
  }

  #remove(name: ArrayName, key: string, match: (r: never) => boolean): void {
    const array = this.#arrays[name];
    if (array) this.#arrays[name] = (array as never[]).filter((r) => !match(r)) as never;
    else this.#live[name].set(key, null);
  }

  getPackage(publishedName: string): DriverPackageRecord | undefined {
    const k = lower(publishedName);
    return this.#find<DriverPackageRecord>('packages', k, (p) => pkgKey(p) === k);
  }

  addPackage(record: DriverPackageRecord): void {
    this.#add('packages', pkgKey(record), record);
  }

  /** The package whose driver store folder this is (the folders index, checked against the package). */
  packageByFolder(folder: string): DriverPackageRecord | undefined {
    const f = lower(folder);
    const array = this.#arrays.packages;
    if (array) return array.find((p) => lower(p.storeFolder) === f);
    for (const v of this.#live.packages.values()) if (v && lower((v as DriverPackageRecord).storeFolder) === f) return v as DriverPackageRecord;
    const idx = this.#loaded.folders.get(f)?.[1] as FolderRecord | undefined;
    const pkg = idx && this.getPackage(idx.publishedName);
    return pkg && lower(pkg.storeFolder) === f ? pkg : undefined;
  }

  /** Lowest N with no oemN.inf in use (wdk-tools.md §1.2), probed from the head's hint. */
  nextPublishedName(): string {
    let n = this.counters.oem;
    while (this.getPackage(`oem${n}.inf`)) n++;
    return `oem${n}.inf`;
  }

  getDevice(instanceId: string): DeviceRecord | undefined {
    const k = instanceId.toUpperCase();
    return this.#find<DeviceRecord>('devices', k, (d) => devKey(d) === k);
  }

  addDevice(record: DeviceRecord): void {
    this.#add('devices', devKey(record), record);
  }

  /** Devices with this hardware or compatible ID, in the order they were added. */
  devicesWithId(id: string): DeviceRecord[] {
    const l = lower(id);
    const has = (d: DeviceRecord) => d.hardwareIds.some((x) => lower(x) === l) || d.compatibleIds.some((x) => lower(x) === l);
    const array = this.#arrays.devices;
    if (array) return array.filter(has);
    const idx = this.#loaded.ids.get(l)?.[1] as IdRecord | undefined;
    for (const instance of idx?.devices ?? []) this.getDevice(instance);
    const seq = (d: DeviceRecord) => this.#loaded.devices.entries.get(devKey(d))?.[0] ?? Number.MAX_SAFE_INTEGER;
    const out: DeviceRecord[] = [];
    for (const v of this.#live.devices.values()) if (v && has(v as DeviceRecord)) out.push(v as DeviceRecord);
    return out.sort((a, b) => seq(a) - seq(b));
  }

  /** ROOT\CLASS\NNNN: the lowest free instance number, probed from the head's hint. */
  newRootInstanceId(className: string): string {
    const prefix = `ROOT\\${(className || 'UNKNOWN').toUpperCase()}\\`;
    let n = this.counters.root[prefix] ?? 0;
    while (this.getDevice(`${prefix}${String(n).padStart(4, '0')}`)) n++;
    return `${prefix}${String(n).padStart(4, '0')}`;
  }

  getFile(path: string): FileRecord | undefined {
    const k = lower(path);
    return this.#find<FileRecord>('files', k, (f) => fileKey(f) === k);
  }

  trackFile(record: FileRecord): void {
    this.untrackFile(record.path);
    this.#add('files', fileKey(record), record);
  }

  untrackFile(path: string): void {
    const k = lower(path);
    if (!this.#arrays.files && !this.getFile(path)) return;
    this.#remove('files', k, (f: FileRecord) => fileKey(f) === k);
  }

  // ---- The registry: keys load by bucket; listing subkeys loads them all ----

  #registryBacking(): RegistryBacking {
    const loaded = this.#loaded.registry;
    return {
      get full() {
        return loaded.full;
      },
      load: (key: string) => {
        const b = bucketOf('registry', key);
        if (loaded.buckets.has(b)) return;
        for (const [, r] of loaded.bucket(b).entries) {
          const rec = r as RegistryRecord;
          const l = lower(rec.key);
          if (this.#regIndex.has(l)) continue; // created in this transaction: that one is current
          this.#registry[rec.key] = { values: rec.values as never };
          this.#regIndex.set(l, rec.key);
        }
      },
      loadAll: () => void this.#allRegistry(),
      changed: (key: string) => void this.#regChanged.add(key),
      subtreeLoaded: (key: string) => loaded.full || (key.split('\\').length >= REGISTRY_GROUP_DEPTH && loaded.buckets.has(bucketOf('registry', key))),
      numberHint: (key: string, bound?: number) => {
        if (bound !== undefined) this.counters.root[key] = bound;
        return this.counters.root[key] ?? 0;
      },
    };
  }

  /** The registry object whole, keys in the order they were created. */
  #allRegistry(): MachineState['registry'] {
    const loaded = this.#loaded.registry;
    if (loaded.full) return this.#registry;
    const before = Object.keys(this.#registry);
    const onDisk = loaded.sorted(); // loads every bucket
    const values = new Map(before.map((k) => [lower(k), this.#registry[k]!]));
    for (const k of before) delete this.#registry[k];
    const created = new Set(before.map(lower));
    for (const [, r] of onDisk) {
      const rec = r as RegistryRecord;
      const l = lower(rec.key);
      if (this.#regChanged.has(l) && !values.has(l)) continue; // deleted in this transaction
      const stored = this.#regIndex.get(l) ?? rec.key;
      this.#registry[stored] = values.get(l) ?? { values: rec.values as never };
      this.#regIndex.set(l, stored);
      created.delete(l);
    }
    for (const k of before) if (created.has(lower(k))) this.#registry[k] = values.get(lower(k))!; // created in this transaction
    forgetRegistryText(this.#registry);
    return this.#registry;
  }

  /** The registry object as loaded so far (Registry loads the rest on demand). */
  registryData(): MachineState['registry'] {
    return this.#registry;
  }

  // ---- Commit ----

  /** The head document (wdksim-state.json) of this state. */
  head(): HeadState {
    return {
      format: STATE_FORMAT,
      version: 2,
      createdAt: this.createdAt,
      os: this.os,
      boot: this.boot,
      certificates: this.certificates,
      classes: this.classes,
      records: this.counters,
    };
  }

  /** The bucket files this state's changes rewrite (and their backups), and the new head. */
  changes(): { writes: RecordWrite[]; head: HeadState } {
    const changed = new Map<string, Map<string, Entry | null>>(); // "collection/bucket" → key → entry (null: delete)
    const put = (name: CollectionName, key: string, record: unknown | null) => {
      const id = `${name}/${bucketOf(name, key)}`;
      let m = changed.get(id);
      if (!m) changed.set(id, (m = new Map<string, Entry | null>()));
      if (record === null) m.set(key, null);
      else m.set(key, [this.#loaded[name].get(key)?.[0] ?? this.counters.seq++, record]);
    };
    const oldPackages: DriverPackageRecord[] = [];
    const newPackages: DriverPackageRecord[] = [];
    const oldDevices: DeviceRecord[] = [];
    const newDevices: DeviceRecord[] = [];
    for (const name of ['packages', 'devices', 'files'] as const) {
      const loaded = this.#loaded[name];
      const key = spec(name).key;
      const array = this.#arrays[name] as unknown[] | undefined;
      const current = new Map<string, unknown>();
      if (array) {
        for (const r of array) current.set(key(r), r);
        for (const k of loaded.entries.keys()) if (!current.has(k)) current.set(k, null);
      } else for (const [k, v] of this.#live[name]) current.set(k, v);
      const originals = new Map<string, Map<string, string>>();
      for (const [k, v] of current) {
        const b = bucketOf(name, k);
        if (!originals.has(b)) originals.set(b, loaded.originals(b));
        const was = originals.get(b)!.get(k);
        if (v === null) {
          if (was === undefined) continue;
          put(name, k, null);
        } else {
          if (JSON.stringify(v) === was) continue;
          put(name, k, v);
        }
        const old: unknown = was === undefined ? undefined : JSON.parse(was);
        if (name === 'packages') {
          if (old) oldPackages.push(old as DriverPackageRecord);
          if (v) newPackages.push(v as DriverPackageRecord);
        } else if (name === 'devices') {
          if (old) oldDevices.push(old as DeviceRecord);
          if (v) newDevices.push(v as DeviceRecord);
        }
      }
    }
    // The registry: every loaded key against its text as read; keys gone from a whole registry are deleted.
    const reg = this.#loaded.registry;
    const regOriginals = new Map<string, Map<string, string>>();
    const regCurrent = new Map<string, RegistryRecord | null>();
    if (reg.full) {
      // Loaded whole (a walk over subkeys, a key deleted, a cold path): every key is compared; gone ones are deleted.
      for (const [stored, data] of Object.entries(this.#registry)) regCurrent.set(lower(stored), { key: stored, values: data.values });
      for (const k of reg.entries.keys()) if (!regCurrent.has(k)) regCurrent.set(k, null);
    } else {
      for (const k of this.#regChanged) {
        const stored = this.#regIndex.get(k);
        regCurrent.set(k, stored === undefined ? null : { key: stored, values: this.#registry[stored]!.values }); // not there any more: deleted
      }
    }
    for (const [k, v] of regCurrent) {
      const b = bucketOf('registry', k);
      if (!regOriginals.has(b)) regOriginals.set(b, reg.originals(b));
      const was = regOriginals.get(b)!.get(k);
      if (v === null ? was !== undefined : JSON.stringify(v) !== was) put('registry', k, v);
    }
    this.#updateIndexes(oldPackages, newPackages, oldDevices, newDevices, put);
    this.#updateCounters(oldPackages, newPackages, oldDevices, newDevices);
    for (const id of this.#reader.restored.keys()) if (!changed.has(id)) changed.set(id, new Map());
    const writes: RecordWrite[] = [];
    for (const [id, m] of changed) {
      const [name, bucket] = id.split('/') as [CollectionName, string];
      const key = spec(name).key;
      const entries = new Map<string, Entry>(this.#loaded[name].bucket(bucket).entries.map((e) => [key(e[1]), e]));
      for (const [k, e] of m) {
        if (e === null) entries.delete(k);
        else entries.set(k, e);
      }
      writes.push(
        ...bucketWrites(
          name,
          bucket,
          [...entries.values()].sort((a, b) => a[0] - b[0]),
        ),
      );
    }
    return { writes, head: this.head() };
  }

  #updateIndexes(
    oldPackages: DriverPackageRecord[],
    newPackages: DriverPackageRecord[],
    oldDevices: DeviceRecord[],
    newDevices: DeviceRecord[],
    put: (name: CollectionName, key: string, record: unknown | null) => void,
  ): void {
    const folders = new Map<string, FolderRecord | null>();
    for (const p of oldPackages) folders.set(lower(p.storeFolder), null);
    for (const p of newPackages) folders.set(lower(p.storeFolder), { folder: p.storeFolder, publishedName: p.publishedName });
    for (const [k, v] of folders) {
      const was = this.#loaded.folders.get(k)?.[1];
      if (JSON.stringify(v ?? undefined) !== JSON.stringify(was)) put('folders', k, v);
    }
    const ids = new Map<string, Set<string>>(); // id → instance IDs to drop (-) / add (+), as "+ID"/"-ID"
    const note = (d: DeviceRecord, sign: string) => {
      for (const id of deviceIds(d)) {
        let s = ids.get(id);
        if (!s) ids.set(id, (s = new Set()));
        s.add(sign + devKey(d));
      }
    };
    for (const d of oldDevices) note(d, '-');
    for (const d of newDevices) note(d, '+');
    for (const [id, ops] of ids) {
      const was = this.#loaded.ids.get(id)?.[1] as IdRecord | undefined;
      const list = new Set(was?.devices ?? []);
      for (const op of ops) if (op.startsWith('-') && !ops.has(`+${op.slice(1)}`)) list.delete(op.slice(1));
      for (const op of ops) if (op.startsWith('+')) list.add(op.slice(1));
      const next = list.size === 0 ? null : { id, devices: [...list] };
      if (JSON.stringify(next ?? undefined) !== JSON.stringify(was)) put('ids', id, next);
    }
  }

  #updateCounters(oldPackages: DriverPackageRecord[], newPackages: DriverPackageRecord[], oldDevices: DeviceRecord[], newDevices: DeviceRecord[]): void {
    const gone = new Set(newPackages.map(pkgKey));
    for (const p of oldPackages) {
      const n = /^oem(\d+)\.inf$/i.exec(p.publishedName)?.[1];
      if (n !== undefined && !gone.has(pkgKey(p))) this.counters.oem = Math.min(this.counters.oem, Number(n));
    }
    while (this.getPackage(`oem${this.counters.oem}.inf`)) this.counters.oem++;
    const alive = new Set(newDevices.map(devKey));
    const prefixes = new Set<string>();
    for (const d of [...oldDevices, ...newDevices]) {
      const m = /^(ROOT\\[^\\]+\\)(\d+)$/i.exec(d.instanceId);
      if (!m) continue;
      const prefix = m[1]!.toUpperCase();
      prefixes.add(prefix);
      if (!alive.has(devKey(d))) this.counters.root[prefix] = Math.min(this.counters.root[prefix] ?? 0, Number(m[2]));
    }
    for (const prefix of prefixes) {
      let n = this.counters.root[prefix] ?? 0;
      while (this.getDevice(`${prefix}${String(n).padStart(4, '0')}`)) n++;
      this.counters.root[prefix] = n;
    }
  }

  /** Loads every collection (a snapshot: nothing is read from disk after this). */
  loadAll(): void {
    for (const collection of [this.devices, this.packages, this.registry, this.files]) void collection;
  }

  /** The plain one-document state (loads everything). */
  toPlain(): MachineState {
    return JSON.parse(JSON.stringify(this)) as MachineState;
  }
}

/** A bucket's file, its committed copy and (packages, devices) its listing; none of them when `list` is empty. */
function bucketWrites(name: CollectionName, bucket: string, list: readonly Entry[]): RecordWrite[] {
  const text = list.length === 0 ? undefined : bucketText(list);
  const writes: RecordWrite[] = [
    { rel: bucketPath(name, bucket), text },
    { rel: bucketPath(name, bucket, true), text },
  ];
  if (isListed(name)) writes.push({ rel: listingPath(name, bucket), text: listingText(name, list, text) });
  return writes;
}

/** The first records of a state given whole (target init, repair, migration, the bench's generator). */
export function recordsOf(state: MachineState): { writes: RecordWrite[]; head: HeadState } {
  const buckets = new Map<string, Entry[]>();
  let seq = 0;
  const add = (name: CollectionName, key: string, record: unknown) => {
    const id = `${name}/${bucketOf(name, key)}`;
    let list = buckets.get(id);
    if (!list) buckets.set(id, (list = []));
    list.push([seq++, record]);
  };
  for (const d of state.devices) add('devices', devKey(d), d);
  for (const p of state.packages) add('packages', pkgKey(p), p);
  for (const [key, data] of Object.entries(state.registry)) add('registry', lower(key), { key, values: data.values });
  for (const f of state.files) add('files', fileKey(f), f);
  for (const p of state.packages) add('folders', lower(p.storeFolder), { folder: p.storeFolder, publishedName: p.publishedName });
  const ids = new Map<string, IdRecord>();
  for (const d of state.devices) {
    for (const id of deviceIds(d)) {
      const r = ids.get(id) ?? { id, devices: [] };
      r.devices.push(devKey(d));
      ids.set(id, r);
    }
  }
  for (const [id, r] of ids) add('ids', id, r);
  const used = new Set(
    state.packages
      .map((p) => /^oem(\d+)\.inf$/i.exec(p.publishedName)?.[1])
      .filter((n) => n !== undefined)
      .map(Number),
  );
  let oem = 0;
  while (used.has(oem)) oem++;
  const writes: RecordWrite[] = [];
  for (const [id, list] of [...buckets].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [name, bucket] = id.split('/') as [CollectionName, string];
    writes.push(...bucketWrites(name, bucket, list));
  }
  const head: HeadState = {
    format: STATE_FORMAT,
    version: 2,
    createdAt: state.createdAt,
    os: state.os,
    boot: state.boot,
    certificates: state.certificates,
    classes: state.classes,
    records: { seq, oem, root: {} },
  };
  return { writes, head };
}

// `target verify`: the consistency check. Every file the state vouches for
// exists with its recorded SHA-256, every driver store entry is complete, and
// every published oemN.inf in Windows\INF maps to a store entry (and back).
// Files are read through the jail layer: a link or a FIFO where a file belongs
// is a problem to report, never followed or opened. A file whose size and
// modification time are those it had when it last matched (.wdksim/verify.cache)
// is not hashed again; --full hashes every file.
//
// The cache is kept per record bucket (docs/target.md, "State on disk"): for each
// bucket file of the packages and files collections, its size, modification time
// and inode when last read, and what it vouched for (packages: published name,
// store folder, files; files: path), with each file's size, modification time and
// SHA-256 when it last matched. A bucket file unchanged since is not read or
// parsed again: "nothing changed" at 10,000 packages costs one stat per vouched
// file (each folder checked once, the store's folders from one listing), the
// two folder listings, and the parse of this cache, which is compact JSON with
// its own digest.
import { TargetError } from '../errors.js';
import { listTypedSync, lookEntriesSync, partsOf, readRegular, readRegularSync, writeAtomic, type Entry } from './fs/jail.js';
import { INF_DIR, STORE_DIR } from './layout.js';
import { readState, sha256, type Target } from './target.js';
import { LazyState } from './lazy-state.js';
import { RECORDS_DIR, type CollectionName } from './state-records.js';
import type { MachineState } from './schema.js';

export interface VerifyResult {
  problems: string[];
  checkedFiles: number;
  /** Files hashed in this run (the rest matched the cache by size and modification time). */
  hashedFiles: number;
  packages: number;
}

export interface VerifyOptions {
  /** Hash every file, ignoring the cache. */
  full?: boolean;
}

const CACHE = '.wdksim/verify.cache';
const CACHE_MAGIC = 'wdksim-verify-cache 2';
/** A file changed within this many ms of the run could change again in the same mtime tick: not cached. */
const RACY_MS = 2000;

// The cache on disk: "<magic> <sha256 of the JSON>\n<JSON>", the JSON {b: {"packages/0a3": [sig, rows]}}: per
// bucket file of the packages and files collections, its size, modification time and inode when read (null: not
// to be trusted next time), and a row per record. The rows are also what a run works on (no object per file):
// a package: [seq, publishedName, storeFolder, inbox (0/1), paths joined by "\n", [size, mtime, ...], SHA-256s concatenated];
// a vouched file: [seq, path, size, mtime, SHA-256]. Size -1: not known to match (hashed next time).
type PackageRow = [number, string, string, number, string, number[], string];
type FileRow = [number, string, number, number, string];
type Sig = [number, number, number] | null;
interface BucketItems {
  sig: Sig;
  packages?: PackageRow[];
  files?: FileRow[];
}
type CacheJson = { b: Record<string, [Sig, PackageRow[] | FileRow[]]> };

/** A cache of wdksim 0.1 (before the per-record state): target-relative path → [size, mtime, SHA-256]. */
type Legacy = Map<string, [number, number, string]>;

/** The cache as read: per bucket, or (from an earlier version) per path. */
interface LoadedCache {
  buckets: Map<string, BucketItems>;
  legacy?: Legacy;
}

/** The cache (bucket id → rows); empty when missing, damaged or of another format (everything is then hashed once). */
function loadCache(root: string): LoadedCache {
  const out = new Map<string, BucketItems>();
  try {
    const bytes = readRegularSync(root, CACHE, 'verify cache') ?? Buffer.alloc(0);
    if (bytes[0] === 0x7b) {
      const text = bytes.toString('utf8');
      // The one-file cache of earlier versions: its matches are taken over (per path and hash), so nothing is hashed again.
      const data = JSON.parse(text) as Record<string, unknown>;
      const legacy: Legacy = new Map();
      for (const [rel, v] of Object.entries(data)) {
        if (Array.isArray(v) && v.length === 3 && typeof v[0] === 'number' && typeof v[1] === 'number' && typeof v[2] === 'string') legacy.set(rel, v as [number, number, string]);
      }
      return { buckets: out, legacy };
    }
    const nl = bytes.indexOf(10);
    const first = nl < 0 ? '' : bytes.toString('latin1', 0, nl);
    if (nl < 0 || !first.startsWith(`${CACHE_MAGIC} `)) return { buckets: out };
    // The digest over the body's bytes as read (the text is not encoded again to check it).
    const body = bytes.subarray(nl + 1);
    if (first.slice(CACHE_MAGIC.length + 1) !== sha256(body)) return { buckets: out };
    const json = JSON.parse(body.toString('utf8')) as CacheJson;
    for (const [id, [sig, rows]] of Object.entries(json.b)) {
      out.set(id, id.startsWith('packages/') ? { sig, packages: rows as PackageRow[] } : { sig, files: rows as FileRow[] });
    }
  } catch {
    out.clear(); // damaged or odd: hash everything
  }
  return { buckets: out };
}

function cacheText(buckets: Map<string, BucketItems>): string {
  const b: CacheJson['b'] = {};
  for (const [id, items] of buckets) b[id] = [items.sig, items.packages ?? items.files!];
  const body = JSON.stringify({ b });
  return `${CACHE_MAGIC} ${sha256(body)}\n${body}`;
}

/** The rows of a bucket read this run; each file's match carried over from the cache when its path and hash are the same. */
function itemsFromRecords(name: CollectionName, entries: readonly [number, unknown][], before: BucketItems | undefined, sig: Sig, legacy?: Legacy): BucketItems {
  if (name === 'packages') {
    const old = new Map((before?.packages ?? []).map((r) => [r[1], r]));
    const packages = entries.map(([seq, r]): PackageRow => {
      const p = r as MachineState['packages'][number];
      const o = old.get(p.publishedName);
      const was = new Map<string, [number, number, string]>();
      if (o && o[2] === p.storeFolder) o[4].split('\n').forEach((path, i) => was.set(path, [o[5][2 * i]!, o[5][2 * i + 1]!, o[6].slice(64 * i, 64 * i + 64)]));
      const stats = p.files.flatMap((f) => {
        const w = was.get(f.path) ?? legacy?.get(`${STORE_DIR}/${p.storeFolder}/${f.path}`);
        return w && w[2] === f.sha256 ? [w[0], w[1]] : [-1, 0];
      });
      return [seq, p.publishedName, p.storeFolder, p.inbox ? 1 : 0, p.files.map((f) => f.path).join('\n'), stats, p.files.map((f) => f.sha256).join('')];
    });
    return { sig, packages };
  }
  const old = new Map((before?.files ?? []).map((r) => [r[1], r]));
  const files = entries.map(([seq, r]): FileRow => {
    const f = r as MachineState['files'][number];
    const o = old.get(f.path);
    if (o && o[4] === f.sha256) return [seq, f.path, o[2], o[3], f.sha256];
    const l = legacy?.get(f.path);
    return l && l[2] === f.sha256 ? [seq, f.path, l[0], l[1], f.sha256] : [seq, f.path, -1, 0, f.sha256];
  });
  return { sig, files };
}

const KIND: Record<string, string> = { dir: 'a folder', link: 'a symbolic link', other: 'a FIFO, socket or device file' };
const BUCKET_FILE = /^([0-9a-f]{3})\.json$/;

/**
 * Files in one folder, described alike: the folder is checked once, its files
 * stat'ed in a row. Slot i is file idx[i] of rows[i] (a package row: its i-th
 * path; a file row: itself); order[i] is its record's sequence number.
 */
interface Group {
  /** Checked components joined by "/". */
  dir: string;
  /** The folder's path could not be used (a TargetError's message): every file in it is reported with it. */
  error?: string;
  what: string;
  names: string[];
  /** A package whose files are all directly in its store folder (the usual case): slot i is its file i. */
  pkg?: PackageRow;
  /** Files the state vouches for outside the store. */
  vouched?: boolean;
  rows: (PackageRow | FileRow)[];
  idx: number[];
  order: number[];
}
const rowAt = (g: Group, i: number): PackageRow | FileRow => g.pkg ?? g.rows[i]!;
const idxAt = (g: Group, i: number): number => (g.pkg ? i : g.idx[i]!);
/** Where a file's problem goes in the report: packages, then vouched files; each by sequence, then file index. */
const orderAt = (g: Group, i: number): [number, number, number] => (g.pkg ? [0, g.pkg[0], i] : [g.vouched ? 1 : 0, g.order[i]!, g.idx[i]!]);
const isPackage = (r: PackageRow | FileRow): r is PackageRow => r.length === 7;
const sizeOf = (r: PackageRow | FileRow, i: number): number => (isPackage(r) ? r[5][2 * i]! : r[2]);
const mtimeOf = (r: PackageRow | FileRow, i: number): number => (isPackage(r) ? r[5][2 * i + 1]! : r[3]);
const shaOf = (r: PackageRow | FileRow, i: number): string => (isPackage(r) ? r[6].slice(64 * i, 64 * i + 64) : r[4]);
function setMatch(r: PackageRow | FileRow, i: number, size: number, mtime: number): boolean {
  if (sizeOf(r, i) === size && mtimeOf(r, i) === mtime) return false;
  if (isPackage(r)) {
    r[5][2 * i] = size;
    r[5][2 * i + 1] = mtime;
  } else {
    r[2] = size;
    r[3] = mtime;
  }
  return true;
}

export async function verifyTarget(target: Target, options: VerifyOptions = {}): Promise<VerifyResult> {
  return target.withLock(async () => {
    const root = target.root;
    const state = await readState(root, { restore: true });
    const full = options.full === true;
    const problems: string[] = [];
    const now = Date.now();
    const before: LoadedCache = full ? { buckets: new Map() } : loadCache(root);
    const buckets = state instanceof LazyState ? readBuckets(root, state, before, full, now) : bucketsOfDocument(state, before.legacy);
    let dirty = full || buckets.changed || [...before.buckets.keys()].some((id) => !buckets.items.has(id));

    // Every vouched file, in the order the one-document state listed them: packages by sequence, then the files.
    const packages: PackageRow[] = [];
    const vouched: FileRow[] = [];
    for (const b of buckets.items.values()) {
      if (b.packages) for (const r of b.packages) packages.push(r);
      if (b.files) for (const r of b.files) vouched.push(r);
    }
    // Not sorted: a problem's place in the report comes from its record's sequence (orderAt).
    const vouchedWhat = 'recorded by the target state';
    const groups: Group[] = [];
    const byDir = new Map<string, Group>();
    let checkedFiles = 0;
    const grouped = (dir: string, what: string): Group => {
      const key = what === vouchedWhat ? dir : `${dir}\0${what}`;
      let g = byDir.get(key);
      if (!g) {
        g = { dir, what, names: [], rows: [], idx: [], order: [], vouched: what === vouchedWhat };
        try {
          if (dir) g.dir = partsOf(dir, what).join('/');
        } catch (error) {
          if (!(error instanceof TargetError)) throw error;
          g.error = error.message;
        }
        byDir.set(key, g);
        groups.push(g);
      }
      return g;
    };
    const storeParts = partsOf(STORE_DIR);
    const none: never[] = [];
    for (const r of packages) {
      if (r[3] === 1 || r[4] === '') continue;
      const paths = r[4].split('\n');
      if (!/[\\/]/.test(r[4])) {
        // The usual package: every file directly in its store folder (its description made only for a problem).
        groups.push({ dir: r[2], what: '', names: paths, pkg: r, rows: none, idx: none, order: none });
        checkedFiles += paths.length;
        continue;
      }
      const what = `driver store entry of ${r[1]}`;
      paths.forEach((path, i) => {
        const rel = `${STORE_DIR}/${r[2]}/${path.replace(/\\/g, '/')}`;
        const slash = rel.lastIndexOf('/');
        const g = grouped(rel.slice(0, slash), what);
        g.names.push(rel.slice(slash + 1));
        g.rows.push(r);
        g.idx.push(i);
        g.order.push(r[0]);
        checkedFiles++;
      });
    }
    for (const r of vouched) {
      const rel = r[1].includes('\\') ? r[1].replace(/\\/g, '/') : r[1];
      const slash = rel.lastIndexOf('/');
      const g = grouped(rel.slice(0, Math.max(slash, 0)), vouchedWhat);
      g.names.push(rel.slice(slash + 1));
      g.rows.push(r);
      g.idx.push(0);
      g.order.push(r[0]);
      checkedFiles++;
    }

    // The store's folders, from one listing: the real folders need no stat of their own.
    const seen = new Set<string>();
    /** Store folders the listing showed to be real folders. */
    const realFolders = new Set<string>();
    let storeDirs: string[] = [];
    try {
      const listed = listTypedSync(root, STORE_DIR, 'driver store');
      storeDirs = (listed ?? []).map((e) => e.name);
      if (listed) {
        for (let i = 1; i <= storeParts.length; i++) seen.add(storeParts.slice(0, i).join('/'));
        for (const e of listed) if (e.kind === 'dir') realFolders.add(e.name);
      }
    } catch (error) {
      if (!(error instanceof TargetError)) throw error;
      problems.push(`${STORE_DIR}: ${error.message}`);
    }

    const fileProblems: [[number, number, number], string][] = [];
    const toHash: { g: Group; i: number; e: Entry }[] = [];
    // A package group's dir is its store folder's name (the rest is STORE_DIR), its description made here.
    for (const g of groups) {
      if (!g.pkg) continue;
      g.what = `driver store entry of ${g.pkg[1]}`;
      if (!realFolders.has(g.dir)) g.dir = `${STORE_DIR}/${g.dir}`;
    }
    const relOf = (g: Group, i: number): string => (g.pkg && realFolders.has(g.dir) ? `${STORE_DIR}/${g.dir}/${g.names[i]}` : g.dir ? `${g.dir}/${g.names[i]}` : g.names[i]!);
    for (const g of groups) {
      let entries: Entry[] | undefined;
      try {
        if (g.error !== undefined) throw new TargetError(g.error);
        // A store folder the listing showed to be a real folder is not checked again.
        entries =
          g.pkg && realFolders.has(g.dir) ? lookEntriesSync(root, `${STORE_DIR}/${g.dir}`, g.names, g.what, undefined, true) : lookEntriesSync(root, g.dir, g.names, g.what, seen);
      } catch (error) {
        if (!(error instanceof TargetError)) throw error;
        for (let i = 0; i < g.names.length; i++) fileProblems.push([orderAt(g, i), `${relOf(g, i)}: ${error.message}`]);
        continue;
      }
      for (let i = 0; i < g.names.length; i++) {
        const e = entries?.[i];
        if (!e || e.kind === 'missing') fileProblems.push([orderAt(g, i), `${relOf(g, i)}: missing (${g.what})`]);
        else if (e.kind !== 'file')
          fileProblems.push([orderAt(g, i), `${relOf(g, i)}: is ${KIND[e.kind]}, not the file the state vouches for (${g.what}); not followed or opened`]);
        else if (full || sizeOf(rowAt(g, i), idxAt(g, i)) !== e.size || mtimeOf(rowAt(g, i), idxAt(g, i)) !== e.mtimeMs) toHash.push({ g, i, e });
      }
    }
    let hashedFiles = 0;
    for (const { g, i, e } of toHash) {
      const rel = relOf(g, i);
      const row = rowAt(g, i);
      const idx = idxAt(g, i);
      try {
        const bytes = await readRegular(root, rel, g.what);
        if (!bytes) {
          fileProblems.push([orderAt(g, i), `${rel}: missing (${g.what})`]);
          continue;
        }
        hashedFiles++;
        const actual = sha256(bytes);
        const expected = shaOf(row, idx);
        const keep = actual === expected && now - e.mtimeMs > RACY_MS;
        if (setMatch(row, idx, keep ? e.size : -1, keep ? e.mtimeMs : 0)) dirty = true;
        if (actual !== expected) fileProblems.push([orderAt(g, i), `${rel}: content changed (${g.what}; SHA-256 ${actual.slice(0, 16)}..., recorded ${expected.slice(0, 16)}...)`]);
      } catch (error) {
        if (!(error instanceof TargetError)) throw error;
        fileProblems.push([orderAt(g, i), `${rel}: ${error.message}`]);
      }
    }
    for (const [, p] of fileProblems.sort(([a], [b]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2])) problems.push(p);

    let infFiles: string[] = [];
    try {
      const listed = listTypedSync(root, INF_DIR)?.map((e) => e.name);
      if (listed === undefined) problems.push(`${INF_DIR}: missing`);
      infFiles = listed ?? [];
    } catch (error) {
      problems.push(`${INF_DIR}: ${(error as Error).message}`);
    }
    // Names compared without regard to case; the exact name tried first (10,000 packages, 20,000 files in Windows\INF).
    const published = new Set<string>();
    const folders = new Set<string>();
    for (const r of packages) {
      published.add(r[1]);
      published.add(r[1].toLowerCase());
      folders.add(r[2]);
      folders.add(r[2].toLowerCase());
    }
    const OEM = /^oem\d+\.inf$/i;
    for (const name of infFiles) {
      if (OEM.test(name) && !published.has(name) && !published.has(name.toLowerCase())) problems.push(`${INF_DIR}/${name}: published INF with no driver store entry`);
    }
    let present: Set<string> | undefined;
    const exact = new Set(infFiles);
    const unpublished: [number, string][] = [];
    for (const r of packages) {
      if (r[3] === 1 || exact.has(r[1])) continue;
      present ??= new Set(infFiles.map((n) => n.toLowerCase()));
      if (!present.has(r[1].toLowerCase())) unpublished.push([r[0], `${INF_DIR}/${r[1]}: missing (driver store entry ${r[2]})`]);
    }
    for (const [, p] of unpublished.sort((a, b) => a[0] - b[0])) problems.push(p);
    for (const dir of storeDirs) if (!folders.has(dir) && !folders.has(dir.toLowerCase())) problems.push(`${STORE_DIR}/${dir}: driver store folder that no package owns`);

    if (dirty && state instanceof LazyState) await writeAtomic(root, CACHE, cacheText(buckets.items), 'repair', 'verify cache').catch(() => undefined);
    if (state instanceof LazyState) await state.writeBackRestored();
    return { problems, checkedFiles, hashedFiles, packages: packages.length };
  }, 'target verify');
}
/**
 * The packages and files buckets: each one whose file is unchanged since the
 * cache was written (size, modification time, inode) from the cache; the others
 * read (validated, or restored from their committed copy), their files' matches
 * carried over where path and hash are the same.
 */
function readBuckets(root: string, state: LazyState, before: LoadedCache, full: boolean, now: number): { items: Map<string, BucketItems>; changed: boolean } {
  const items = new Map<string, BucketItems>();
  let changed = false;
  for (const name of ['packages', 'files'] as const) {
    const rel = `${RECORDS_DIR}/${name}`;
    let names: string[] = [];
    let entries: Entry[] = [];
    try {
      names = (listTypedSync(root, rel, 'target state') ?? []).map((e) => e.name).filter((n) => BUCKET_FILE.test(n));
      entries = lookEntriesSync(root, partsOf(rel).join('/'), names, 'target state') ?? [];
    } catch {
      // an odd records folder: every bucket read through the state's reader, which says what is wrong
      names = [];
    }
    if (names.length === 0) {
      // Nothing listed (or the folder is odd): the state's reader decides what the collection holds.
      const all = (name === 'packages' ? state.packages : state.files) as unknown[];
      const id = `${name}/*`;
      items.set(
        id,
        itemsFromRecords(
          name,
          all.map((r, i) => [i, r] as [number, unknown]),
          before.buckets.get(id),
          null,
          before.legacy,
        ),
      );
      changed = true;
      continue;
    }
    for (let i = 0; i < names.length; i++) {
      const bucket = BUCKET_FILE.exec(names[i]!)![1]!;
      const id = `${name}/${bucket}`;
      const e = entries[i]!;
      const sig: BucketItems['sig'] = e.kind === 'file' && now - e.mtimeMs > RACY_MS ? [e.size, e.mtimeMs, e.ino] : null;
      const cached = before.buckets.get(id);
      if (!full && sig && cached?.sig && cached.sig[0] === sig[0] && cached.sig[1] === sig[1] && cached.sig[2] === sig[2]) {
        items.set(id, cached);
        continue;
      }
      changed = true;
      items.set(id, itemsFromRecords(name, state.readBucket(name, bucket).entries, cached, sig, before.legacy));
    }
  }
  return { items, changed };
}

/** A one-document state (read-only, before its migration): one "bucket" each, the matches of an earlier version's cache taken over. */
function bucketsOfDocument(state: MachineState, legacy?: Legacy): { items: Map<string, BucketItems>; changed: boolean } {
  const numbered = (records: readonly unknown[]) => records.map((r, i) => [i, r] as [number, unknown]);
  const items = new Map<string, BucketItems>([
    ['packages/*', itemsFromRecords('packages', numbered(state.packages), undefined, null, legacy)],
    ['files/*', itemsFromRecords('files', numbered(state.files), undefined, null, legacy)],
  ]);
  return { items, changed: true };
}

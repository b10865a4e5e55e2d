// `target verify`: the consistency check. Every file the state vouches for
// exists with its recorded SHA-256, every driver store entry is complete, and
// every published oemN.inf in Windows\INF maps to a store entry (and back).
// Files are read through the jail layer: a link or a FIFO where a file belongs
// is a problem to report, never followed or opened. A file whose size and
// modification time are those it had when it last matched (.wdksim/verify.cache)
// is not hashed again; --full hashes every file.
import { TargetError } from '../errors.js';
import { listDir, lookEntrySync, readRegular, writeAtomic } from './fs/jail.js';
import { INF_DIR, STORE_DIR } from './layout.js';
import { readState, sha256, type Target } from './target.js';
import { LazyState } from './lazy-state.js';

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
/** A file changed within this many ms of the run could change again in the same mtime tick: not cached. */
const RACY_MS = 2000;

type CacheEntry = [size: number, mtimeMs: number, sha256: string];

/** The cache and its text as read (an unchanged cache is not written again: 50,000 entries at 10,000 packages). */
async function loadCache(root: string): Promise<{ cache: Map<string, CacheEntry>; text: string }> {
  try {
    const text = (await readRegular(root, CACHE, 'verify cache'))?.toString('utf8') ?? '';
    const data = text ? (JSON.parse(text) as Record<string, CacheEntry>) : {};
    return { cache: new Map(Object.entries(data).filter(([, v]) => Array.isArray(v) && v.length === 3)), text };
  } catch {
    return { cache: new Map(), text: '' }; // damaged or odd: hash everything
  }
}

const KIND: Record<string, string> = { dir: 'a folder', link: 'a symbolic link', other: 'a FIFO, socket or device file' };

export async function verifyTarget(target: Target, options: VerifyOptions = {}): Promise<VerifyResult> {
  return target.withLock(async () => {
    const root = target.root;
    const state = await readState(root, { restore: true });
    const { cache, text: cacheText } = options.full ? { cache: new Map<string, CacheEntry>(), text: '' } : await loadCache(root);
    const next: Record<string, CacheEntry> = {};
    const problems: string[] = [];
    let checkedFiles = 0;
    let hashedFiles = 0;
    const now = Date.now();
    const checkedFolders = new Set<string>(); // folders checked once per run (read-only)
    const check = async (rel: string, expected: string, what: string) => {
      checkedFiles++;
      try {
        const e = lookEntrySync(root, rel, what, checkedFolders);
        if (e.kind === 'missing') return void problems.push(`${rel}: missing (${what})`);
        if (e.kind !== 'file') return void problems.push(`${rel}: is ${KIND[e.kind]}, not the file the state vouches for (${what}); not followed or opened`);
        const c = cache.get(rel);
        let actual: string | undefined;
        if (c && c[0] === e.size && c[1] === e.mtimeMs && c[2] === expected) actual = expected;
        else {
          const bytes = await readRegular(root, rel, what);
          if (!bytes) return void problems.push(`${rel}: missing (${what})`);
          hashedFiles++;
          actual = sha256(bytes);
        }
        if (actual !== expected) return void problems.push(`${rel}: content changed (${what}; SHA-256 ${actual.slice(0, 16)}..., recorded ${expected.slice(0, 16)}...)`);
        if (now - e.mtimeMs > RACY_MS) next[rel] = [e.size, e.mtimeMs, expected];
      } catch (error) {
        if (!(error instanceof TargetError)) throw error;
        problems.push(`${rel}: ${error.message}`);
      }
    };
    for (const pkg of state.packages) {
      if (pkg.inbox) continue;
      for (const f of pkg.files) await check(`${STORE_DIR}/${pkg.storeFolder}/${f.path}`, f.sha256, `driver store entry of ${pkg.publishedName}`);
    }
    for (const f of state.files) await check(f.path, f.sha256, 'recorded by the target state');
    let infFiles: string[] = [];
    try {
      const listed = await listDir(root, INF_DIR);
      if (listed === undefined) problems.push(`${INF_DIR}: missing`);
      infFiles = listed ?? [];
    } catch (error) {
      problems.push(`${INF_DIR}: ${(error as Error).message}`);
    }
    const published = new Set(state.packages.map((p) => p.publishedName.toLowerCase()));
    for (const name of infFiles) {
      if (/^oem\d+\.inf$/i.test(name) && !published.has(name.toLowerCase())) problems.push(`${INF_DIR}/${name}: published INF with no driver store entry`);
    }
    const present = new Set(infFiles.map((n) => n.toLowerCase()));
    for (const pkg of state.packages) {
      if (!pkg.inbox && !present.has(pkg.publishedName.toLowerCase())) problems.push(`${INF_DIR}/${pkg.publishedName}: missing (driver store entry ${pkg.storeFolder})`);
    }
    let storeDirs: string[] = [];
    try {
      storeDirs = (await listDir(root, STORE_DIR)) ?? [];
    } catch (error) {
      problems.push(`${STORE_DIR}: ${(error as Error).message}`);
    }
    const folders = new Set(state.packages.map((p) => p.storeFolder.toLowerCase()));
    for (const dir of storeDirs) if (!folders.has(dir.toLowerCase())) problems.push(`${STORE_DIR}/${dir}: driver store folder that no package owns`);
    const nextText = JSON.stringify(next);
    if (nextText !== cacheText) await writeAtomic(root, CACHE, nextText, 'repair', 'verify cache').catch(() => undefined);
    if (state instanceof LazyState) await state.writeBackRestored();
    return { problems, checkedFiles, hashedFiles, packages: state.packages.length };
  }, 'target verify');
}

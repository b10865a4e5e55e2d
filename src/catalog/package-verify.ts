// Re-hashes a package folder against a catalog: every member matching,
// mismatching or missing, and every package file the catalog does not list.
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { hashFile } from './hash.js';
import type { CatalogInfo, CatalogMember } from './read.js';

export type PackageEntryStatus = 'match' | 'mismatch' | 'missing' | 'extra';

export interface PackageEntry {
  status: PackageEntryStatus;
  /** Member file name (lower-case, as stored) or, for extra files, the package-relative path. */
  name: string;
  /** Package-relative path of the file compared, '/'-separated. */
  file?: string;
  member?: CatalogMember;
  /** Digest computed for the file, in the member's algorithm. */
  computed?: Buffer;
  isPe?: boolean;
}

async function listFiles(base: string): Promise<string[]> {
  // A queue of folders, not recursion: neither deep trees nor many files grow the stack.
  const out: string[] = [];
  const folders = [base];
  for (let i = 0; i < folders.length; i++) {
    for (const entry of await readdir(folders[i]!, { withFileTypes: true })) {
      const full = join(folders[i]!, entry.name);
      if (entry.isDirectory()) folders.push(full);
      else if (entry.isFile()) out.push(relative(base, full).split(sep).join('/'));
    }
  }
  return out.sort();
}

const baseName = (rel: string): string => rel.slice(rel.lastIndexOf('/') + 1);

/** Catalogs and signing material sit beside packages but are never catalog members. */
const NOT_MEMBERS = /\.(cat|cer|crt|pfx|p12|pem|pvk|spc)$/i;

/** Compares the files of `dir` (recursively; catalogs and certificate files skipped) with the catalog's members. */
export async function verifyPackageAgainstCatalog(info: CatalogInfo, dir: string): Promise<PackageEntry[]> {
  const files = (await listFiles(dir)).filter((f) => !NOT_MEMBERS.test(f));
  const digests = new Map<string, { sha1: Buffer; sha256: Buffer; isPe: boolean }>();
  for (const f of files) {
    const d = await hashFile(join(dir, f), { algorithms: ['sha1', 'sha256'] });
    digests.set(f, { sha1: d.sha1!, sha256: d.sha256!, isPe: d.isPe });
  }
  const used = new Set<string>();
  const entries: PackageEntry[] = [];
  const members = info.members.filter((m) => !m.shadow && m.digest);
  const digestOf = (f: string, m: CatalogMember) => (m.hashAlgorithm === 'sha1' ? digests.get(f)!.sha1 : digests.get(f)!.sha256);
  // Members are matched by digest, as Windows looks a file up by its hash: a file
  // renamed by CopyFiles (File = the destination name) still matches. A file of
  // the member's name that is not yet matched (same name first) is preferred
  // when several files have the same content.
  const pending: CatalogMember[] = [];
  for (const m of members) {
    const named = (f: string) => m.fileName !== undefined && baseName(f).toLowerCase() === m.fileName.toLowerCase();
    const equal = files.filter((f) => !used.has(f) && digestOf(f, m).equals(m.digest!));
    const hit = equal.find(named) ?? equal[0] ?? files.find((f) => digestOf(f, m).equals(m.digest!));
    if (hit) {
      used.add(hit);
      entries.push({ status: 'match', name: m.fileName ?? m.tag, file: hit, member: m, computed: digestOf(hit, m), isPe: digests.get(hit)!.isPe });
    } else pending.push(m);
  }
  // A member no file matches: a changed file of its name, or missing.
  for (const m of pending) {
    const name = m.fileName ?? m.tag;
    const byName = m.fileName ? files.filter((f) => !used.has(f) && baseName(f).toLowerCase() === m.fileName!.toLowerCase()) : [];
    if (byName.length) {
      used.add(byName[0]!);
      entries.push({ status: 'mismatch', name, file: byName[0], member: m, computed: digestOf(byName[0]!, m), isPe: digests.get(byName[0]!)!.isPe });
    } else {
      entries.push({ status: 'missing', name, member: m });
    }
  }
  for (const f of files) if (!used.has(f)) entries.push({ status: 'extra', name: f, file: f, isPe: digests.get(f)!.isPe });
  return entries;
}

// The jail. Every path an INF, a package or a command names is turned into
// clean components, checked, and resolved case-insensitively against what is
// on disk, and the result must stay inside its root (the target, or a package
// folder) even through symbolic links. Nothing is read or written before that.
import { hostLstat as lstat, hostReaddir as readdir, hostRealpath as realpath } from './fs/host.js';
import { join, sep } from 'node:path';
import { TargetError } from '../errors.js';

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
// eslint-disable-next-line no-control-regex
const BAD_CHARS = /[\u0000-\u001f<>:"|?*]/;

/** Why a single path component is not a valid Windows file name, or undefined if it is. */
export function componentProblem(name: string): string | undefined {
  if (name.includes('\0')) return 'contains a NUL character';
  if (name === '..') return 'climbs out with ".."';
  if (name === '.' || name === '') return 'has an empty component';
  if (BAD_CHARS.test(name)) return `contains a character Windows does not allow in file names`;
  if (RESERVED.test(name)) return `uses the reserved device name "${name.split('.')[0]}"`;
  if (/[. ]$/.test(name)) return 'ends with a dot or a space';
  if (name.length > 255) return 'has a component longer than 255 characters';
  return undefined;
}

/**
 * Splits a relative path (either separator) into checked components.
 * Absolute paths, drive letters, UNC and device paths are refused.
 */
export function splitRelative(path: string, what: string): string[] {
  if (path.includes('\0')) throw new TargetError(`${what} "${path.replace(/\0/g, '\\0')}" contains a NUL character; refused`);
  if (/^[a-z]:/i.test(path) || path.startsWith('\\') || path.startsWith('/')) {
    throw new TargetError(`${what} "${path}" is an absolute path; only relative paths that stay inside (the package or the target) are allowed; refused`);
  }
  const parts = path.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  if (parts.length === 0) throw new TargetError(`${what} "${path}" names no file`);
  for (const part of parts) {
    const problem = componentProblem(part);
    if (problem) throw new TargetError(`${what} "${path}" ${problem}; refused (the target is a jail: nothing outside it is touched)`);
  }
  return parts;
}

/**
 * A Windows path on the target's system drive (C:\Windows\System32\drivers\x.sys)
 * as target-relative components. Anything not on C: is refused.
 */
export function windowsPathToComponents(winPath: string, what: string): string[] {
  const m = /^c:(?:[\\/]+|$)(.*)$/i.exec(winPath);
  if (!m) throw new TargetError(`${what} "${winPath}" is not on the target's system drive C:; refused (the target is a jail)`);
  return splitRelative(m[1] ?? '', what);
}

/**
 * Case-insensitive name lookup in one directory; undefined when absent. The
 * folder is listed once per cache (a transaction): lower-case name → entry, and
 * the names that differ only in case from another entry (possible on a
 * case-sensitive host) kept apart, so an exact match still wins and otherwise
 * the choice among them is stable (the least in code-unit order, as a sorted
 * listing would give). No sort and one map entry per name: Windows\INF holds
 * 30,000 entries at 10,000 packages.
 */
async function findEntry(dir: string, name: string, cache?: Map<string, Map<string, string>>): Promise<string | undefined> {
  let names = cache?.get(dir);
  if (!names) {
    names = new Map();
    try {
      for (const entry of await readdir(dir)) {
        const lower = entry.toLowerCase();
        const prev = names.get(lower);
        if (prev === undefined) names.set(lower, entry);
        else {
          // Names differing only in case: each is also found by its exact spelling.
          names.set(`\0${prev}`, prev);
          names.set(`\0${entry}`, entry);
          if (entry < prev) names.set(lower, entry);
        }
      }
    } catch {
      // missing directory: nothing inside it
    }
    cache?.set(dir, names);
  }
  const lower = name.toLowerCase();
  const found = names.get(lower);
  // An exact match wins over a case-insensitive one.
  if (found === undefined || found === name) return found;
  return names.get(`\0${name}`) ?? found;
}

export interface Resolved {
  /** Host path. */
  abs: string;
  /** Components as they exist on disk (case of existing entries kept). */
  parts: string[];
  exists: boolean;
}

/**
 * Resolves checked components under root, matching existing names without
 * regard to case, and refuses any existing component that is a symbolic link
 * leading outside root (`links: 'none'`, used for the target: any link at all).
 */
export async function resolveInside(root: string, parts: string[], what: string, cache?: Map<string, Map<string, string>>, links: 'inside' | 'none' = 'inside'): Promise<Resolved> {
  const realRoot = await realpath(root);
  let dir = root;
  const actual: string[] = [];
  let exists = true;
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i]!;
    const found = exists ? await findEntry(dir, name, cache) : undefined;
    if (found === undefined) {
      exists = false;
      actual.push(name);
      dir = join(dir, name);
      continue;
    }
    actual.push(found);
    dir = join(dir, found);
    const info = await lstat(dir);
    if (info.isSymbolicLink() && links === 'none') {
      throw new TargetError(`${what}: "${actual.join('\\')}" is a symbolic link; refused (the target is a jail: links are never followed)`);
    }
    if (info.isSymbolicLink()) {
      let real: string;
      try {
        real = await realpath(dir);
      } catch {
        throw new TargetError(`${what}: "${actual.join('\\')}" is a broken symbolic link; refused`);
      }
      if (real !== realRoot && !real.startsWith(realRoot + sep)) {
        throw new TargetError(`${what}: "${actual.join('\\')}" is a symbolic link that leads outside ${root}; refused (the target is a jail)`);
      }
    }
  }
  return { abs: dir, parts: actual, exists };
}

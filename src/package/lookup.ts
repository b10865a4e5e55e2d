// Windows file names are case-insensitive: find `a\B\c.SYS` inside a package
// on any host OS, whatever case the files were written with on disk.
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

/** #plainFile's answer when the name is not a plain file the listing vouches for. */
const NOT_PLAIN = Symbol('not a plain file');

export class CaseInsensitiveFs {
  readonly #listings = new Map<string, Map<string, string> | null>();
  /** Full paths the directory listing already showed to be regular files (no stat needed). */
  readonly #plainFiles = new Set<string>();
  /** Answers already given: a package names the same file once per architecture. */
  readonly #resolved = new Map<string, string | undefined>();
  /** Folder paths (relative, as written) already walked: their full path, or null when missing. */
  readonly #folders = new Map<string, string | null>();

  constructor(readonly root: string) {}

  #list(dir: string): Map<string, string> | null {
    let listing = this.#listings.get(dir);
    if (listing === undefined) {
      try {
        listing = new Map();
        // Sorted so an exact-case match is preferred when two names differ only in case.
        for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
          const lower = entry.name.toLowerCase();
          if (listing.has(lower)) continue;
          listing.set(lower, entry.name);
          if (entry.isFile()) this.#plainFiles.add(join(dir, entry.name));
        }
      } catch {
        listing = null;
      }
      this.#listings.set(dir, listing);
    }
    return listing;
  }

  /**
   * Resolves a path relative to the root, written with `\` or `/`, to the real
   * path on disk; undefined when any component is missing. `..` and `.` are
   * honoured but the result never leaves the root.
   */
  resolve(relative: string, options: { directory?: boolean } = {}): string | undefined {
    // The common case, a plain file in a folder: the folder resolved once for all
    // its files, the file found in its listing; no cache entry, no stat.
    if (!options.directory) {
      const found = this.#plainFile(relative);
      if (found !== NOT_PLAIN) return found;
    }
    const key = `${options.directory ? 'd' : 'f'}:${relative}`;
    if (this.#resolved.has(key)) return this.#resolved.get(key);
    const parts = relative.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
    const dir = this.#walk(parts);
    const found = dir === undefined ? undefined : this.#check(dir, options);
    this.#resolved.set(key, found);
    return found;
  }

  /** The full path of a plain file the listing shows, undefined when missing, NOT_PLAIN when the general walk must decide. */
  #plainFile(relative: string): string | undefined | typeof NOT_PLAIN {
    const cut = Math.max(relative.lastIndexOf('/'), relative.lastIndexOf('\\'));
    const last = relative.slice(cut + 1);
    if (last === '' || last === '.' || last === '..') return NOT_PLAIN;
    const folderText = cut < 0 ? '' : relative.slice(0, cut);
    let dir = this.#folders.get(folderText);
    if (dir === undefined) {
      dir = this.#walk(folderText.split(/[\\/]+/).filter((p) => p !== '' && p !== '.')) ?? null;
      this.#folders.set(folderText, dir);
    }
    if (dir === null) return undefined;
    const actual = this.#list(dir)?.get(last.toLowerCase());
    if (actual === undefined) return undefined;
    // join(dir, actual) for a plain name, without path.join's normalising pass.
    const full = dir.endsWith(sep) ? dir + actual : dir + sep + actual;
    return this.#plainFiles.has(full) ? full : NOT_PLAIN;
  }

  #walk(parts: string[]): string | undefined {
    // The folders walked so far, each a full path as join() writes it (the listing keys).
    const dirs: string[] = [join(this.root)];
    for (const part of parts) {
      if (part === '..') {
        if (dirs.length === 1) return undefined;
        dirs.pop();
        continue;
      }
      const dir = dirs[dirs.length - 1]!;
      const listing = this.#list(dir);
      if (!listing) return undefined;
      const actual = listing.get(part.toLowerCase());
      if (actual === undefined) return undefined;
      dirs.push(join(dir, actual));
    }
    return dirs[dirs.length - 1]!;
  }

  /** `full` when it is a file (or, asked for, a directory); the listing already vouches for plain files. */
  #check(full: string, options: { directory?: boolean }): string | undefined {
    if (!options.directory && this.#plainFiles.has(full)) return full;
    try {
      const stats = statSync(full);
      if (options.directory ? !stats.isDirectory() : !stats.isFile()) return undefined;
    } catch {
      return undefined;
    }
    return full;
  }

  /** Every entry of the root directory whose name ends with the extension (case-insensitive). */
  filesWithExtension(ext: string): string[] {
    const listing = this.#list(this.root);
    if (!listing) return [];
    const wanted = ext.toLowerCase();
    return [...listing.values()].filter((name) => name.toLowerCase().endsWith(wanted) && this.resolve(name) !== undefined);
  }
}

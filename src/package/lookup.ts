// Windows file names are case-insensitive: find `a\B\c.SYS` inside a package
// on any host OS, whatever case the files were written with on disk.
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

export class CaseInsensitiveFs {
  readonly #listings = new Map<string, Map<string, string> | null>();
  /** Full paths the directory listing already showed to be regular files (no stat needed). */
  readonly #plainFiles = new Set<string>();
  /** Answers already given: a package names the same file once per architecture. */
  readonly #resolved = new Map<string, string | undefined>();
  /** Folder paths (relative, lower case) already walked: their full path, or null when missing. */
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
    const key = `${options.directory ? 'd' : 'f'}:${relative}`;
    if (this.#resolved.has(key)) return this.#resolved.get(key);
    const found = this.#resolve(relative, options);
    this.#resolved.set(key, found);
    return found;
  }

  #resolve(relative: string, options: { directory?: boolean }): string | undefined {
    const parts = relative.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
    const last = parts[parts.length - 1];
    if (last !== undefined && last !== '..') {
      // The common case, a file in a folder: the folder is resolved once for all its files.
      const dir = this.#folder(parts.slice(0, -1));
      if (dir === undefined) return undefined;
      const actual = this.#list(dir)?.get(last.toLowerCase());
      if (actual === undefined) return undefined;
      // join(dir, actual) for a plain name, without path.join's normalising pass.
      return this.#check(dir.endsWith(sep) ? dir + actual : dir + sep + actual, options);
    }
    const dir = this.#folder(parts);
    return dir === undefined ? undefined : this.#check(dir, options);
  }

  /** The full path (as join() writes it) of the folder the parts lead to, or undefined. */
  #folder(parts: string[]): string | undefined {
    const key = parts.join('/').toLowerCase();
    if (this.#folders.has(key)) return this.#folders.get(key) ?? undefined;
    const found = this.#walk(parts);
    this.#folders.set(key, found ?? null);
    return found;
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

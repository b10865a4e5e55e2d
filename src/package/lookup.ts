// Windows file names are case-insensitive: find `a\B\c.SYS` inside a package
// on any host OS, whatever case the files were written with on disk.
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

/** #plainFile's answer when the name is not a plain file the listing vouches for. */
const NOT_PLAIN = Symbol('not a plain file');

/** One name of a directory listing: as on disk, whether it is a regular file, and its full path once asked. */
interface ListedName {
  name: string;
  plain: boolean;
  full?: string;
}

export class CaseInsensitiveFs {
  readonly #listings = new Map<string, Map<string, ListedName> | null>();
  /** Answers already given: a package names the same file once per architecture. */
  readonly #resolved = new Map<string, string | undefined>();
  /** Folder paths (relative, as written) already walked: their full path, or null when missing. */
  readonly #folders = new Map<string, string | null>();

  constructor(readonly root: string) {}

  #list(dir: string): Map<string, ListedName> | null {
    let listing = this.#listings.get(dir);
    if (listing === undefined) {
      try {
        listing = new Map();
        // When two names differ only in case, the smaller one (code-unit order) wins, so an
        // exact-case match is preferred, as a sorted listing's first would be; no sort of the whole folder.
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const lower = entry.name.toLowerCase();
          const held = listing.get(lower);
          if (held !== undefined && held.name < entry.name) continue;
          listing.set(lower, { name: entry.name, plain: entry.isFile() });
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
    const walked = this.#walk(parts);
    const found = walked === undefined ? undefined : this.#check(walked, options);
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
      dir = this.#walk(folderText.split(/[\\/]+/).filter((p) => p !== '' && p !== '.'))?.path ?? null;
      this.#folders.set(folderText, dir);
    }
    if (dir === null) return undefined;
    const listed = this.#list(dir)?.get(last.toLowerCase());
    if (listed === undefined) return undefined;
    if (!listed.plain) return NOT_PLAIN;
    // join(dir, name) for a plain name, without path.join's normalising pass; made once per file.
    return (listed.full ??= dir.endsWith(sep) ? dir + listed.name : dir + sep + listed.name);
  }

  /** The full path the parts lead to, and how its folder's listing shows it (undefined for the root). */
  #walk(parts: string[]): { path: string; listed: ListedName | undefined } | undefined {
    // The folders walked so far, each a full path as join() writes it (the listing keys), and their listing entries.
    const dirs: string[] = [join(this.root)];
    const entries: (ListedName | undefined)[] = [undefined];
    for (const part of parts) {
      if (part === '..') {
        if (dirs.length === 1) return undefined;
        dirs.pop();
        entries.pop();
        continue;
      }
      const dir = dirs[dirs.length - 1]!;
      const listing = this.#list(dir);
      if (!listing) return undefined;
      const listed = listing.get(part.toLowerCase());
      if (listed === undefined) return undefined;
      dirs.push(join(dir, listed.name));
      entries.push(listed);
    }
    return { path: dirs[dirs.length - 1]!, listed: entries[entries.length - 1] };
  }

  /** The path when it is a file (or, asked for, a directory); the listing already vouches for plain files. */
  #check({ path, listed }: { path: string; listed: ListedName | undefined }, options: { directory?: boolean }): string | undefined {
    if (!options.directory && listed?.plain) return path;
    try {
      const stats = statSync(path);
      if (options.directory ? !stats.isDirectory() : !stats.isFile()) return undefined;
    } catch {
      return undefined;
    }
    return path;
  }

  /** Every entry of the root directory whose name ends with the extension (case-insensitive). */
  filesWithExtension(ext: string): string[] {
    const listing = this.#list(this.root);
    if (!listing) return [];
    const wanted = ext.toLowerCase();
    // In code-unit order, as the listing was once kept.
    return [...listing.values()]
      .map((listed) => listed.name)
      .filter((name) => name.toLowerCase().endsWith(wanted) && this.resolve(name) !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

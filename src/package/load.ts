// A driver package on disk: a directory and the INF files at its top level
// (Inf2Cat makes one catalog per INF; wdk-tools.md §3.3).
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { InputError, describeFsError } from '../errors.js';
import type { InfDocument } from '../inf/document.js';
import { parseInf } from '../inf/parse.js';
import { CaseInsensitiveFs } from './lookup.js';

export interface PackageInf {
  /** File name as on disk (e.g. KmdfHelloWorld.inf). */
  name: string;
  /** Full path. */
  path: string;
  doc: InfDocument;
}

export interface DriverPackage {
  /** Full path of the package directory. */
  dir: string;
  /** The INFs, sorted by name (case-insensitive). */
  infs: PackageInf[];
  fs: CaseInsensitiveFs;
}

/** Reads every `*.inf` (any case) in the directory. Throws InputError when the directory cannot be read. */
export async function loadPackage(dir: string): Promise<DriverPackage> {
  try {
    const stats = await stat(dir);
    if (!stats.isDirectory()) throw new InputError(`${dir}: is not a directory; /driver: names the package folder that holds the INF`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(describeFsError(error, dir));
  }
  const fs = new CaseInsensitiveFs(dir);
  const names = fs.filesWithExtension('.inf').sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  const infs: PackageInf[] = [];
  for (const name of names) {
    const path = join(dir, name);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new InputError(describeFsError(error, path));
    }
    infs.push({ name, path, doc: parseInf(bytes, { file: path }) });
  }
  return { dir, infs, fs };
}

/** How Inf2Cat names an INF in its messages: `<package folder>\<inf name in lower case>`. */
export function infRef(pkg: DriverPackage, inf: PackageInf): string {
  return `${basename(pkg.dir)}\\${inf.name.toLowerCase()}`;
}

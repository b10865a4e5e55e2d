// /output-file [<file>] of /enum-containers: the report goes to a file in the
// current directory (or a folder below it) that the user named, written
// atomically (the file-system layer's writeUserFile: a temporary file renamed over the target).
// A name that would land outside the current directory (an absolute path, a
// drive path, `..`, or a symbolic link leading out) is refused, as is an
// existing symbolic link at the file itself; no folder is created.
import { lstat, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { writeUserFile } from '../fs/host-write.js';

export type OutputFormat = 'txt' | 'xml' | 'csv';

export class OutputFileError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** ERROR_PATH_NOT_FOUND and ERROR_ACCESS_DENIED, as CreateFile reports them. */
const PATH_NOT_FOUND = 3;
const ACCESS_DENIED = 5;

export function defaultOutputName(format: OutputFormat): string {
  return `enum-containers.${format}`;
}

function inside(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Where the file goes on this host, or why it may not go there (a one-line message naming the fix). */
export async function resolveOutputFile(cwd: string, name: string): Promise<string> {
  const normal = sep === '/' ? name.replace(/\\/g, '/') : name;
  if (/^[A-Za-z]:/.test(name) || isAbsolute(normal) || !inside(cwd, resolve(cwd, normal))) {
    throw new OutputFileError(`The output file must be inside the current directory: give a relative name such as ${defaultOutputName('xml')} instead of ${name}.`, ACCESS_DENIED);
  }
  const path = resolve(cwd, normal);
  let realDir: string;
  try {
    realDir = await realpath(dirname(path));
  } catch {
    throw new OutputFileError(`The system cannot find the path specified: ${dirname(normal)} (create the folder first).`, PATH_NOT_FOUND);
  }
  if (!inside(await realpath(cwd), resolve(realDir, 'x'))) {
    throw new OutputFileError(`The output file must be inside the current directory: ${name} leads outside it through a symbolic link.`, ACCESS_DENIED);
  }
  const info = await lstat(path).catch(() => undefined);
  if (info?.isSymbolicLink()) throw new OutputFileError(`The output file ${name} is a symbolic link: remove it or choose another name.`, ACCESS_DENIED);
  if (info?.isDirectory()) throw new OutputFileError(`The output file ${name} is a directory: choose a file name.`, ACCESS_DENIED);
  return path;
}

export async function writeOutputFile(path: string, text: string): Promise<void> {
  try {
    await writeUserFile(path, text);
  } catch (error) {
    throw new OutputFileError(`Access is denied: ${(error as Error).message}`, ACCESS_DENIED);
  }
}

// INF paths as scripts give them to devcon and pnputil: host paths, Windows
// relative paths with backslashes, or C:\ paths on the target's system drive.
// A path inside the target is echoed the way Windows prints it (C:\...).
import { hostReaddir as readdir } from './fs/host.js';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface ResolvedPath {
  /** Where the file is on this host. */
  host: string;
  /** The full path devcon echoes: C:\... inside the target, else the host path. */
  display: string;
}

/** Joins target-relative segments onto root, matching each existing segment case-insensitively. */
async function caseInsensitiveJoin(root: string, parts: readonly string[]): Promise<string> {
  let current = root;
  for (const part of parts) {
    let entries: string[] = [];
    try {
      entries = await readdir(current);
    } catch {
      entries = [];
    }
    const found = entries.find((e) => e === part) ?? entries.find((e) => e.toLowerCase() === part.toLowerCase());
    current = join(current, found ?? part);
  }
  return current;
}

function insideRoot(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel;
}

export async function resolveUserPath(cwd: string, targetRoot: string | undefined, arg: string): Promise<ResolvedPath> {
  const drive = /^([A-Za-z]):[\\/](.*)$/.exec(arg);
  if (drive && targetRoot) {
    // The target's system drive is C:; its root is the target directory.
    const parts = drive[2]!.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
    const stack: string[] = [];
    for (const p of parts) {
      if (p === '..') stack.pop();
      else stack.push(p);
    }
    const host = await caseInsensitiveJoin(targetRoot, stack);
    return { host, display: `C:\\${stack.join('\\')}` };
  }
  // On a POSIX host a backslash in a path is a Windows separator.
  const normal = sep === '/' ? arg.replace(/\\/g, '/') : arg;
  const host = resolve(cwd, normal);
  const rel = targetRoot ? insideRoot(targetRoot, host) : undefined;
  return { host, display: rel ? `C:\\${rel.split(sep).join('\\')}` : host };
}

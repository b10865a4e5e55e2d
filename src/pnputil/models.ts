// INF path patterns with wildcards, as `/add-driver` takes them. (Which devices a
// package is installed on is the PnP engine's: src/pnp/driver-install.ts.)
import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { resolveUserPath } from '../machine/user-paths.js';

function wildcardRegex(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** The INF files a `/add-driver` argument names: one path, or a wildcard in its last component, optionally in subdirectories too. */
export async function expandInfPattern(cwd: string, arg: string, subdirs: boolean, targetRoot?: string): Promise<{ files: string[]; pattern: boolean }> {
  const full = (await resolveUserPath(cwd, targetRoot, arg)).host;
  const name = basename(full);
  const pattern = /[*?]/.test(name);
  if (!pattern && !subdirs) return { files: [full], pattern: false };
  const re = wildcardRegex(name);
  const files: string[] = [];
  const walk = async (dir: string, deep: boolean): Promise<void> => {
    let entries: string[];
    try {
      entries = (await readdir(dir)).sort();
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry);
      let info;
      try {
        info = await stat(path);
      } catch {
        continue;
      }
      if (info.isDirectory()) {
        if (deep && !(await lstat(path)).isSymbolicLink()) await walk(path, deep); // guard: a linked folder can loop
      } else if (info.isFile() && re.test(entry)) {
        // guard: a FIFO named *.inf would block the read
        files.push(path);
      }
    }
  };
  await walk(dirname(full), subdirs);
  return { files, pattern: true };
}

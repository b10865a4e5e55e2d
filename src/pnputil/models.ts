// The device IDs a driver package offers on a machine (its Models sections for
// the machine's architecture and build), so `/add-driver /install` can find
// the present devices it may update; and INF path patterns with wildcards.
import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { resolveUserPath } from '../machine/user-paths.js';
import { readInfFile } from '../inf/parse.js';
import { selectModelsSections, type TargetOs } from '../inf/decorations.js';
import { readModelsEntry } from '../inf/hwid.js';

export async function offeredIds(infPath: string, os: TargetOs): Promise<string[]> {
  const doc = await readInfFile(infPath);
  const ids: string[] = [];
  for (const choice of selectModelsSections(doc, os)) {
    if (!choice.section) continue;
    const section = doc.section(choice.section);
    if (!section) continue;
    for (const entry of section.entries) {
      const model = readModelsEntry(entry.key, entry.fields);
      for (const id of [model.hardwareId, ...model.compatibleIds]) if (id && !ids.some((x) => x.toLowerCase() === id.toLowerCase())) ids.push(id);
    }
  }
  return ids;
}

function wildcardRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
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
      } else if (info.isFile() && re.test(entry)) { // guard: a FIFO named *.inf would block the read
        files.push(path);
      }
    }
  };
  await walk(dirname(full), subdirs);
  return { files, pattern: true };
}

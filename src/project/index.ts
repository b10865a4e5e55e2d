// readProject: a driver project (.vcxproj, wdksim.json, or a directory
// holding one) for one configuration and platform → ProjectSettings.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError, describeFsError } from '../errors.js';
import type { ProjectSettings } from './settings.js';
import { readVcxproj, type ReadOptions } from './vcxproj.js';
import { readWdksimJson } from './wdksim-json.js';

export * from './settings.js';
export type { ReadOptions } from './vcxproj.js';
export { wdksimJsonSchema, type WdksimJson } from './wdksim-json.js';

/** The project file PATH names: itself, or the one .vcxproj (else wdksim.json) in the directory. */
export function findProjectFile(path: string): string {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new InputError(describeFsError(error, path));
  }
  if (!stat.isDirectory()) return path;
  const names = readdirSync(path);
  const projects = names.filter((n) => /\.vcxproj$/i.test(n)).sort();
  if (projects.length === 1) return join(path, projects[0]!);
  if (projects.length > 1) throw new InputError(`${path}: holds several projects (${projects.join(', ')}); name the one to build`);
  const json = names.find((n) => n.toLowerCase() === 'wdksim.json');
  if (json) return join(path, json);
  throw new InputError(`${path}: no .vcxproj or wdksim.json here; pass a driver project or create wdksim.json (see docs/build.md)`);
}

export function readProject(path: string, options: ReadOptions = {}): ProjectSettings {
  const file = resolve(findProjectFile(path));
  if (/\.json$/i.test(file)) return readWdksimJson(file, options);
  return readVcxproj(file, options);
}

// What doctor looks at: the projects (.vcxproj, wdksim.json) named or found
// under the paths given, each read once per platform it declares, and each of
// their INF/INX items parsed for that platform; or, where no project is
// found, the INF/INX files themselves as standalone packages.
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, fsFailure } from '../errors.js';
import { parseArch, type Arch } from '../inf/arch.js';
import { manufacturerLines } from '../inf/decorations.js';
import { parseInf } from '../inf/parse.js';
import { findOsId, type OsId } from '../package/os-ids.js';
import { readProject, findProjectFile } from '../project/index.js';
import { normalizePlatform, platformArch, type ProjectSettings } from '../project/settings.js';
import { displayPath, readText, type TextFile } from './evidence.js';
import type { DoctorUnit } from './types.js';

/** A file doctor could not read: reported as a finding so a tree scan goes on. */
export interface LoadProblem {
  file: string;
  message: string;
}

export interface Loaded {
  units: DoctorUnit[];
  problems: LoadProblem[];
  /** Every project and INF looked at (display paths), for the summary. */
  inputs: string[];
}

const SKIP_DIRS = new Set(['.git', 'node_modules', '.vs', '.wdksim']);

function walk(dir: string, out: string[], match: (name: string) => boolean): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (SKIP_DIRS.has(name.toLowerCase())) continue;
    const abs = join(dir, name);
    let info;
    try {
      info = lstatSync(abs); // guard: a linked folder can loop (pkg/loop -> ..)
    } catch {
      continue;
    }
    if (info.isDirectory()) walk(abs, out, match);
    else if (info.isFile() && match(name)) out.push(abs); // guard: a FIFO named *.inf would block the read
  }
}

const isProject = (n: string): boolean => /\.vcxproj$/i.test(n) || n.toLowerCase() === 'wdksim.json';
const isInf = (n: string): boolean => /\.in[fx]$/i.test(n);

/** Projects and standalone INFs named by the paths (directories are searched). */
export function discover(paths: string[], cwd: string): { projects: string[]; infs: string[] } {
  const projects: string[] = [];
  const infs: string[] = [];
  for (const p of paths.length ? paths : ['.']) {
    const abs = resolve(cwd, p);
    let info;
    try {
      info = statSync(abs);
    } catch (error) {
      throw fsFailure(error, p);
    }
    if (info.isFile()) {
      if (isProject(basename(abs))) projects.push(abs);
      else if (isInf(basename(abs))) infs.push(abs);
      else if (/\.props$/i.test(abs))
        continue; // read through the projects that import it
      else throw new InputError(`${p}: not a driver project (.vcxproj, wdksim.json) or an INF/INX; pass a project, a folder or an INF`);
      continue;
    }
    const found: string[] = [];
    walk(abs, found, isProject);
    // A folder with a .vcxproj uses it; its wdksim.json is the same project's other spelling.
    const withVcxproj = new Set(found.filter((f) => /\.vcxproj$/i.test(f)).map((f) => dirname(f)));
    const chosen = found.filter((f) => /\.vcxproj$/i.test(f) || !withVcxproj.has(dirname(f)));
    if (chosen.length) projects.push(...chosen);
    else walk(abs, infs, isInf);
  }
  return { projects: [...new Set(projects)], infs: [...new Set(infs)] };
}

/** $ARCH$ (and the KMDF/UMDF version tokens) as StampInf would replace them, so decorations can be read. */
function stampTokens(text: string, arch: Arch, project?: ProjectSettings, kmdf?: string, umdf?: string): string {
  let out = text.replace(/\$ARCH\$/gi, arch);
  if (kmdf) out = out.replace(/\$KMDFVERSION\$/gi, kmdf);
  if (umdf) out = out.replace(/\$UMDFVERSION\$/gi, umdf);
  void project;
  return out;
}

function infUnitBase(path: string, cwd: string, arch: Arch, kmdf?: string, umdf?: string): DoctorUnit['inf'] {
  const bytes = readFileSync(path);
  const raw = parseInf(bytes, { file: displayPath(path, cwd) });
  const isInx = /\.inx$/i.test(path);
  const text = stampTokens(raw.text, arch, undefined, kmdf, umdf);
  const doc = text === raw.text ? raw : parseInf(text, { file: displayPath(path, cwd) });
  const file: TextFile = { path, display: displayPath(path, cwd), lines: raw.text.split(/\r?\n/) };
  return { file, doc, isInx };
}

function osIds(list: string[]): OsId[] {
  return list.map((id) => findOsId(id)).filter((o): o is OsId => o !== undefined);
}

/** The architectures an INF decorates its Models for (NTamd64...), amd64 when it names none. */
export function infArches(doc: DoctorUnit['inf']['doc']): Arch[] {
  const arches = new Set<Arch>();
  for (const line of manufacturerLines(doc)) for (const d of line.decorations) if (d.ok && d.value.arch) arches.add(d.value.arch);
  return arches.size ? [...arches] : ['amd64'];
}

function projectUnits(file: string, cwd: string, problems: LoadProblem[]): DoctorUnit[] {
  const first = readProject(file, {});
  const platforms = new Map<string, string>();
  for (const decl of first.declaredConfigurations) {
    const [config, plat] = decl.split('|');
    const p = plat ? normalizePlatform(plat) : undefined;
    if (p && !platforms.has(p)) platforms.set(p, config ?? first.configuration);
  }
  if (!platforms.size) platforms.set(first.platform, first.configuration);
  const targetedArches = [...new Set([...platforms.keys()].map((p) => platformArch[p as keyof typeof platformArch]))];
  const projectFile = readText(first.projectFile, cwd);
  const units: DoctorUnit[] = [];
  for (const [platform, configuration] of platforms) {
    const settings = platform === first.platform && configuration === first.configuration ? first : readProject(file, { platform, configuration });
    if (settings.arch === 'arm') continue; // 32-bit ARM drivers: no longer buildable with current WDKs
    for (const item of settings.infs) {
      if (!existsSync(item.source)) {
        problems.push({ file: projectFile.display, message: `${displayPath(item.source, cwd)} (an Inf item of the project) does not exist; doctor skipped it` });
        continue;
      }
      const arch = (parseArch(item.stamp.architecture ?? '') ?? settings.arch) as Arch;
      units.push({
        project: settings,
        projectFile,
        arch,
        packageDir: settings.packageDir,
        intDir: settings.intDir,
        osList: settings.inf2cat.enabled ? osIds(settings.inf2cat.osList) : [],
        stamp: item.stamp,
        targetedArches,
        inf: infUnitBase(item.source, cwd, arch, item.stamp.kmdfVersion, item.stamp.umdfVersion),
      });
    }
  }
  return units;
}

export function loadUnits(paths: string[], cwd: string): Loaded {
  const { projects, infs } = discover(paths, cwd);
  const units: DoctorUnit[] = [];
  const problems: LoadProblem[] = [];
  const explicit = new Set(paths.map((p) => resolve(cwd, p)));
  for (const file of projects) {
    try {
      units.push(...projectUnits(file, cwd, problems));
    } catch (error) {
      if (explicit.has(file) || explicit.has(dirname(file))) throw error;
      problems.push({ file: displayPath(file, cwd), message: error instanceof Error ? error.message : String(error) });
    }
  }
  const owned = new Set(units.map((u) => u.inf.file.path));
  for (const path of infs) {
    if (owned.has(path)) continue;
    try {
      const probe = infUnitBase(path, cwd, 'amd64');
      const arches = infArches(probe.doc);
      for (const arch of arches) {
        units.push({ arch, packageDir: dirname(path), osList: [], targetedArches: arches, inf: arch === 'amd64' ? probe : infUnitBase(path, cwd, arch) });
      }
    } catch (error) {
      if (explicit.has(path)) throw error;
      problems.push({ file: displayPath(path, cwd), message: error instanceof Error ? error.message : String(error) });
    }
  }
  const inputs = [...projects.map((p) => displayPath(p, cwd)), ...infs.filter((p) => !owned.has(p)).map((p) => displayPath(p, cwd))];
  return { units, problems, inputs };
}

export { findProjectFile };

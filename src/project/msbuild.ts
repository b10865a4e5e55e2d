// A small MSBuild evaluator: enough of MSBuild's evaluation model to read
// what the WDK targets read from a driver project. Properties are evaluated
// top to bottom (global properties win), then item definitions, then items,
// as MSBuild does. Imports are not followed (the SDK's props and targets are
// not here); instead the caller's `onImport` hook supplies the defaults that
// the imported file would set at that point (see vcxproj.ts).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { evaluateCondition } from './condition.js';
import { parseXml, type XmlElement } from './xml.js';

export interface MsbuildItem {
  type: string;
  /** The item spec as written after expansion (e.g. `KmdfHelloWorld.inx`, `x64\Debug\a.sys`). */
  include: string;
  metadata: Map<string, string>; // lower-cased names
}

export interface Evaluation {
  properties: Map<string, { name: string; value: string }>; // lower-cased key
  items: MsbuildItem[];
  itemDefinitions: Map<string, Map<string, string>>; // item type (lower) → metadata (lower) → value
  /** Conditions that could not be evaluated (counted as false). */
  warnings: string[];
  get(name: string): string;
  expand(text: string): string;
}

export interface EvaluateOptions {
  projectDir: string;
  globalProperties: Record<string, string>;
  /** Properties set before the project's first line (MSBuild's reserved ones). */
  initialProperties: Record<string, string>;
  /**
   * Called for each <Import> whose condition holds and that names no existing file, in document
   * order; it may return elements to inline in its place (e.g. Directory.Build.props).
   */
  onImport?: (project: string, evaluation: Evaluation, set: (name: string, value: string) => void) => { children: XmlElement[]; dir: string } | undefined | void;
  /** Called after the last property of the project (where the targets would be imported). */
  onPropertiesDone?: (evaluation: Evaluation, set: (name: string, value: string) => void) => void;
}

/** Converts an MSBuild path (backslashes) to a host path. */
export function hostPath(path: string): string {
  return path.replace(/\\/g, '/');
}

export function evaluateProject(root: XmlElement, options: EvaluateOptions): Evaluation {
  const properties = new Map<string, { name: string; value: string }>();
  const globals = new Set(Object.keys(options.globalProperties).map((k) => k.toLowerCase()));
  const itemDefinitions = new Map<string, Map<string, string>>();
  const items: MsbuildItem[] = [];
  const warnings: string[] = [];

  const get = (name: string) => properties.get(name.toLowerCase())?.value ?? '';
  const expand = (text: string): string =>
    text
      .replace(/\$\(([A-Za-z_][\w.-]*)\)/g, (_m, name: string) => get(name))
      .replace(/\$\(Registry:[^)]*\)/gi, '');
  const evaluation: Evaluation = { properties, items, itemDefinitions, warnings, get, expand };
  const set = (name: string, value: string) => {
    if (globals.has(name.toLowerCase())) return;
    properties.set(name.toLowerCase(), { name, value });
  };
  for (const [k, v] of Object.entries(options.initialProperties)) properties.set(k.toLowerCase(), { name: k, value: v });
  for (const [k, v] of Object.entries(options.globalProperties)) properties.set(k.toLowerCase(), { name: k, value: v });

  const host = {
    expand,
    exists: (path: string) => existsSync(resolve(options.projectDir, hostPath(path))),
  };
  // A condition MSBuild could evaluate only with the SDK's properties (e.g. a numeric
  // comparison of an undefined $(_NT_TARGET_VERSION)) counts as false, and is noted.
  const holds = (el: XmlElement) => {
    try {
      return evaluateCondition(el.attrs.Condition, host);
    } catch (error) {
      warnings.push(`<${el.name} Condition="${el.attrs.Condition}">: ${(error as Error).message}; treated as false`);
      return false;
    }
  };

  // Pass 1: properties, top to bottom, with Choose/When/Otherwise, ImportGroup and
  // local imports flattened into `flat`, which the item passes then read.
  const flat: XmlElement[] = [];
  const importing = new Set<string>();
  const pass1 = (elements: XmlElement[], dir: string) => {
    for (const el of elements) {
      if (el.name === 'Choose') {
        const chosen = el.children.find((c) => c.name === 'When' && holds(c)) ?? el.children.find((c) => c.name === 'Otherwise');
        if (chosen) pass1(chosen.children, dir);
      } else if (el.name === 'ImportGroup') {
        if (holds(el)) pass1(el.children, dir);
      } else if (el.name === 'PropertyGroup') {
        if (holds(el)) for (const p of el.children) if (holds(p)) set(p.name, expand(p.text));
      } else if (el.name === 'Import') {
        if (!holds(el)) continue;
        const project = el.attrs.Project ?? '';
        const local = importLocal(project, dir);
        if (local) pass1(local.children, local.dir);
        else {
          const inlined = options.onImport?.(project, evaluation, set);
          if (inlined) pass1(inlined.children, inlined.dir);
        }
      } else {
        flat.push(el);
      }
    }
  };
  // An Import of a file that exists (not the SDK's, which is not here) is read and inlined, as MSBuild does.
  const importLocal = (project: string, dir: string): { children: XmlElement[]; dir: string } | undefined => {
    const path = expand(project).trim();
    if (path === '' || /[*?]/.test(path)) return undefined;
    const file = resolve(dir, hostPath(path));
    if (importing.has(file) || importing.size > 32 || !existsSync(file)) return undefined;
    importing.add(file);
    try {
      const root = parseXml(readFileSync(file, 'utf8'));
      return root.name === 'Project' ? { children: root.children, dir: dirname(file) } : undefined;
    } catch (error) {
      warnings.push(`<Import Project="${project}">: ${(error as Error).message}; not imported`);
      return undefined;
    }
  };
  pass1(root.children, options.projectDir);
  options.onPropertiesDone?.(evaluation, set);
  // Pass 2: item definitions.
  for (const el of flat) {
    if (el.name !== 'ItemDefinitionGroup' || !holds(el)) continue;
    for (const def of el.children) {
      if (!holds(def)) continue;
      const key = def.name.toLowerCase();
      const map = itemDefinitions.get(key) ?? new Map<string, string>();
      for (const m of def.children) {
        if (!holds(m)) continue;
        const previous = map.get(m.name.toLowerCase()) ?? '';
        map.set(m.name.toLowerCase(), expand(m.text).replace(new RegExp(`%\\(${m.name}\\)`, 'gi'), previous));
      }
      itemDefinitions.set(key, map);
    }
  }

  // Pass 3: items.
  const expandItems = (text: string) =>
    expand(text).replace(/@\(([\w.-]+)\)/g, (_m, type: string) =>
      items.filter((i) => i.type.toLowerCase() === type.toLowerCase()).map((i) => i.include).join(';'));
  for (const el of flat) {
    if (el.name !== 'ItemGroup' || !holds(el)) continue;
    for (const item of el.children) {
      if (!holds(item)) continue;
      const type = item.name;
      if (item.attrs.Remove !== undefined) {
        const removed = new Set(splitList(expandItems(item.attrs.Remove)).map((s) => s.toLowerCase()));
        for (let i = items.length - 1; i >= 0; i--) {
          if (items[i]!.type.toLowerCase() === type.toLowerCase() && removed.has(items[i]!.include.toLowerCase())) items.splice(i, 1);
        }
        continue;
      }
      if (item.attrs.Include === undefined) continue;
      const excluded = new Set(splitList(expandItems(item.attrs.Exclude ?? '')).flatMap((s) => expandWildcard(s, options.projectDir)).map((s) => s.toLowerCase()));
      for (const spec of splitList(expandItems(item.attrs.Include))) {
        for (const include of expandWildcard(spec, options.projectDir)) {
          if (excluded.has(include.toLowerCase())) continue;
          const defaults = itemDefinitions.get(type.toLowerCase()) ?? new Map<string, string>();
          const metadata = new Map([...defaults].map(([k, v]) => [k, expandMetadata(v, include, defaults)] as [string, string]));
          for (const m of item.children) {
            if (!holds(m)) continue;
            metadata.set(m.name.toLowerCase(), expandMetadata(expand(m.text), include, metadata));
          }
          items.push({ type, include, metadata });
        }
      }
    }
  }
  return evaluation;
}

function splitList(text: string): string[] {
  return text.split(';').map((s) => s.trim()).filter((s) => s !== '');
}

/** Well-known item metadata used inside metadata values (%(Filename) etc.). */
export function expandMetadata(text: string, include: string, metadata: Map<string, string>): string {
  const file = hostPath(include).split('/').pop() ?? include;
  const dot = file.lastIndexOf('.');
  const known: Record<string, string> = {
    identity: include,
    filename: dot > 0 ? file.slice(0, dot) : file,
    extension: dot > 0 ? file.slice(dot) : '',
    relativedir: include.slice(0, include.length - file.length),
  };
  return text.replace(/%\(([\w.-]+)\)/g, (_m, name: string) => known[name.toLowerCase()] ?? metadata.get(name.toLowerCase()) ?? '');
}

/** Expands `*` and `?` in the last path component against the project directory (MSBuild order: sorted). */
function expandWildcard(spec: string, projectDir: string): string[] {
  if (!/[*?]/.test(spec)) return [spec];
  const normal = hostPath(spec);
  const slash = normal.lastIndexOf('/');
  const dirPart = slash >= 0 ? spec.slice(0, slash + 1) : '';
  const pattern = normal.slice(slash + 1);
  if (/[*?]/.test(dirPart)) return []; // recursive wildcards are not needed for driver projects
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  let names: string[];
  try {
    names = readdirSync(join(projectDir, hostPath(dirPart)));
  } catch {
    return [];
  }
  return names.filter((n) => regex.test(n)).sort().map((n) => dirPart + n);
}

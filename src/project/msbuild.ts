// A small MSBuild evaluator: enough of MSBuild's evaluation model to read
// what the WDK targets read from a driver project. Properties are evaluated
// top to bottom (global properties win, environment variables are the
// starting values), then item definitions, then items, as MSBuild does
// (learn.microsoft.com/visualstudio/msbuild/build-process-overview, "Evaluation
// phase"). Imports of files that exist are read (wildcards too); the SDK's own
// props/targets are not here, so the caller's `onImport` hook supplies what
// they would set at that point (see vcxproj.ts). Every property and item
// remembers the file and line that set it (for `build --explain`), and every
// construct wdksim cannot evaluate becomes a warning naming file and line.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { evaluateCondition } from './condition.js';
import { expandProperties, replaceBalanced, UnsupportedConstruct, type ExpandHost } from './expand.js';
import { itemExpressions } from './item-expressions.js';
import { itemMetadata, type MsbuildItem, type Origin } from './items.js';
import { expandWildcard } from './wildcards.js';
import { parseXml, type XmlElement } from './xml.js';
import type { Clock } from '../time/clock.js';

export type { MsbuildItem, Origin } from './items.js';
export { expandWildcard } from './wildcards.js';

export interface PropertyRecord {
  name: string;
  value: string;
  /** Where it was set; undefined for a reserved, global or environment property. */
  origin?: Origin;
  /** global (command line), environment, reserved, sdk (a WDK/VC default wdksim applies), project */
  source: 'global' | 'environment' | 'reserved' | 'sdk' | 'project';
  /** Set when the value could not be evaluated: the warning naming file, line and construct. */
  unsupported?: string;
}

export interface Evaluation {
  properties: Map<string, PropertyRecord>; // lower-cased key
  items: MsbuildItem[];
  itemDefinitions: Map<string, Map<string, string>>; // item type (lower) → metadata (lower) → value
  /** What could not be evaluated (conditions counted as false, unsupported functions), with file and line. */
  warnings: string[];
  /** Files imported, in order (Directory.Build.props, local .props/.targets). */
  imports: string[];
  get(name: string): string;
  expand(text: string): string;
}

export interface EvaluateOptions {
  projectFile: string;
  projectDir: string;
  globalProperties: Record<string, string>;
  /** Properties set before the project's first line (MSBuild's reserved ones). */
  initialProperties: Record<string, string>;
  /** What the SDK's first props set before the project's lines (wdksim's stand-in for them). */
  sdkProperties?: Record<string, string>;
  /** Environment variables: MSBuild makes each one a property (a project's own definition wins). */
  env?: Record<string, string | undefined>;
  /** The clock [System.DateTime]::Now reads (wdksim's --now/TZ); absent = such functions are not evaluable. */
  clock?: Clock;
  /**
   * Called for each <Import> whose condition holds and that names no existing file, in document
   * order; it may return elements to inline in its place (e.g. Directory.Build.props).
   */
  onImport?: (project: string, evaluation: Evaluation, set: (name: string, value: string) => void) => { children: XmlElement[]; dir: string; file: string } | undefined | void;
  /** Item definitions the SDK's targets declare (e.g. the WDK's Inf CopyOutput), applied before the project's own. */
  itemDefinitionDefaults?: Record<string, Record<string, string>>;
  /** Called after the last property of the project (where the targets would be imported). */
  onPropertiesDone?: (evaluation: Evaluation, set: (name: string, value: string) => void) => { children: XmlElement[]; dir: string; file: string } | undefined | void;
}

/** Converts an MSBuild path (backslashes) to a host path. */
export function hostPath(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Names MSBuild does not take from the environment (reserved or wdksim's own evaluation inputs). */
const NOT_FROM_ENV = /^(configuration|platform|outdir|intdir|path|pwd|oldpwd|shlvl|_|home|user|shell|term)$/i;

export function evaluateProject(root: XmlElement, options: EvaluateOptions): Evaluation {
  const properties = new Map<string, PropertyRecord>();
  const globals = new Set(Object.keys(options.globalProperties).map((k) => k.toLowerCase()));
  const itemDefinitions = new Map<string, Map<string, string>>();
  const items: MsbuildItem[] = [];
  const warnings: string[] = [];
  const imports: string[] = [];
  const warned = new Set<string>();
  const warn = (origin: Origin | undefined, text: string) => {
    const message = origin ? `${origin.file}(${origin.line}): ${text}` : text;
    if (!warned.has(message)) {
      warned.add(message);
      warnings.push(message);
    }
    return message;
  };

  const get = (name: string) => properties.get(name.toLowerCase())?.value ?? '';
  const host: ExpandHost = { property: get, env: options.env ?? {}, baseDir: options.projectDir, ...(options.clock ? { clock: options.clock } : {}) };
  // $(MSBuildThisFile...) name the file the expression is written in (an imported .props, not the project).
  const hostFor = (origin: Origin | undefined): ExpandHost => {
    if (!origin || origin.file === options.projectFile) return host;
    return { ...host, property: (name) => thisFile(name, origin.file) ?? get(name) };
  };
  /** Expands properties; an unsupported construct is warned about (file, line) and expands to ''. */
  const expandAt = (text: string, origin: Origin | undefined): { value: string; problem?: string } => {
    const host = hostFor(origin);
    try {
      return { value: expandProperties(text, host) };
    } catch (error) {
      if (!(error instanceof UnsupportedConstruct)) throw error;
      const problem = warn(origin, `${error.message}; wdksim cannot evaluate it, so it reads as empty`);
      return { value: expandPropertiesLenient(text, host), problem };
    }
  };
  const expand = (text: string) => expandAt(text, undefined).value;
  const evaluation: Evaluation = { properties, items, itemDefinitions, warnings, imports, get, expand };
  const setFrom = (name: string, value: string, origin: Origin | undefined, source: PropertyRecord['source'], unsupported?: string) => {
    if (globals.has(name.toLowerCase())) return;
    properties.set(name.toLowerCase(), { name, value, source, ...(origin ? { origin } : {}), ...(unsupported ? { unsupported } : {}) });
  };
  const sdkSet = (name: string, value: string) => setFrom(name, value, undefined, 'sdk');
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v !== undefined && /^[A-Za-z_][\w-]*$/.test(k) && !NOT_FROM_ENV.test(k)) properties.set(k.toLowerCase(), { name: k, value: v, source: 'environment' });
  }
  for (const [k, v] of Object.entries(options.initialProperties)) properties.set(k.toLowerCase(), { name: k, value: v, source: 'reserved' });
  for (const [k, v] of Object.entries(options.sdkProperties ?? {})) properties.set(k.toLowerCase(), { name: k, value: v, source: 'sdk' });
  for (const [k, v] of Object.entries(options.globalProperties)) properties.set(k.toLowerCase(), { name: k, value: v, source: 'global' });

  const originOf = (el: XmlElement): Origin => ({ file: el.file ?? options.projectFile, line: el.line });
  const conditionHost = (el: XmlElement, extra?: (text: string) => string) => ({
    expand: (text: string) => {
      const value = expandProperties(text, hostFor(originOf(el))); // an UnsupportedConstruct is reported by holds()
      return extra ? extra(value) : value;
    },
    // A relative path in Exists() is read from the folder of the file the condition is written in.
    exists: (path: string) => existsSync(resolve(el.file ? dirname(el.file) : options.projectDir, hostPath(path))),
  });
  // A condition MSBuild could evaluate only with the SDK's properties (e.g. a numeric
  // comparison of an undefined $(_NT_TARGET_VERSION)) counts as false, and is noted.
  const holds = (el: XmlElement, itemExpand?: (text: string) => string) => {
    if (el.attrs.Condition === undefined) return true;
    try {
      return evaluateCondition(el.attrs.Condition, conditionHost(el, itemExpand));
    } catch (error) {
      const text = error instanceof UnsupportedConstruct ? `${error.message}, which wdksim cannot evaluate` : (error as Error).message;
      warn(originOf(el), `<${el.name} Condition="${el.attrs.Condition}">: ${text}; treated as false`);
      return false;
    }
  };

  // Pass 1: properties, top to bottom, with Choose/When/Otherwise, ImportGroup and
  // imports flattened into `flat`, which the item passes then read.
  const flat: XmlElement[] = [];
  const targets: XmlElement[] = [];
  const importing = new Set<string>([resolve(options.projectFile)]);
  const pass1 = (elements: XmlElement[], dir: string) => {
    for (const el of elements) {
      if (el.name === 'Choose') {
        const chosen = el.children.find((c) => c.name === 'When' && holds(c)) ?? el.children.find((c) => c.name === 'Otherwise');
        if (chosen) pass1(chosen.children, dir);
      } else if (el.name === 'ImportGroup') {
        if (holds(el)) pass1(el.children, dir);
      } else if (el.name === 'PropertyGroup') {
        if (!holds(el)) continue;
        for (const p of el.children) {
          if (!holds(p)) continue;
          const r = expandAt(p.text, originOf(p));
          setFrom(p.name, r.value, originOf(p), 'project', r.problem);
        }
      } else if (el.name === 'Import') {
        if (!holds(el)) continue;
        const project = el.attrs.Project ?? '';
        if (el.attrs.Sdk !== undefined) {
          warn(originOf(el), `<Import Sdk="${el.attrs.Sdk}">: SDK imports are not read by wdksim; what the SDK sets is missing here`);
          continue;
        }
        const local = importLocal(project, dir, el);
        if (local.length > 0) for (const l of local) pass1(l.children, l.dir);
        else {
          const inlined = options.onImport?.(project, evaluation, sdkSet);
          if (inlined) importFile(inlined, () => pass1(inlined.children, inlined.dir));
          else if (!SDK_IMPORT.test(project)) {
            warn(
              originOf(el),
              `<Import Project="${project}">: ${expandAt(project, originOf(el)).value || '(empty)'} does not exist; MSBuild stops here (MSB4019), wdksim goes on without it`,
            );
          }
        }
      } else if (el.name === 'Target') {
        // Targets run after evaluation and wdksim runs none of the project's own; one that hooks
        // into the driver build's steps is named in a warning (below), never silently dropped.
        targets.push(el);
      } else if (el.name === 'UsingTask' || el.name === 'ProjectExtensions' || el.name === 'Sdk') {
        // Task declarations and IDE data: nothing to evaluate.
      } else {
        flat.push(el);
      }
    }
  };
  const importFile = (file: { file: string }, body: () => void) => {
    if (importing.has(file.file)) return;
    importing.add(file.file);
    imports.push(file.file);
    body();
  };
  // An Import of files that exist (not the SDK's, which are not here) is read and inlined, as MSBuild
  // does; a wildcard imports every match in order (learn.microsoft.com/visualstudio/msbuild/import-element-msbuild).
  const importLocal = (project: string, dir: string, el: XmlElement): Array<{ children: XmlElement[]; dir: string }> => {
    const r = expandAt(project, originOf(el));
    const path = r.value.trim();
    if (path === '' || r.problem) return [];
    const files = /[*?]/.test(path) ? expandWildcard(path, dir).map((p) => resolve(dir, hostPath(p))) : [resolve(dir, hostPath(path))];
    const out: Array<{ children: XmlElement[]; dir: string }> = [];
    for (const file of files) {
      if (!existsSync(file) || importing.size > 64) continue;
      if (importing.has(file)) {
        out.push({ children: [], dir });
        continue;
      } // MSBuild: an import already done is skipped
      try {
        const root = parseXml(readFileSync(file, 'utf8'), file);
        if (root.name !== 'Project') continue;
        importing.add(file);
        imports.push(file);
        out.push({ children: root.children, dir: dirname(file) });
      } catch (error) {
        warn(originOf(el), `<Import Project="${project}">: ${file}: ${(error as Error).message}; not imported`);
      }
    }
    // A wildcard that matched nothing is not an error (MSBuild ignores it), and is not the SDK's to supply.
    if (out.length === 0 && /[*?]/.test(path)) return [{ children: [], dir }];
    return out;
  };
  pass1(root.children, options.projectDir);
  const after = options.onPropertiesDone?.(evaluation, sdkSet);
  if (after) importFile(after, () => pass1(after.children, after.dir));

  // Pass 2: item definitions (the SDK's defaults first, then the project's).
  for (const [type, defs] of Object.entries(options.itemDefinitionDefaults ?? {})) {
    itemDefinitions.set(type.toLowerCase(), new Map(Object.entries(defs).map(([k, v]) => [k.toLowerCase(), expand(v)])));
  }
  for (const el of flat) {
    if (el.name !== 'ItemDefinitionGroup' || !holds(el)) continue;
    for (const def of el.children) {
      if (!holds(def)) continue;
      const key = def.name.toLowerCase();
      const map = itemDefinitions.get(key) ?? new Map<string, string>();
      for (const m of def.children) {
        if (!holds(m)) continue;
        const previous = map.get(m.name.toLowerCase()) ?? '';
        map.set(m.name.toLowerCase(), expandAt(m.text, originOf(m)).value.replace(new RegExp(`%\\(${m.name}\\)`, 'gi'), previous));
      }
      itemDefinitions.set(key, map);
    }
  }

  // Pass 3: items.
  const ofType = (type: string) => items.filter((i) => i.type.toLowerCase() === type.toLowerCase());
  const { expandItemList, itemsInText } = itemExpressions({ items, projectDir: options.projectDir, expandAt, warn: (o, t) => void warn(o, t) });

  for (const el of flat) {
    if (el.name !== 'ItemGroup' || !holds(el, (t) => itemsInText(t, originOf(el)))) continue;
    for (const item of el.children) {
      const origin = originOf(item);
      const type = item.name;
      // Batching over another item type's metadata (%(Inf.X) in Include or Condition) is done per item of that type.
      const batchType = /%\(([A-Za-z_][\w-]*)\.[\w-]+\)/.exec(`${item.attrs.Include ?? ''} ${item.attrs.Condition ?? ''}`)?.[1];
      const batches: Array<MsbuildItem | undefined> = batchType ? ofType(batchType) : [undefined];
      for (const batch of batches) {
        const bind = (text: string) =>
          batch ? text.replace(new RegExp(`%\\(${batchType}\\.([\\w-]+)\\)`, 'gi'), (_m, name: string) => itemMetadata(`%(${name})`, batch, options.projectDir)) : text;
        const boundItem: XmlElement = { ...item, attrs: Object.fromEntries(Object.entries(item.attrs).map(([k, v]) => [k, bind(v)])) };
        if (!holds(boundItem, (t) => itemsInText(t, origin))) continue;
        if (item.attrs.Remove !== undefined) {
          const removed = new Set(splitList(itemsInText(expandAt(boundItem.attrs.Remove!, origin).value, origin)).map((s) => s.toLowerCase()));
          for (let i = items.length - 1; i >= 0; i--) {
            if (items[i]!.type.toLowerCase() === type.toLowerCase() && removed.has(items[i]!.include.toLowerCase())) items.splice(i, 1);
          }
          continue;
        }
        if (item.attrs.Include === undefined) {
          // An item element with no Include inside an ItemGroup updates metadata of existing items (Update is similar).
          if (item.attrs.Update !== undefined) {
            const targets = new Set(splitList(itemsInText(expandAt(boundItem.attrs.Update!, origin).value, origin)).map((s) => s.toLowerCase()));
            for (const existing of ofType(type)) {
              if (!targets.has(existing.include.toLowerCase())) continue;
              for (const m of item.children)
                if (holds(m)) existing.metadata.set(m.name.toLowerCase(), itemMetadata(expandAt(m.text, originOf(m)).value, existing, options.projectDir));
            }
          }
          continue;
        }
        const exclude = new Set(
          splitList(itemsInText(expandAt(boundItem.attrs.Exclude ?? '', origin).value, origin))
            .flatMap((s) => expandWildcard(s, options.projectDir))
            .map((s) => s.toLowerCase()),
        );
        const included = expandAt(boundItem.attrs.Include!, origin);
        const r = expandItemList(included.value, origin);
        const sources: Array<{ include: string; from?: MsbuildItem }> = Array.isArray(r)
          ? r.map((x) => ({ include: x.include, from: x }))
          : splitList(r).flatMap((spec) => expandWildcard(spec, options.projectDir).map((include) => ({ include })));
        for (const { include, from } of sources) {
          if (include.trim() === '' || exclude.has(include.toLowerCase())) continue;
          const defaults = itemDefinitions.get(type.toLowerCase()) ?? new Map<string, string>();
          const newItem: MsbuildItem = { type, include, metadata: new Map(), origin, ...(included.problem ? { unsupported: included.problem } : {}) };
          // Items made from other items keep their custom metadata (MSBuild copies it).
          if (from) for (const [k, v] of from.metadata) newItem.metadata.set(k, v);
          for (const [k, v] of defaults) if (!newItem.metadata.has(k)) newItem.metadata.set(k, itemMetadata(v, newItem, options.projectDir));
          // Metadata may be written as attributes (learn.microsoft.com/visualstudio/msbuild/item-element-msbuild).
          for (const [k, v] of Object.entries(item.attrs)) {
            if (ITEM_ATTRIBUTES.has(k.toLowerCase())) continue;
            newItem.metadata.set(k.toLowerCase(), itemMetadata(expandAt(bind(v), origin).value, newItem, options.projectDir));
          }
          for (const m of item.children) {
            if (!holds(m)) continue;
            newItem.metadata.set(m.name.toLowerCase(), itemMetadata(expandAt(bind(m.text), originOf(m)).value, newItem, options.projectDir));
          }
          items.push(newItem);
        }
      }
    }
  }
  // The project's own targets that Visual Studio would run around the driver build's steps.
  for (const target of targets) {
    const hooks = ['BeforeTargets', 'AfterTargets'].map((a) => target.attrs[a] ?? '').join(';');
    if (!DRIVER_STEPS.test(hooks)) continue;
    if (!holds(target, (t) => itemsInText(t, originOf(target)))) continue;
    const tasks = target.children.map((c) => c.name).filter((n) => n !== 'Message');
    warn(
      originOf(target),
      `<Target Name="${target.attrs.Name ?? ''}"> runs in Visual Studio's build (${['AfterTargets', 'BeforeTargets']
        .filter((x) => target.attrs[x])
        .map((x) => `${x}="${target.attrs[x]}"`)
        .join(' ')})${tasks.length > 0 ? `, with ${[...new Set(tasks)].join(', ')}` : ''}; wdksim runs no custom targets, so what it changes is not in this package`,
    );
  }
  return evaluation;
}

/** Imports of Visual Studio's and the WDK's own files, which wdksim stands in for (see vcxproj.ts). */
const SDK_IMPORT =
  /\$\((VCTargetsPath\w*|UserRootDir|MSBuildExtensionsPath\w*|MSBuildToolsPath|MSBuildBinPath|MSBuildSDKsPath|WDKContentRoot|WindowsSdkDir\w*|VSToolsPath|NuGetPackageRoot)\)/i;

/** Attributes of an item element that are not metadata. */
const ITEM_ATTRIBUTES = new Set([
  'include',
  'exclude',
  'remove',
  'update',
  'condition',
  'keepmetadata',
  'removemetadata',
  'keepduplicates',
  'matchonmetadata',
  'matchonmetadataoptions',
  'label',
]);
/** Targets of the WDK's driver build a custom target can hook into. */
const DRIVER_STEPS =
  /\b(StampInf|Inf2Cat|InfVerif|ApiValidator|TestSign|DriverTestSign|PackageFiles|DriverPackageTarget|Link|Build|CopyFilesToOutputDirectory|BuildGenerateSources)\b/i;

/** The reserved $(MSBuildThisFile*) properties for `file` (learn.microsoft.com/visualstudio/msbuild/msbuild-reserved-and-well-known-properties). */
function thisFile(name: string, file: string): string | undefined {
  const base = file.split('/').pop() ?? file;
  const dot = base.lastIndexOf('.');
  switch (name.toLowerCase()) {
    case 'msbuildthisfiledirectory':
      return `${dirname(file)}/`;
    case 'msbuildthisfile':
      return base;
    case 'msbuildthisfilefullpath':
      return file;
    case 'msbuildthisfilename':
      return dot > 0 ? base.slice(0, dot) : base;
    case 'msbuildthisfileextension':
      return dot > 0 ? base.slice(dot) : '';
    case 'msbuildthisfiledirectorynoroot':
      return dirname(file).replace(/^\//, '') + '/';
    default:
      return undefined;
  }
}

/** Expansion that keeps going past unsupported constructs (each reads as empty). */
function expandPropertiesLenient(text: string, host: ExpandHost): string {
  return replaceBalanced(text, '$(', (body) => {
    try {
      return expandProperties(`$(${body})`, host);
    } catch {
      return ''; // reads as empty; the caller has warned
    }
  });
}

function splitList(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Well-known and custom item metadata inside a value (%(Filename) etc.), for an item given by its spec. */
export function expandMetadata(text: string, include: string, metadata: Map<string, string>, projectDir = ''): string {
  return itemMetadata(text, { type: '', include, metadata }, projectDir);
}

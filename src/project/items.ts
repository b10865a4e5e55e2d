// MSBuild items: well-known metadata (learn.microsoft.com/visualstudio/msbuild/msbuild-well-known-item-metadata)
// and item functions (learn.microsoft.com/visualstudio/msbuild/item-functions) as driver projects use them.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Origin {
  file: string;
  line: number;
}

export interface MsbuildItem {
  type: string;
  /** The item spec as written after expansion (e.g. `KmdfHelloWorld.inx`, `x64\Debug\a.sys`). */
  include: string;
  metadata: Map<string, string>; // lower-cased names
  /** The element that made it. */
  origin?: Origin;
  /** Set when its Include could not be evaluated: the warning naming file, line and construct. */
  unsupported?: string;
}

const toHost = (p: string) => p.replace(/\\/g, '/');

/** The well-known metadata of an item spec, or undefined for a custom name. */
export function wellKnown(name: string, include: string, projectDir: string): string | undefined {
  const file = include.split(/[\\/]/).pop() ?? include;
  const dot = file.lastIndexOf('.');
  const dir = include.slice(0, include.length - file.length);
  const full = () => resolve(projectDir, toHost(include));
  switch (name.toLowerCase()) {
    case 'identity':
      return include;
    case 'filename':
      return dot > 0 ? file.slice(0, dot) : file;
    case 'extension':
      return dot > 0 ? file.slice(dot) : '';
    case 'relativedir':
      return dir;
    case 'recursivedir':
      return '';
    case 'fullpath':
      return full();
    case 'rootdir':
      return full().startsWith('/') ? '/' : full().slice(0, 3);
    case 'directory': {
      const f = full();
      return f.slice(f.startsWith('/') ? 1 : 3, f.length - file.length);
    }
    case 'definingprojectdirectory':
      return `${projectDir}/`;
    default:
      return undefined;
  }
}

/** Replaces %(Name) (well-known or custom metadata of `item`) in `text`. */
export function itemMetadata(text: string, item: MsbuildItem, projectDir: string): string {
  if (!text.includes('%(')) return text;
  return text.replace(/%\(([\w.-]+)\)/g, (_m, raw: string) => {
    const name = raw.includes('.') ? raw.slice(raw.lastIndexOf('.') + 1) : raw;
    return wellKnown(name, item.include, projectDir) ?? item.metadata.get(name.toLowerCase()) ?? '';
  });
}

/**
 * An item function on a list: a new list, a scalar text (Count, AnyHaveMetadataValue), or
 * undefined when wdksim does not know the function.
 */
export function applyItemFunction(name: string, args: string[], list: MsbuildItem[], projectDir: string): MsbuildItem[] | string | undefined {
  const meta = (item: MsbuildItem, m: string) => wellKnown(m, item.include, projectDir) ?? item.metadata.get(m.toLowerCase()) ?? '';
  switch (name.toLowerCase()) {
    case 'distinct': {
      const seen = new Set<string>();
      return list.filter((i) => (seen.has(i.include.toLowerCase()) ? false : (seen.add(i.include.toLowerCase()), true)));
    }
    case 'distinctwithcase': {
      const seen = new Set<string>();
      return list.filter((i) => (seen.has(i.include) ? false : (seen.add(i.include), true)));
    }
    case 'reverse':
      return [...list].reverse();
    case 'withmetadatavalue':
      return list.filter((i) => meta(i, args[0] ?? '').toLowerCase() === (args[1] ?? '').toLowerCase());
    case 'withoutmetadatavalue':
      return list.filter((i) => meta(i, args[0] ?? '').toLowerCase() !== (args[1] ?? '').toLowerCase());
    case 'hasmetadata':
      return list.filter((i) => meta(i, args[0] ?? '') !== '');
    case 'anyhavemetadatavalue':
      return list.some((i) => meta(i, args[0] ?? '').toLowerCase() === (args[1] ?? '').toLowerCase()) ? 'true' : 'false';
    case 'count':
      return String(list.length);
    case 'metadata':
      return list.map((i) => ({ ...i, include: meta(i, args[0] ?? '') })).filter((i) => i.include !== '');
    case 'fullpath':
      return list.map((i) => ({ ...i, include: resolve(projectDir, toHost(i.include)) }));
    case 'filename':
      return list.map((i) => ({ ...i, include: meta(i, 'Filename') }));
    case 'directoryname':
      return list.map((i) => ({ ...i, include: i.include.slice(0, Math.max(0, Math.max(i.include.lastIndexOf('\\'), i.include.lastIndexOf('/')))) }));
    case 'exists':
      return list.filter((i) => existsSync(resolve(projectDir, toHost(i.include))));
    case 'clearmetadata':
      return list.map((i) => ({ ...i, metadata: new Map() }));
    default:
      return undefined;
  }
}

// The registry as the state keeps it: full key paths → values. Key paths and
// value names are matched without regard to case, as Windows does; the case
// first written is kept for display.
import { LimitError, REGISTRY_MAX_DEPTH, REGISTRY_MAX_KEY_NAME, limits } from '../limits.js';
import { InstallError, SetupError } from './install-error.js';
import type { MachineState, RegValue } from './schema.js';

export const HKLM = 'HKEY_LOCAL_MACHINE';
const ROOT_ALIASES: Record<string, string> = {
  HKLM: HKLM,
  HKEY_LOCAL_MACHINE: HKLM,
  HKCR: 'HKEY_CLASSES_ROOT',
  HKEY_CLASSES_ROOT: 'HKEY_CLASSES_ROOT',
  HKCU: 'HKEY_CURRENT_USER',
  HKEY_CURRENT_USER: 'HKEY_CURRENT_USER',
  HKU: 'HKEY_USERS',
  HKEY_USERS: 'HKEY_USERS',
};

/** HKLM\System\X → HKEY_LOCAL_MACHINE\System\X (trailing and doubled separators removed); undefined for an unknown root. */
export function normalizeKeyPath(path: string): string | undefined {
  const parts = path.split('\\').filter((p) => p !== '');
  const root = parts[0] ? ROOT_ALIASES[parts[0].toUpperCase()] : undefined;
  if (!root) return undefined;
  return [root, ...parts.slice(1)].join('\\');
}

/**
 * JSON text of registry key objects, reused when a big state is written again:
 * every change goes through Registry, which drops the key's entry.
 */
const serialized = new WeakMap<object, string>();

function keyText(data: MachineState['registry'], key: string): string {
  const obj = data[key]!;
  let text = serialized.get(obj);
  if (text === undefined) {
    // join, not a template: a template makes a cons string, which every later join of the
    // whole registry would walk again; join makes one flat string.
    text = [JSON.stringify(key), JSON.stringify(obj)].join(':');
    serialized.set(obj, text);
  }
  return text;
}

/**
 * Per registry object: its keys in object order with their JSON text, and the keys
 * Registry changed since. A big registry (tens of thousands of keys) is written again
 * without listing its keys (Object.keys on such an object costs about a millisecond)
 * or looking each one up; a deleted key drops the whole list (rebuilt on the next write).
 */
interface TextCache {
  keys: string[];
  parts: string[];
  pos: Map<string, number>;
  dirty: Set<string>;
}
const textCaches = new WeakMap<object, TextCache>();

function touched(data: object, key: string): void {
  textCaches.get(data)?.dirty.add(key);
}

function added(data: object, key: string): void {
  const cache = textCaches.get(data);
  if (!cache) return;
  // A new string key that is not an array index enumerates after every existing one.
  cache.pos.set(key, cache.keys.length);
  cache.keys.push(key);
  cache.parts.push('');
  cache.dirty.add(key);
}

/** The `"key":{...}` texts of the registry's keys in object order (cached; do not change the array). */
export function registryParts(data: MachineState['registry']): readonly string[] {
  let cache = textCaches.get(data);
  if (!cache) {
    const keys = Object.keys(data);
    cache = { keys, parts: keys.map((k) => keyText(data, k)), pos: new Map(keys.map((k, i) => [k, i])), dirty: new Set() };
    textCaches.set(data, cache);
  } else if (cache.dirty.size > 0) {
    for (const key of cache.dirty) {
      const i = cache.pos.get(key);
      if (i !== undefined) cache.parts[i] = keyText(data, key);
    }
    cache.dirty.clear();
  }
  return cache.parts;
}

/** Lower-case key → stored key, per registry object, shared by every Registry over it (kept up to date by its methods). */
const indexes = new WeakMap<object, Map<string, string>>();

/** Where the keys of a registry object not loaded yet come from (a state over per-record files: lazy-state.ts). */
export interface RegistryBacking {
  /** Every key is in the object. */
  readonly full: boolean;
  /** Loads the keys stored with this lower-case key path (its bucket) into the object and its index. */
  load(lowerKey: string): void;
  /** Loads every key, in the order they were created. */
  loadAll(): void;
  /** Every subkey of this lower-case key (loaded) is in the object already. */
  subtreeLoaded(lowerKey: string): boolean;
  /** Registry changed this lower-case key (created or deleted it, set or deleted a value): the commit compares only such keys. */
  changed(lowerKey: string): void;
  /** No numbered subkey (NNNN) of this lower-case key below the number is free; set: a new bound. */
  numberHint(lowerKey: string, bound?: number): number;
}
const backings = new WeakMap<object, RegistryBacking>();

/** A registry object filled on demand: its index and where the rest of its keys come from. */
export function adoptRegistry(data: MachineState['registry'], index: Map<string, string>, backing: RegistryBacking): void {
  indexes.set(data, index);
  backings.set(data, backing);
}

/** The object's keys were put in another order: its cached text is made again. */
export function forgetRegistryText(data: MachineState['registry']): void {
  textCaches.delete(data);
}

/** Windows' registry limits: a tree 512 levels deep, a key name of 255 characters (refused, as RegCreateKeyEx does). */
function checkKeyShape(parts: readonly string[]): void {
  if (parts.length - 1 > REGISTRY_MAX_DEPTH) {
    throw new InstallError(
      `registry key ${parts.slice(0, 4).join('\\')}\\... is ${parts.length - 1} levels deep; Windows allows at most ${REGISTRY_MAX_DEPTH} (ERROR_INVALID_DATA)`,
      SetupError.invalidData,
    );
  }
  const long = parts.find((p) => p.length > REGISTRY_MAX_KEY_NAME);
  if (long !== undefined) {
    throw new InstallError(
      `registry key name "${long.slice(0, 40)}..." is ${long.length} characters long; Windows allows at most ${REGISTRY_MAX_KEY_NAME} (ERROR_INVALID_DATA)`,
      SetupError.invalidData,
    );
  }
}

export class Registry {
  #index: Map<string, string>;
  readonly #backing: RegistryBacking | undefined;
  /** Keys this Registry (one transaction) created, bounded by limits().registryKeys. */
  #created = 0;
  constructor(readonly data: MachineState['registry']) {
    this.#backing = backings.get(data);
    let index = indexes.get(data);
    // Registry is the only writer of a registry object (WDKSIM_VALIDATE_STATE checks the text that
    // relies on it), so an index made once stays right; listing a big registry's keys costs ~1 ms.
    if (!index) {
      index = new Map();
      for (const key of Object.keys(data)) index.set(key.toLowerCase(), key);
      indexes.set(data, index);
    }
    this.#index = index;
  }

  /** The stored spelling of a lower-case key path, loading its bucket first when the object is filled on demand. */
  #lookup(lower: string): string | undefined {
    const found = this.#index.get(lower);
    if (found !== undefined || !this.#backing || this.#backing.full) return found;
    this.#backing.load(lower);
    return this.#index.get(lower);
  }

  /** Every key is in the object (before a walk over all of them). */
  #whole(): void {
    if (this.#backing && !this.#backing.full) this.#backing.loadAll();
  }

  /** The stored spelling of a key, or undefined. */
  actualKey(path: string): string | undefined {
    const norm = normalizeKeyPath(path);
    return norm === undefined ? undefined : this.#lookup(norm.toLowerCase());
  }

  hasKey(path: string): boolean {
    return this.actualKey(path) !== undefined;
  }

  /** Creates the key and every missing parent; returns its stored spelling. */
  createKey(path: string): string {
    const norm = normalizeKeyPath(path);
    if (norm === undefined) throw new Error(`unknown registry root in ${path}`);
    const parts = norm.split('\\');
    checkKeyShape(parts);
    // The deepest existing key first: its stored path spells its parents as stored, and a
    // state over records then loads one or two buckets, not one per path component.
    let i = parts.length - 1;
    let current = '';
    for (; i >= 0; i--) {
      const existing = this.#lookup(
        parts
          .slice(0, i + 1)
          .join('\\')
          .toLowerCase(),
      );
      if (existing) {
        current = existing;
        break;
      }
    }
    for (let j = i + 1; j < parts.length; j++) {
      const candidate = j === 0 ? parts[0]! : `${current}\\${parts[j]}`;
      // Each key stores its full path: keys created without bound would grow the state quadratically.
      if (++this.#created > limits().registryKeys) throw new LimitError('registryKeys', `registry key ${norm.slice(0, 120)}...: one operation creates too many registry keys`);
      this.data[candidate] = { values: {} };
      this.#index.set(candidate.toLowerCase(), candidate);
      added(this.data, candidate);
      this.#backing?.changed(candidate.toLowerCase());
      current = candidate;
    }
    return current;
  }

  #valueName(key: string, name: string): string | undefined {
    const lower = name.toLowerCase();
    return Object.keys(this.data[key]!.values).find((n) => n.toLowerCase() === lower);
  }

  /** The stored value (a copy: change values with setValue). */
  getValue(path: string, name: string): RegValue | undefined {
    const key = this.actualKey(path);
    if (!key) return undefined;
    const actual = this.#valueName(key, name);
    const value = actual === undefined ? undefined : this.data[key]!.values[actual];
    return value && Array.isArray(value.data) ? { type: value.type, data: [...value.data] } : value && { ...value };
  }

  setValue(path: string, name: string, value: RegValue): void {
    const key = this.createKey(path);
    const actual = this.#valueName(key, name) ?? name;
    serialized.delete(this.data[key]!);
    touched(this.data, key);
    this.#backing?.changed(key.toLowerCase());
    this.data[key]!.values[actual] = value;
  }

  deleteValue(path: string, name: string): boolean {
    const key = this.actualKey(path);
    if (!key) return false;
    const actual = this.#valueName(key, name);
    if (actual === undefined) return false;
    serialized.delete(this.data[key]!);
    touched(this.data, key);
    this.#backing?.changed(key.toLowerCase());
    delete this.data[key]!.values[actual];
    return true;
  }

  /** Deletes a key with all its subkeys. */
  deleteKey(path: string): boolean {
    const key = this.actualKey(path);
    if (!key) return false;
    // A key filled on demand keeps a deep key's subtree with it (its bucket is loaded now); a shallower one needs every key.
    if (!this.#backing?.subtreeLoaded(key.toLowerCase())) this.#whole();
    const lower = key.toLowerCase();
    // The index holds every key's lower-case form: no case folding per key here.
    for (const [kl, k] of [...this.#index]) {
      if (kl === lower || kl.startsWith(lower + '\\')) {
        const numbered = /^(.*\\)(\d+)$/.exec(kl);
        if (numbered && this.#backing && this.#backing.numberHint(numbered[1]!) > Number(numbered[2])) this.#backing.numberHint(numbered[1]!, Number(numbered[2]));
        delete this.data[k];
        this.#index.delete(kl);
        this.#backing?.changed(kl);
      }
    }
    textCaches.delete(this.data); // positions moved: the next write lists the keys again
    return true;
  }

  /** The first NNNN (decimal, `width` digits, from 0000) that names no subkey of `path`. */
  firstFreeNumberedSubkey(path: string, width = 4): string {
    const norm = normalizeKeyPath(path);
    if (norm === undefined) throw new Error(`unknown registry root in ${path}`);
    // One normalisation, then index probes: a class key may hold thousands of NNNN subkeys.
    const prefix = `${norm.toLowerCase()}\\`;
    let n = this.#backing?.numberHint(prefix) ?? 0;
    while (this.#lookup(prefix + String(n).padStart(width, '0')) !== undefined) n++;
    this.#backing?.numberHint(prefix, n);
    return String(n).padStart(width, '0');
  }

  /** Direct subkeys' stored spellings, in no particular order. */
  subkeyNames(path: string): string[] {
    const key = this.actualKey(path);
    if (!key) return [];
    this.#whole();
    const prefix = key.toLowerCase() + '\\';
    const out: string[] = [];
    for (const [kl, k] of this.#index) {
      if (kl.startsWith(prefix) && kl.indexOf('\\', prefix.length) === -1) out.push(k);
    }
    return out;
  }

  /** Direct subkeys' stored spellings, sorted case-insensitively. */
  subkeys(path: string): string[] {
    return this.subkeyNames(path).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  }
}

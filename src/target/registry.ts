// The registry as the state keeps it: full key paths → values. Key paths and
// value names are matched without regard to case, as Windows does; the case
// first written is kept for display.
import type { MachineState, RegValue } from './schema.js';

export const HKLM = 'HKEY_LOCAL_MACHINE';
const ROOT_ALIASES: Record<string, string> = {
  HKLM: HKLM, HKEY_LOCAL_MACHINE: HKLM,
  HKCR: 'HKEY_CLASSES_ROOT', HKEY_CLASSES_ROOT: 'HKEY_CLASSES_ROOT',
  HKCU: 'HKEY_CURRENT_USER', HKEY_CURRENT_USER: 'HKEY_CURRENT_USER',
  HKU: 'HKEY_USERS', HKEY_USERS: 'HKEY_USERS',
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

/** The registry part of the state as JSON, from cached text for unchanged keys. */
export function registryJson(data: MachineState['registry']): string {
  const parts: string[] = [];
  for (const key of Object.keys(data)) {
    const obj = data[key]!;
    let text = serialized.get(obj);
    if (text === undefined) {
      text = `${JSON.stringify(key)}:${JSON.stringify(obj)}`;
      serialized.set(obj, text);
    }
    parts.push(text);
  }
  return `{${parts.join(',')}}`;
}

/** Lower-case key → stored key, per registry object, shared by every Registry over it (kept up to date by its methods). */
const indexes = new WeakMap<object, Map<string, string>>();

export class Registry {
  #index: Map<string, string>;
  constructor(readonly data: MachineState['registry']) {
    let index = indexes.get(data);
    if (!index || index.size !== Object.keys(data).length) {
      index = new Map();
      for (const key of Object.keys(data)) index.set(key.toLowerCase(), key);
      indexes.set(data, index);
    }
    this.#index = index;
  }

  /** The stored spelling of a key, or undefined. */
  actualKey(path: string): string | undefined {
    const norm = normalizeKeyPath(path);
    return norm === undefined ? undefined : this.#index.get(norm.toLowerCase());
  }

  hasKey(path: string): boolean {
    return this.actualKey(path) !== undefined;
  }

  /** Creates the key and every missing parent; returns its stored spelling. */
  createKey(path: string): string {
    const norm = normalizeKeyPath(path);
    if (norm === undefined) throw new Error(`unknown registry root in ${path}`);
    const parts = norm.split('\\');
    let current = '';
    for (let i = 0; i < parts.length; i++) {
      const candidate = i === 0 ? parts[0]! : `${current}\\${parts[i]}`;
      const existing = this.#index.get(candidate.toLowerCase());
      if (existing) {
        current = existing;
      } else {
        this.data[candidate] = { values: {} };
        this.#index.set(candidate.toLowerCase(), candidate);
        current = candidate;
      }
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
    this.data[key]!.values[actual] = value;
  }

  deleteValue(path: string, name: string): boolean {
    const key = this.actualKey(path);
    if (!key) return false;
    const actual = this.#valueName(key, name);
    if (actual === undefined) return false;
    serialized.delete(this.data[key]!);
    delete this.data[key]!.values[actual];
    return true;
  }

  /** Deletes a key with all its subkeys. */
  deleteKey(path: string): boolean {
    const key = this.actualKey(path);
    if (!key) return false;
    const lower = key.toLowerCase();
    // The index holds every key's lower-case form: no case folding per key here.
    for (const [kl, k] of [...this.#index]) {
      if (kl === lower || kl.startsWith(lower + '\\')) {
        delete this.data[k];
        this.#index.delete(kl);
      }
    }
    return true;
  }

  /** Direct subkeys' stored spellings, in no particular order. */
  subkeyNames(path: string): string[] {
    const key = this.actualKey(path);
    if (!key) return [];
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

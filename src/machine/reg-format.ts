// Registry text as reg.exe query prints it and as regedit exports it
// ("Windows Registry Editor Version 5.00", UTF-16LE with BOM, CRLF).
import { TargetError } from '../errors.js';
import { normalizeKeyPath, type Registry } from './registry.js';
import type { RegValue } from './schema.js';

function typeName(v: RegValue): string {
  return v.type.startsWith('REG_0x') ? 'REG_NONE' : v.type;
}

function queryData(v: RegValue): string {
  switch (v.type) {
    case 'REG_DWORD':
      return `0x${(Number(v.data) >>> 0).toString(16)}`;
    case 'REG_QWORD':
      return `0x${BigInt(String(v.data)).toString(16)}`;
    case 'REG_MULTI_SZ':
      return (v.data as string[]).join('\\0');
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return String(v.data);
    default:
      return String(v.data).toUpperCase();
  }
}

/** Keys in registry order (case-insensitive alphabetical), parents first. */
function subtree(reg: Registry, key: string): string[] {
  // Depth-first with an explicit stack, not recursion: a tree 512 levels deep must not need 512 frames.
  const out: string[] = [];
  const stack = [key];
  while (stack.length > 0) {
    const next = stack.pop()!;
    out.push(next);
    const subs = reg.subkeys(next);
    for (let i = subs.length - 1; i >= 0; i--) stack.push(subs[i]!);
  }
  return out;
}

function valueLines(reg: Registry, key: string): string[] {
  const values = reg.data[key]!.values;
  const names = Object.keys(values).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : 0));
  return names.map((n) => `    ${n === '' ? '(Default)' : n}    ${typeName(values[n]!)}    ${queryData(values[n]!)}`);
}

/** `reg query KEY /v NAME` (or /ve for the default value); undefined when the key or value does not exist. */
export function regQueryValue(reg: Registry, keyPath: string, name: string): string | undefined {
  const key = reg.actualKey(keyPath);
  if (!key) return undefined;
  const values = reg.data[key]!.values;
  const actual = Object.keys(values).find((n) => n.toLowerCase() === name.toLowerCase());
  if (actual === undefined) return undefined;
  return ['', key, `    ${actual === '' ? '(Default)' : actual}    ${typeName(values[actual]!)}    ${queryData(values[actual]!)}`, '', ''].join('\n');
}

/** `reg query KEY [/s]`; undefined when the key does not exist. */
export function regQuery(reg: Registry, keyPath: string, recursive: boolean): string | undefined {
  const key = reg.actualKey(keyPath);
  if (!key) return undefined;
  const lines: string[] = [''];
  if (recursive) {
    for (const k of subtree(reg, key)) {
      lines.push(k, ...valueLines(reg, k), '');
    }
  } else {
    lines.push(key, ...valueLines(reg, key), '');
    for (const sub of reg.subkeys(key)) lines.push(sub);
  }
  return lines.join('\n') + '\n';
}

function escapeString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** hex bytes wrapped as regedit wraps them: lines of at most 80 characters, continued with `\` and two spaces. */
function hexLines(prefix: string, bytes: Buffer): string {
  if (bytes.length === 0) return prefix;
  let out = '';
  let line = prefix;
  for (let i = 0; i < bytes.length; i++) {
    const piece = bytes[i]!.toString(16).padStart(2, '0') + (i < bytes.length - 1 ? ',' : '');
    if (line.length + piece.length > 79 && i < bytes.length) {
      out += `${line}\\\r\n`;
      line = '  ';
    }
    line += piece;
  }
  return out + line;
}

function utf16z(s: string): Buffer {
  return Buffer.from(`${s}\0`, 'utf16le');
}

function exportValue(name: string, v: RegValue): string {
  const n = name === '' ? '@' : `"${escapeString(name)}"`;
  switch (v.type) {
    case 'REG_SZ':
      return `${n}="${escapeString(String(v.data))}"`;
    case 'REG_DWORD':
      return `${n}=dword:${(Number(v.data) >>> 0).toString(16).padStart(8, '0')}`;
    case 'REG_EXPAND_SZ':
      return hexLines(`${n}=hex(2):`, utf16z(String(v.data)));
    case 'REG_MULTI_SZ':
      return hexLines(`${n}=hex(7):`, Buffer.concat([...(v.data as string[]).map(utf16z), Buffer.from([0, 0])]));
    case 'REG_QWORD': {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(BigInt(String(v.data)));
      return hexLines(`${n}=hex(b):`, b);
    }
    case 'REG_BINARY':
      return hexLines(`${n}=hex:`, Buffer.from(String(v.data), 'hex'));
    case 'REG_NONE':
      return hexLines(`${n}=hex(0):`, Buffer.from(String(v.data), 'hex'));
    default:
      return hexLines(`${n}=hex(${v.type.slice(6).toLowerCase()}):`, Buffer.from(String(v.data), 'hex'));
  }
}

/** The text of a .reg export of a key (default: all of HKEY_LOCAL_MACHINE), CRLF line ends. */
export function regExportText(reg: Registry, keyPath = 'HKEY_LOCAL_MACHINE'): string {
  const norm = normalizeKeyPath(keyPath);
  if (!norm) throw new TargetError(`"${keyPath}" does not start with a registry root (HKLM, HKEY_LOCAL_MACHINE, HKCU...)`);
  const key = reg.actualKey(norm);
  if (!key) throw new TargetError(`the registry key ${keyPath} does not exist on the target`);
  const blocks: string[] = ['Windows Registry Editor Version 5.00', ''];
  for (const k of subtree(reg, key)) {
    blocks.push(`[${k}]`);
    const values = reg.data[k]!.values;
    const names = Object.keys(values).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : 0));
    for (const name of names) blocks.push(exportValue(name, values[name]!));
    blocks.push('');
  }
  return blocks.join('\r\n') + '\r\n';
}

/** regedit writes .reg files as UTF-16LE with a BOM. */
export function regExportBytes(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

// AddReg / DelReg sections (inf-format.md §2.12) applied to the target's
// registry, with HKR bound by the caller to the key the referencing section
// means (software, hardware, service, event-log or class key).
import type { InfDocument, InfEntry } from '../inf/document.js';
import type { Registry } from './registry.js';
import type { RegValue } from './schema.js';
import type { LogSection } from './setupapi-log.js';

/** Devnode properties that a .HW AddReg sets on the device itself (Enum\<id>), not under Device Parameters. */
export const DEVNODE_VALUES = new Set([
  'upperfilters',
  'lowerfilters',
  'security',
  'devicetype',
  'devicecharacteristics',
  'exclusive',
  'locationinformationoverride',
  'resourcepickertags',
  'resourcepickerexceptions',
  'enumproppages32',
  'labeledbythenumber',
]);

export interface RegContext {
  /** The key HKR means here; undefined where HKR is not defined (DefaultInstall): such entries are skipped. */
  hkr: string | undefined;
  /** Where devnode values go when HKR is a hardware key. */
  devnodeKey?: string;
  registry: Registry;
  log: LogSection;
}

function values(entry: InfEntry): string[] {
  return (entry.hasEquals ? [entry.key ?? '', ...entry.fields] : entry.fields).map((v) => v.trim());
}

export function parseInfInt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === '') return undefined;
  if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t.slice(2), 16);
  if (/^-?\d+$/.test(t)) return Number(t);
  return undefined;
}

function rootKey(root: string, ctx: RegContext): string | undefined {
  switch (root.toUpperCase()) {
    case 'HKR':
      return ctx.hkr;
    case 'HKLM':
      return 'HKLM';
    case 'HKCR':
      return 'HKLM\\SOFTWARE\\Classes';
    case 'HKCU':
      return 'HKCU';
    case 'HKU':
      return 'HKU';
    default:
      return undefined;
  }
}

function join(key: string, subkey: string): string {
  return subkey === '' ? key : `${key}\\${subkey.replace(/^\\+|\\+$/g, '')}`;
}

function bytesHex(fields: string[]): string | undefined {
  const out: string[] = [];
  for (const f of fields) {
    if (f === '') continue;
    const t = f.replace(/^0x/i, '');
    if (!/^[0-9a-f]{1,2}$/i.test(t)) return undefined;
    out.push(t.padStart(2, '0').toLowerCase());
  }
  return out.join('');
}

/** The value an AddReg entry writes, or a reason it cannot. */
function encode(flags: number, fields: string[]): RegValue | string {
  const type = flags & 0xffff0001;
  switch (type >>> 0) {
    case 0x00000000:
      return { type: 'REG_SZ', data: fields[0] ?? '' };
    case 0x00020000:
      return { type: 'REG_EXPAND_SZ', data: fields[0] ?? '' };
    case 0x00010000: {
      const list: string[] = [];
      for (const f of fields) {
        if (f === '') break;
        list.push(f);
      }
      return { type: 'REG_MULTI_SZ', data: list };
    }
    case 0x00010001: {
      if (fields.length <= 1) {
        const n = parseInfInt(fields[0] ?? '0');
        if (n === undefined) return `"${fields[0]}" is not a number`;
        return { type: 'REG_DWORD', data: n >>> 0 };
      }
      const hex = bytesHex(fields);
      if (hex === undefined) return 'DWORD bytes are not hex bytes';
      const buf = Buffer.alloc(4);
      Buffer.from(hex, 'hex').copy(buf, 0, 0, 4);
      return { type: 'REG_DWORD', data: buf.readUInt32LE(0) };
    }
    case 0x000b0001: {
      if (fields.length <= 1) {
        const t = (fields[0] ?? '0').trim();
        const n = /^0x[0-9a-f]+$/i.test(t) ? BigInt(t) : /^\d+$/.test(t) ? BigInt(t) : undefined;
        if (n === undefined) return `"${t}" is not a number`;
        return { type: 'REG_QWORD', data: (n & 0xffffffffffffffffn).toString() };
      }
      const hex = bytesHex(fields);
      if (hex === undefined) return 'QWORD bytes are not hex bytes';
      const buf = Buffer.alloc(8);
      Buffer.from(hex, 'hex').copy(buf, 0, 0, 8);
      return { type: 'REG_QWORD', data: buf.readBigUInt64LE(0).toString() };
    }
    case 0x00000001: {
      const hex = bytesHex(fields);
      return hex === undefined ? 'binary data must be hex bytes (00-FF)' : { type: 'REG_BINARY', data: hex };
    }
    case 0x00020001: {
      const hex = bytesHex(fields);
      return hex === undefined ? 'binary data must be hex bytes (00-FF)' : { type: 'REG_NONE', data: hex };
    }
    default: {
      const custom = (type >>> 16) & 0xffff;
      const hex = bytesHex(fields);
      if (hex === undefined) return 'binary data must be hex bytes (00-FF)';
      return { type: `REG_0x${custom.toString(16).toUpperCase()}`, data: hex };
    }
  }
}

export function applyAddReg(doc: InfDocument, sectionName: string, ctx: RegContext): void {
  const section = doc.section(sectionName);
  if (!section) {
    ctx.log.entry('inf:', `AddReg section [${sectionName}] not found; skipped`, 'warning');
    return;
  }
  for (const entry of section.entries) {
    const [root = '', subkey = '', name = '', flagText = '', ...data] = values(entry);
    let base = rootKey(root, ctx);
    if (base === undefined) {
      const why = root.toUpperCase() === 'HKR' ? 'HKR is not defined for this install section (DefaultInstall has no device key)' : `unknown registry root "${root}"`;
      ctx.log.entry('reg:', `[${section.name}] line ${entry.line}: ${why}; entry skipped`, 'warning');
      continue;
    }
    if (root.toUpperCase() === 'HKR' && subkey === '' && ctx.devnodeKey && DEVNODE_VALUES.has(name.toLowerCase())) base = ctx.devnodeKey;
    const key = join(base, subkey);
    const flags = parseInfInt(flagText) ?? 0;
    if (flags & 0x4) {
      if (name === '') ctx.registry.deleteKey(key);
      else ctx.registry.deleteValue(key, name);
      continue;
    }
    if (flags & 0x2010) {
      ctx.registry.createKey(key);
      continue;
    }
    const existing = ctx.registry.getValue(key, name);
    if (flags & 0x20 && !existing) continue; // OVERWRITEONLY
    if (flags & 0x2 && existing) continue; // NOCLOBBER
    const value = encode(flags, data);
    if (typeof value === 'string') {
      ctx.log.entry('reg:', `[${section.name}] line ${entry.line}: ${value}; entry skipped`, 'warning');
      continue;
    }
    if (flags & 0x8 && value.type === 'REG_MULTI_SZ') {
      if (existing && existing.type !== 'REG_MULTI_SZ') {
        ctx.log.entry('reg:', `[${section.name}] line ${entry.line}: cannot append to ${name}, it is not REG_MULTI_SZ (ERROR_INVALID_DATA)`, 'warning');
        continue;
      }
      const list = existing && Array.isArray(existing.data) ? [...existing.data] : [];
      for (const s of value.data as string[]) if (!list.some((x) => x.toLowerCase() === s.toLowerCase())) list.push(s);
      ctx.registry.setValue(key, name, { type: 'REG_MULTI_SZ', data: list });
      continue;
    }
    ctx.registry.setValue(key, name, value);
  }
}

export function applyDelReg(doc: InfDocument, sectionName: string, ctx: RegContext): void {
  const section = doc.section(sectionName);
  if (!section) {
    ctx.log.entry('inf:', `DelReg section [${sectionName}] not found; skipped`, 'warning');
    return;
  }
  for (const entry of section.entries) {
    const [root = '', subkey = '', name, flagText = '', ...data] = values(entry);
    let base = rootKey(root, ctx);
    if (base === undefined) continue;
    if (root.toUpperCase() === 'HKR' && subkey === '' && ctx.devnodeKey && name && DEVNODE_VALUES.has(name.toLowerCase())) base = ctx.devnodeKey;
    const key = join(base, subkey);
    const flags = parseInfInt(flagText) ?? 0;
    if (flags >>> 0 === 0x00018002 && name !== undefined) {
      const existing = ctx.registry.getValue(key, name);
      if (existing && Array.isArray(existing.data)) {
        const drop = (data[0] ?? '').toLowerCase();
        ctx.registry.setValue(key, name, { type: 'REG_MULTI_SZ', data: existing.data.filter((s) => s.toLowerCase() !== drop) });
      }
      continue;
    }
    if (name === undefined || flags & 0x2000) ctx.registry.deleteKey(key);
    else ctx.registry.deleteValue(key, name);
  }
}

/** Runs every DelReg then every AddReg directive of an install section (DelReg first, as Windows does). */
export function applyRegDirectives(doc: InfDocument, sectionName: string, ctx: RegContext): void {
  const section = doc.section(sectionName);
  if (!section) return;
  const lists = (key: string) => section.findAll(key).flatMap((e) => e.fields.map((f) => f.trim()).filter((f) => f !== ''));
  for (const name of lists('DelReg')) applyDelReg(doc, name, ctx);
  for (const name of lists('AddReg')) applyAddReg(doc, name, ctx);
}

// Services as the registry holds them (HKLM\SYSTEM\CurrentControlSet\Services\NAME),
// described as sc qc / Device Manager would: type, start, image path.
import type { MachineState, RegValue } from '../machine/index.js';

const SERVICES = 'hkey_local_machine\\system\\currentcontrolset\\services\\';

export interface ServiceInfo {
  name: string;
  type?: string;
  start?: string;
  errorControl?: string;
  imagePath?: string;
  displayName?: string;
  group?: string;
}

const TYPES: Record<number, string> = { 1: 'kernel driver', 2: 'file system driver', 16: 'own process', 32: 'shared process' };
const STARTS: Record<number, string> = { 0: 'boot', 1: 'system', 2: 'auto', 3: 'demand', 4: 'disabled' };
const ERRORS: Record<number, string> = { 0: 'ignore', 1: 'normal', 2: 'severe', 3: 'critical' };

function value(values: Record<string, RegValue>, name: string): RegValue | undefined {
  const key = Object.keys(values).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : values[key];
}

function named(table: Record<number, string>, v: RegValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  return typeof v.data === 'number' ? `${v.data} (${table[v.data] ?? 'unknown'})` : String(v.data);
}

function text(v: RegValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v.data) ? v.data.join(', ') : String(v.data);
}

/** Every service key (direct children of Services; EventLog and similar containers included only when they hold a Type). */
export function servicesOf(state: MachineState): ServiceInfo[] {
  const out: ServiceInfo[] = [];
  for (const [key, { values }] of Object.entries(state.registry)) {
    const lower = key.toLowerCase();
    if (!lower.startsWith(SERVICES)) continue;
    const name = key.slice(SERVICES.length);
    if (!name || name.includes('\\')) continue;
    if (!value(values, 'Type') && !value(values, 'ImagePath')) continue;
    const info: ServiceInfo = { name };
    const set = (field: keyof ServiceInfo, v: string | undefined): void => {
      if (v !== undefined) (info as unknown as Record<string, string>)[field] = v;
    };
    set('type', named(TYPES, value(values, 'Type')));
    set('start', named(STARTS, value(values, 'Start')));
    set('errorControl', named(ERRORS, value(values, 'ErrorControl')));
    set('imagePath', text(value(values, 'ImagePath')));
    set('displayName', text(value(values, 'DisplayName')));
    set('group', text(value(values, 'Group')));
    out.push(info);
  }
  return out.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
}

/** A registry value as reg.exe query prints it (REG_DWORD 0x1, REG_MULTI_SZ a\0b). */
export function formatRegValue(v: RegValue): string {
  if (typeof v.data === 'number') return `${v.type} 0x${v.data.toString(16)} (${v.data})`;
  if (Array.isArray(v.data)) return `${v.type} ${v.data.join('\\0')}`;
  return `${v.type} ${v.data}`;
}

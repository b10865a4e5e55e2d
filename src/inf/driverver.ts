// DriverVer = mm/dd/yyyy[,w.x.y.z] (inf-format.md §2.1.1): month and day two
// digits, year four, `-` allowed for `/`; version parts 0..65535, missing
// parts are 0.

export interface DriverDate {
  month: number;
  day: number;
  year: number;
}

export type DriverVersion = [number, number, number, number];

export interface DriverVer {
  date: DriverDate;
  version: DriverVersion;
  /** The version was written (not defaulted). */
  hasVersion: boolean;
}

export type DriverVerResult = { ok: true; value: DriverVer } | { ok: false; error: 'date' | 'version' | 'missing'; message: string };

const DATE = /^(\d{2})[/-](\d{2})[/-](\d{4})$/;

export function parseDriverDate(text: string): DriverDate | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const date = { month: Number(m[1]), day: Number(m[2]), year: Number(m[3]) };
  if (!isRealDate(date)) return undefined;
  return date;
}

export function isRealDate(d: DriverDate): boolean {
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.year < 1) return false;
  const days = new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
  return d.day <= days;
}

/** Parses w.x.y.z (1 to 4 parts, each 0..max). */
export function parseDriverVersion(text: string, max = 65535): DriverVersion | undefined {
  const parts = text.trim().split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const out: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,5}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > max) return undefined;
    out.push(n);
  }
  while (out.length < 4) out.push(0);
  return out as DriverVersion;
}

/** Parses the fields of a DriverVer entry (date, then optional version). */
export function parseDriverVer(fields: readonly string[] | string): DriverVerResult {
  const list = typeof fields === 'string' ? fields.split(',') : fields;
  const dateText = (list[0] ?? '').trim();
  if (dateText === '') return { ok: false, error: 'missing', message: 'DriverVer has no date' };
  const date = parseDriverDate(dateText);
  if (!date) return { ok: false, error: 'date', message: `DriverVer date "${dateText}" is not mm/dd/yyyy` };
  const versionText = (list[1] ?? '').trim();
  if (versionText === '') return { ok: true, value: { date, version: [0, 0, 0, 0], hasVersion: false } };
  const version = parseDriverVersion(versionText);
  if (!version) return { ok: false, error: 'version', message: `DriverVer version "${versionText}" is not w.x.y.z with parts 0-65535` };
  return { ok: true, value: { date, version, hasVersion: true } };
}

export function formatDriverDate(d: DriverDate): string {
  return `${String(d.month).padStart(2, '0')}/${String(d.day).padStart(2, '0')}/${String(d.year).padStart(4, '0')}`;
}

export function formatDriverVersion(v: DriverVersion): string {
  return v.join('.');
}

export function formatDriverVer(dv: DriverVer): string {
  return `${formatDriverDate(dv.date)},${formatDriverVersion(dv.version)}`;
}

/** yyyymmdd, comparable with clock.dayNumber(). */
export function driverDateNumber(d: DriverDate): number {
  return d.year * 10000 + d.month * 100 + d.day;
}

/** Negative when a is older: date first, then version as a 64-bit w.x.y.z value. */
export function compareDriverVer(a: DriverVer, b: DriverVer): number {
  const byDate = driverDateNumber(a.date) - driverDateNumber(b.date);
  if (byDate !== 0) return Math.sign(byDate);
  for (let i = 0; i < 4; i++) {
    const d = a.version[i]! - b.version[i]!;
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** Alias kept for callers that say it in full. */
export const formatDriverVerDate = formatDriverDate;

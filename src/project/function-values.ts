// The values property functions work on (strings, numbers, booleans, arrays, a
// Regex match, a DateTime) and how MSBuild turns each back into text; shared by
// the expander (expand.ts) and the static functions (static-functions.ts).
import type { CalendarParts, Clock } from '../time/clock.js';

export class UnsupportedConstruct extends Error {
  constructor(
    readonly construct: string,
    reason: string,
  ) {
    super(`${construct}: ${reason}`);
  }
}

export interface ExpandHost {
  /** The value of a property ('' when undefined). */
  property(name: string): string;
  /** The process environment (for [System.Environment]::GetEnvironmentVariable). */
  env: Record<string, string | undefined>;
  /** The folder relative paths are read against (the project's folder). */
  baseDir: string;
  /** [System.DateTime]::Now and ::UtcNow, from wdksim's clock (--now, TZ); absent = not evaluable. */
  clock?: Clock;
}

export type Value = string | number | boolean | string[] | RegexMatch | RegexGroup[] | DateValue;
export interface DateValue {
  kind: 'date';
  parts: CalendarParts;
}
export interface RegexMatch {
  kind: 'match';
  value: string;
  success: boolean;
  groups: RegexGroup[];
}
export interface RegexGroup {
  kind: 'group';
  value: string;
  success: boolean;
}

/** MSBuild's conversion of a function's result to property text (booleans as True/False, arrays joined with ;). */
export function toText(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : x.value)).join(';');
  if (v.kind === 'date') return formatDate(v.parts, 'M/d/yyyy h:mm:ss tt');
  return v.value;
}

export const hostPath = (p: string) => p.replace(/\\/g, '/');

export function num(text: string, construct: string): number {
  const n = Number(text.trim());
  if (text.trim() === '' || Number.isNaN(n)) throw new UnsupportedConstruct(construct, `"${text}" is not a number`);
  return n;
}
/** .NET custom date format strings (the specifiers version stamps use: yyyy yy MM M dd d HH H hh h mm m ss s tt). */
export function formatDate(p: CalendarParts, format: string): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return format.replace(/yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|tt/g, (t) => {
    switch (t) {
      case 'yyyy':
        return pad(p.year, 4);
      case 'yy':
        return pad(p.year % 100, 2);
      case 'MM':
        return pad(p.month, 2);
      case 'M':
        return String(p.month);
      case 'dd':
        return pad(p.day, 2);
      case 'd':
        return String(p.day);
      case 'HH':
        return pad(p.hour, 2);
      case 'H':
        return String(p.hour);
      case 'hh':
        return pad(h12, 2);
      case 'h':
        return String(h12);
      case 'mm':
        return pad(p.minute, 2);
      case 'm':
        return String(p.minute);
      case 'ss':
        return pad(p.second, 2);
      case 's':
        return String(p.second);
      default:
        return p.hour < 12 ? 'AM' : 'PM';
    }
  });
}

export function dayOfYear(p: CalendarParts): number {
  return Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) + 1;
}

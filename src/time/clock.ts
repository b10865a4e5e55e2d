// The one clock. Every date decision in wdksim asks this module: "now" comes
// from --now, else WDKSIM_NOW, else SOURCE_DATE_EPOCH, else the system clock;
// "local" means the time zone named by TZ (as on the machine that runs the
// real tools), else the host's zone.
import { UsageError } from '../errors.js';

export interface CalendarParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export interface Clock {
  /** The current instant. */
  now(): Date;
  /** IANA zone used for "local", or undefined for the host's zone. */
  readonly timeZone: string | undefined;
  /** Where "now" came from, for messages: "--now", "WDKSIM_NOW", "SOURCE_DATE_EPOCH" or "system". */
  readonly source: 'option' | 'WDKSIM_NOW' | 'SOURCE_DATE_EPOCH' | 'system';
}

export function createClock(env: Record<string, string | undefined>, nowOption?: string): Clock {
  // Resolved when first asked for: checking a zone name makes an Intl formatter, some 13 ms of
  // ICU set-up that a command printing no local time (most of them) need not pay.
  let zone: string | undefined | null = null;
  const timeZone = (): string | undefined => (zone === null ? (zone = resolveTimeZone(env.TZ)) : zone);
  let fixed: Date | undefined;
  let source: Clock['source'] = 'system';
  if (nowOption !== undefined) {
    fixed = parseInstant(nowOption, '--now', timeZone);
    source = 'option';
  } else if (env.WDKSIM_NOW) {
    fixed = parseInstant(env.WDKSIM_NOW, 'WDKSIM_NOW', timeZone);
    source = 'WDKSIM_NOW';
  } else if (env.SOURCE_DATE_EPOCH) {
    const text = env.SOURCE_DATE_EPOCH.trim();
    if (!/^\d+$/.test(text)) {
      throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got "${env.SOURCE_DATE_EPOCH}"`);
    }
    fixed = new Date(Number(text) * 1000);
    source = 'SOURCE_DATE_EPOCH';
  }
  return {
    now: () => (fixed ? new Date(fixed.getTime()) : new Date()),
    get timeZone() {
      return timeZone();
    },
    source,
  };
}

/** A fixed clock for library callers and tests. */
export function fixedClock(instant: Date | string, timeZone?: string): Clock {
  const date = typeof instant === 'string' ? parseInstant(instant, 'instant', timeZone) : instant;
  return { now: () => new Date(date.getTime()), timeZone, source: 'option' };
}

const zoneCache = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = zoneCache.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      formatter = null;
    }
    zoneCache.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * TZ as Intl understands it. A POSIX fixed-offset rule without DST such as
 * `UTC-13` or `<+13>-13` (POSIX counts west as positive, like Etc/GMT) maps to
 * Etc/GMT-13; any other rule Intl does not know falls back to the host zone.
 */
function resolveTimeZone(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  const name = tz.startsWith(':') ? tz.slice(1) : tz;
  if (isUtc(name) || formatterFor(name)) return name;
  const posix = /^(?:[A-Za-z]{3,}|<[^>]+>)([+-]?)(\d{1,2})(?::00)?$/.exec(name);
  if (posix) {
    const hours = Number(posix[2]);
    const etc = hours === 0 ? 'Etc/GMT' : `Etc/GMT${posix[1] === '-' ? '-' : '+'}${hours}`;
    if (formatterFor(etc)) return etc;
  }
  return undefined;
}

/** IANA's names of UTC itself (TZ=UTC on most CI runners): local time is UTC, no Intl formatter needed. */
export const UTC_NAMES: ReadonlySet<string> = new Set([
  'UTC',
  'ETC/UTC',
  'UCT',
  'ETC/UCT',
  'GMT',
  'ETC/GMT',
  'GMT0',
  'ETC/GMT0',
  'GMT+0',
  'ETC/GMT+0',
  'GMT-0',
  'ETC/GMT-0',
  'ZULU',
  'ETC/ZULU',
  'UNIVERSAL',
  'ETC/UNIVERSAL',
  'GREENWICH',
  'ETC/GREENWICH',
]);
const isUtc = (timeZone: string): boolean => UTC_NAMES.has(timeZone.toUpperCase());

export function utcParts(date: Date): CalendarParts {
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
  };
}

export function localParts(date: Date, timeZone: string | undefined): CalendarParts {
  if (timeZone && isUtc(timeZone)) return utcParts(date);
  const formatter = timeZone ? formatterFor(timeZone) : null;
  if (!formatter) {
    return {
      year: date.getFullYear(),
      month: date.getMonth() + 1,
      day: date.getDate(),
      hour: date.getHours(),
      minute: date.getMinutes(),
      second: date.getSeconds(),
      millisecond: date.getMilliseconds(),
    };
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
    millisecond: date.getUTCMilliseconds(),
  };
}

/** Offset of local time from UTC at the instant, in minutes (east positive). */
export function utcOffsetMinutes(date: Date, timeZone: string | undefined): number {
  const p = localParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return Math.round((asUtc - date.getTime()) / 60000);
}

/** A calendar date (year, month, day) as a comparable number yyyymmdd. */
export function dayNumber(parts: { year: number; month: number; day: number }): number {
  return parts.year * 10000 + parts.month * 100 + parts.day;
}

export function todayUtc(clock: Clock): CalendarParts {
  return utcParts(clock.now());
}

export function todayLocal(clock: Clock): CalendarParts {
  return localParts(clock.now(), clock.timeZone);
}

/** Formats a zone for messages: "Pacific/Auckland (UTC+13:00)". */
export function describeZone(clock: Clock): string {
  const offset = utcOffsetMinutes(clock.now(), clock.timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${clock.timeZone ?? hostZoneName()} (UTC${sign}${hhmm})`;
}

/** The host's own zone, named for messages when TZ does not name one. */
function hostZoneName(): string {
  const name = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return name ? `host time zone ${name}` : 'host time zone';
}

/** Date.UTC, without its mapping of years 0-99 to 1900-1999. */
function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an ISO-8601 instant. With Z or an offset it is exact; without one it
 * is a wall-clock time in the local zone (TZ), as a user would mean it.
 */
export function parseInstant(text: string, what: string, localZone: string | undefined | (() => string | undefined)): Date {
  const m = ISO.exec(text.trim());
  if (!m) {
    throw new UsageError(`${what}: "${text}" is not an ISO-8601 date-time; use e.g. 2026-11-24T12:30:00Z`);
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const ms = Math.floor(Number(`0.${frac}`) * 1000);
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  if (fields[1] < 1 || fields[1] > 12 || fields[2] < 1 || fields[2] > 31 || fields[3] > 23 || fields[4] > 59 || fields[5] > 60) {
    throw new UsageError(`${what}: "${text}" has a field out of range`);
  }
  const wall = utcMillis(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], ms);
  if (new Date(utcMillis(fields[0], fields[1], fields[2], 12, 0, 0, 0)).getUTCDate() !== fields[2]) {
    throw new UsageError(`${what}: "${text}" is not a real calendar date`);
  }
  if (zone) {
    if (zone.toUpperCase() === 'Z') return new Date(wall);
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
    return new Date(wall - offset * 60000);
  }
  // Wall-clock time in the local zone: find the instant whose local reading is `wall`.
  const timeZone = typeof localZone === 'function' ? localZone() : localZone;
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    guess = wall - utcOffsetMinutes(new Date(guess), timeZone) * 60000;
  }
  return new Date(guess);
}

// The values stampinf writes, validated and resolved in the documented order
// (wdk-tools.md §2.3): PRIVATE_DRIVER_PACKAGE first, then the option, then the
// STAMPINF_DATE / STAMPINF_VERSION variables, then today / ntverp.h. "Today"
// and "now" are the local date and time of the one clock (§1.3).
import { InputError, UsageError } from '../errors.js';
import { formatDriverDate } from '../inf/driverver.js';
import { type Clock, todayLocal } from '../time/clock.js';
import { ntverpVersion } from './ntverp.js';

/** Largest DriverVer version part stampinf accepts. */
export const MAX_VERSION_PART = 65534;

export interface StampDate {
  month: number;
  day: number;
  year: number;
  /** As written into DriverVer. */
  text: string;
}

/** Where a value came from, for messages and --json. */
export type ValueSource = 'option' | 'PRIVATE_DRIVER_PACKAGE' | 'STAMPINF_DATE' | 'STAMPINF_VERSION' | 'ntverp.h' | 'today' | 'now';

export interface StampRequest {
  /** -s; default "Version". */
  section?: string;
  /** -d: "mm/dd/yyyy" or "*"; undefined when not given (or given without a value). */
  date?: string;
  /** -v: "w.x.y.z" or "*"; undefined when not given. */
  version?: string;
  /** -a: the $ARCH$ value; undefined = from the Platform variable, else removed. */
  arch?: string;
  /** -c: CatalogFile to write. */
  catalog?: string;
  /** -k: KMDF "major.minor". */
  kmdf?: string;
  /** -u: UMDF "major.minor[.service]". */
  umdf?: string;
  /** -p: Provider to write (undocumented stampinf option). */
  provider?: string;
  /** Text of ntverp.h (from -i), the last source of the version. */
  ntverp?: { text: string; file: string };
  /** Environment (STAMPINF_DATE, STAMPINF_VERSION, Platform, PRIVATE_DRIVER_PACKAGE). */
  env?: Record<string, string | undefined>;
  /**
   * -x (the WDK's StampInf task passes it on every run): drop the lines that name the framework
   * co-installer through $KMDFCOINSTALLERVERSION$ / $UMDFCOINSTALLERVERSION$ (docs/build.md says why).
   */
  removeCoinstallers?: boolean;
}

export interface ResolvedStamp {
  section: string;
  date: StampDate;
  dateSource: ValueSource;
  version: string;
  versionSource: ValueSource;
  /** The $ARCH$ replacement; '' removes the token. */
  arch: string;
  catalog?: string;
  provider?: string;
  kmdf?: { version: string; coinstaller: string };
  umdf?: { version: string; coinstaller: string };
}

const DATE = /^(\d{2})([/-])(\d{2})\2(\d{4})$/;

/** Parses a DriverVer date as stampinf takes it: mm/dd/yyyy (or mm-dd-yyyy), a real calendar date. */
export function parseStampDate(text: string, what: string, error: (m: string) => Error = (m) => new UsageError(m)): StampDate {
  const m = DATE.exec(text.trim());
  if (!m) throw error(`${what}: "${text}" is not a date written mm/dd/yyyy (two-digit month and day, four-digit year), e.g. 01/31/2026`);
  const month = Number(m[1]);
  const day = Number(m[3]);
  const year = Number(m[4]);
  if (month < 1 || month > 12) throw error(`${what}: "${text}" has month ${m[1]}; the month must be 01 to 12 (the date is mm/dd/yyyy)`);
  if (year < 1601) throw error(`${what}: "${text}" has year ${m[4]}; use a year from 1601 on`);
  const inMonth = month === 2 ? (isLeap(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day < 1 || day > inMonth) throw error(`${what}: "${text}" is not a real calendar date (${monthName(month)} ${year} has ${inMonth} days)`);
  return { month, day, year, text: text.trim() };
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function monthName(m: number): string {
  return ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]!;
}

export function formatStampDate(parts: { month: number; day: number; year: number }): string {
  return formatDriverDate(parts);
}

/** Validates a DriverVer version w.x.y.z: one to four decimal parts, each 0..65534. Returns it as written. */
export function parseStampVersion(text: string, what: string, error: (m: string) => Error = (m) => new UsageError(m)): string {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+){0,3}$/.test(trimmed)) {
    throw error(`${what}: "${text}" is not a version written w.x.y.z (up to four decimal numbers separated by dots), e.g. 1.0.0.0`);
  }
  for (const part of trimmed.split('.')) {
    if (Number(part) > MAX_VERSION_PART) {
      throw error(`${what}: "${text}" has the part ${part}; each version part must be 0 to ${MAX_VERSION_PART}`);
    }
  }
  return trimmed;
}

/** The local date of the clock, as DriverVer writes it. */
export function todayStampDate(clock: Clock): StampDate {
  const p = todayLocal(clock);
  return { month: p.month, day: p.day, year: p.year, text: formatStampDate(p) };
}

/** `-v *`: the local time as H.M.S.ms, no padding (observed 17.6.44.600, 1.58.51.568). */
export function nowStampVersion(clock: Clock): string {
  const p = todayLocal(clock);
  return `${p.hour}.${p.minute}.${p.second}.${p.millisecond}`;
}

/** `-k 1.15` → 1.15 and the co-installer form 01015 (two-digit major, three-digit minor). */
export function frameworkVersion(text: string, what: string, parts: 2 | 3): { version: string; coinstaller: string } {
  const trimmed = text.trim();
  // Two parts are documented for -k and three for -u; both are taken, as given.
  const pattern = /^(\d{1,2})\.(\d{1,3})(?:\.(\d+))?$/;
  const m = pattern.exec(trimmed);
  if (!m) {
    const example = parts === 2 ? '1.15' : '2.15.0';
    throw new UsageError(`${what}: "${text}" is not a framework version written ${parts === 2 ? 'major.minor' : 'major.minor.service'}, e.g. ${example}`);
  }
  return { version: trimmed, coinstaller: `${m[1]!.padStart(2, '0')}${m[2]!.padStart(3, '0')}` };
}

const failed = (m: string) => new InputError(m, 1);

/** Applies the documented precedence and validates every value. */
export function resolveStamp(request: StampRequest, clock: Clock): ResolvedStamp {
  const env = request.env ?? {};
  const isPrivate = env.PRIVATE_DRIVER_PACKAGE !== undefined && env.PRIVATE_DRIVER_PACKAGE !== '';

  let date: StampDate;
  let dateSource: ValueSource;
  if (isPrivate) {
    date = todayStampDate(clock);
    dateSource = 'PRIVATE_DRIVER_PACKAGE';
  } else if (request.date !== undefined && request.date !== '') {
    if (request.date.trim() === '*') {
      date = todayStampDate(clock);
      dateSource = 'today';
    } else {
      date = parseStampDate(request.date, '-d');
      dateSource = 'option';
    }
  } else if (env.STAMPINF_DATE) {
    date = env.STAMPINF_DATE.trim() === '*' ? todayStampDate(clock) : parseStampDate(env.STAMPINF_DATE, 'STAMPINF_DATE', failed);
    dateSource = 'STAMPINF_DATE';
  } else {
    date = todayStampDate(clock);
    dateSource = 'today';
  }

  let version: string;
  let versionSource: ValueSource;
  if (isPrivate) {
    version = nowStampVersion(clock);
    versionSource = 'PRIVATE_DRIVER_PACKAGE';
  } else if (request.version !== undefined && request.version !== '') {
    if (request.version.trim() === '*') {
      version = nowStampVersion(clock);
      versionSource = 'now';
    } else {
      version = parseStampVersion(request.version, '-v');
      versionSource = 'option';
    }
  } else if (env.STAMPINF_VERSION) {
    version = env.STAMPINF_VERSION.trim() === '*' ? nowStampVersion(clock) : parseStampVersion(env.STAMPINF_VERSION, 'STAMPINF_VERSION', failed);
    versionSource = 'STAMPINF_VERSION';
  } else if (request.ntverp) {
    const found = ntverpVersion(request.ntverp.text);
    if (!found) {
      throw failed(`${request.ntverp.file}: no VER_PRODUCTVERSION (or VER_PRODUCTMAJORVERSION/MINORVERSION/BUILD) define found; give the version with -v w.x.y.z`);
    }
    version = parseStampVersion(found, request.ntverp.file, failed);
    versionSource = 'ntverp.h';
  } else {
    throw failed('no DriverVer version: give -v w.x.y.z (or -v * for the local time), set STAMPINF_VERSION, or point -i at the folder holding ntverp.h');
  }

  const arch = request.arch ?? env.Platform ?? env.PLATFORM ?? '';
  const catalog = request.catalog ?? (isPrivate ? 'delta.cat' : undefined);
  return {
    section: request.section ?? 'Version',
    date,
    dateSource,
    version,
    versionSource,
    arch: arch.trim(),
    ...(catalog !== undefined ? { catalog } : {}),
    ...(request.provider !== undefined ? { provider: request.provider } : {}),
    ...(request.kmdf !== undefined ? { kmdf: frameworkVersion(request.kmdf, '-k', 2) } : {}),
    ...(request.umdf !== undefined ? { umdf: frameworkVersion(request.umdf, '-u', 3) } : {}),
  };
}

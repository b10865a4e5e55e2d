// Inf2Cat's signability tests over a driver package (wdk-tools.md §3.4):
// 22.9.1 missing files, 22.9.4 CatalogFile per architecture, 22.9.6 DriverVer
// format, 22.9.7 DriverVer date, 22.9.10 files not in SourceDisksFiles, and
// the decorated-Models check. One diagnostic per problem, even when several
// requested OSes share it.
import { accessSync, constants } from 'node:fs';
import type { Diagnostic } from '../diagnostic.js';
import { archInfo, catalogFileKeys, type Arch } from '../inf/arch.js';
import { manufacturerLines } from '../inf/decorations.js';
import { driverDateNumber, formatDriverDate, parseDriverVer, type DriverDate } from '../inf/driverver.js';
import { dayNumber, describeZone, todayLocal, todayUtc, type CalendarParts, type Clock } from '../time/clock.js';
import { catalogFileFor } from './catalog-file.js';
import { infFiles } from './inf-files.js';
import { infRef, type DriverPackage, type PackageInf } from './load.js';
import { type OsId, resolveOsIds } from './os-ids.js';

/** The architectures whose Models decoration Inf2Cat checks. */
const DECORATION_REQUIRED: ReadonlySet<Arch> = new Set(['x86', 'amd64', 'ia64']);

/** Code of the decorated-Models error, which Inf2Cat prints without a number. */
export const MODELS_CODE = 'inf2cat/models';

export interface CheckOptions {
  /** /os ids, as OsId records or as text (matched case-insensitively). */
  osIds: readonly (OsId | string)[];
  /** /uselocaltime: compare DriverVer with today's local date instead of UTC. */
  useLocalTime?: boolean;
  clock: Clock;
  /**
   * Whether a file the package holds can be read (22.9.1). Default: access(R_OK). Inf2Cat
   * passes a probe that opens and hashes the file for its catalog, so a readable file is
   * opened once; the probe must answer as access(R_OK) would.
   */
  readable?: (path: string) => boolean;
}

export interface PackageDiagnostic extends Diagnostic {
  /** The INF as Inf2Cat names it: `<package folder>\<inf lower-case>`. */
  infRef: string;
}

/** The line Inf2Cat prints for a diagnostic. */
export function formatInf2CatLine(d: Diagnostic): string {
  return d.code === MODELS_CODE ? d.message : `${d.code}: ${d.message}`;
}

/** DriverVer must be on or after these dates for the newest requested OS (Inf2Cat's "too old" 22.9.7). */
const MINIMUM_DATES: { test: (os: OsId) => boolean; date: DriverDate; text: string }[] = [
  { test: (os) => os.major === 6 && os.minor === 1, date: { month: 4, day: 21, year: 2009 }, text: '4/21/2009' },
];

function ymd(parts: CalendarParts): DriverDate {
  return { month: parts.month, day: parts.day, year: parts.year };
}

export function checkPackage(pkg: DriverPackage, options: CheckOptions): PackageDiagnostic[] {
  const oses = resolveOsIds(options.osIds);
  const out: PackageDiagnostic[] = [];
  for (const inf of pkg.infs) out.push(...checkInf(pkg, inf, oses, options));
  return out;
}

function checkInf(pkg: DriverPackage, inf: PackageInf, oses: OsId[], options: CheckOptions): PackageDiagnostic[] {
  const ref = infRef(pkg, inf);
  const doc = inf.doc;
  const out: PackageDiagnostic[] = [];
  const seen = new Set<string>();
  const report = (code: string, message: string, line: number, column: number, fix?: string): void => {
    const key = `${code}\0${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ code, severity: 'error', message, file: inf.path, line, column, infRef: ref, ...(fix ? { fix } : {}) });
  };
  const arches = [...new Set(oses.map((os) => os.arch))];
  const probe = options.readable ?? isReadable;
  const readable = (path: string | undefined): boolean => path !== undefined && probe(path);

  // 22.9.1 and 22.9.10: every file the INF names for each requested architecture.
  for (const arch of arches) {
    for (const file of infFiles(inf, arch)) {
      const lower = file.name.toLowerCase();
      if (!file.listed) {
        // The system's own file (a [Version] LayoutFile): Inf2Cat's 22.9.10 text says
        // so ("ok if ... via LayoutFile"), and Windows-made catalogs exist for such
        // INFs (Adafruit's usbser packages: usbser.sys unlisted, LayoutFile=layout.inf).
        if (file.fromLayout) continue;
        report(
          '22.9.10',
          `${lower} missing from [SourceDisksFiles] section in ${ref}; ok if file source is provided via LayoutFile in [Version].`,
          file.line,
          1,
          `List ${file.name} in [SourceDisksFiles] (or [SourceDisksFiles.${arch}]) with its disk id`,
        );
      } else if (!readable(pkg.fs.resolve(file.relativePath))) {
        report(
          '22.9.1',
          `${lower} in [${file.section.toLowerCase()}] of ${ref} is missing or cannot be decompressed from source media.  Please verify all path values specified in SourceDisksNames, SouceDisksFiles, and CopyFiles sections resolve to the actual location of the file, and are expressed in terms relative to the location of the inf.`,
          file.line,
          1,
          `Put ${file.name} at ${file.relativePath} (relative to the INF), or fix the SourceDisksNames path / SourceDisksFiles subdir`,
        );
      }
    }
  }

  // 22.9.4: a CatalogFile entry for every requested architecture.
  const version = doc.section('Version');
  for (const arch of arches) {
    if (catalogFileFor(doc, arch)) continue;
    const label = archInfo(arch).label;
    report(
      '22.9.4',
      `Missing ${label} CatalogFile entry (${catalogFileKeys(arch).join(', ')}) from [Version] section in ${ref}`,
      version?.line ?? 0,
      1,
      `Add CatalogFile=<name>.cat (or CatalogFile.NT${arch}=...) to [Version]`,
    );
  }

  // 22.9.6 and 22.9.7: the [Version] DriverVer.
  const driverVer = version?.find('DriverVer');
  const parsed = driverVer ? parseDriverVer(driverVer.fields) : undefined;
  if (!driverVer || !parsed || !parsed.ok) {
    report(
      '22.9.6',
      `DriverVer missing or in incorrect format in ${ref}`,
      driverVer?.line ?? version?.line ?? 0,
      1,
      'Write DriverVer=mm/dd/yyyy,w.x.y.z in [Version] (stampinf fills it in)',
    );
  } else {
    const date = parsed.value.date;
    const dateNumber = driverDateNumber(date);
    const utc = todayUtc(options.clock);
    const local = todayLocal(options.clock);
    const reference = options.useLocalTime ? local : utc;
    if (dateNumber > dayNumber(reference)) {
      report(
        '22.9.7',
        `DriverVer set to a date in the future (postdated DriverVer not allowed) in ${ref}.`,
        driverVer.line,
        1,
        futureDateNote(date, utc, local, Boolean(options.useLocalTime), options.clock),
      );
    }
    const minimum = MINIMUM_DATES.filter((m) => oses.some(m.test)).sort((a, b) => driverDateNumber(b.date) - driverDateNumber(a.date))[0];
    if (minimum && dateNumber < driverDateNumber(minimum.date)) {
      report(
        '22.9.7',
        `DriverVer set to incorrect date (must be postdated to ${minimum.text} for newest OS) in ${ref}`,
        driverVer.line,
        1,
        `Set DriverVer to ${formatDriverDate(minimum.date)} or later`,
      );
    }
  }

  // Decorated Models sections: Inf2Cat asks for a Models section of the
  // requested x86, x64 and Itanium architectures (for x86 the undecorated one
  // counts), not of ARM (docs/catalogs.md): a 2019 Inf2Cat wrote an _v63_ARM
  // catalog for an INF whose only Models section is NTarm64. It does not hold the decoration's build against the /os id: the
  // Visual Studio KMDF template (NT$ARCH$.10.0...16299) catalogs with the
  // default /os:10_X64.
  const lines = manufacturerLines(doc);
  if (lines.length > 0) {
    const manufacturer = doc.section('Manufacturer');
    for (const os of oses) {
      if (!DECORATION_REQUIRED.has(os.arch)) continue;
      const decorated = lines.some((l) => l.decorations.some((d) => d.ok && (d.value.arch ?? 'x86') === os.arch));
      // The undecorated fallback (x86) counts only when that Models section exists.
      const undecorated = os.arch === 'x86' && lines.some((l) => doc.has(l.models));
      if (decorated || undecorated) continue;
      const label = archInfo(os.arch).label;
      report(
        MODELS_CODE,
        `${ref} does not have NT${label} decorated model sections`,
        manufacturer?.line ?? 0,
        1,
        `Decorate a [Manufacturer] line with ${archInfo(os.arch).decoration} (e.g. %Mfg%=Standard,${archInfo(os.arch).decoration}) and add the [Standard.${archInfo(os.arch).decoration}] section`,
      );
    }
  }
  return out.sort((a, b) => codeOrder(a.code) - codeOrder(b.code));
}

/** access(R_OK): the readability test of 22.9.1. */
export function isReadable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

function codeOrder(code: string): number {
  const m = /^22\.9\.(\d+)$/.exec(code);
  return m ? Number(m[1]) : 1000;
}

/** The one wdksim line after a future-date 22.9.7: which clock said "future", and the two fixes. */
function futureDateNote(date: DriverDate, utc: CalendarParts, local: CalendarParts, useLocalTime: boolean, clock: Clock): string {
  const d = formatDriverDate(date);
  const u = formatDriverDate(ymd(utc));
  const l = formatDriverDate(ymd(local));
  const zone = describeZone(clock);
  const n = driverDateNumber(date);
  if (!useLocalTime && n <= dayNumber(local)) {
    return `DriverVer ${d} is after today's UTC date ${u}, which inf2cat checks by default, but not after the local date ${l} in ${zone}; run inf2cat with /uselocaltime, or stamp with STAMPINF_DATE set to the UTC date (stampinf -d * uses the local date).`;
  }
  if (useLocalTime && n <= dayNumber(utc)) {
    return `DriverVer ${d} is after today's local date ${l} in ${zone}, which /uselocaltime checks, but not after the UTC date ${u}; run inf2cat without /uselocaltime, or stamp with the local date (stampinf -d * without STAMPINF_DATE).`;
  }
  return `DriverVer ${d} is after both today's UTC date ${u} and the local date ${l} in ${zone}; set DriverVer to today or earlier (stampinf -d *), or check --now / the system clock.`;
}

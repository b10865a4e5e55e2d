// DriverVer = mm/dd/yyyy[,w.x.y.z] (inf-format.md §2.1.1): two-digit month and
// day, four-digit year, '-' may replace '/'; version parts 0..65534, all four
// present (InfVerif 1217 wants w.x.y.z), 0.0.0.0 invalid.
export interface DriverVerCheck {
  dateError?: string;
  versionError?: string;
}

export function checkDriverVerDate(date: string): string | undefined {
  const m = /^(\d{2})[/-](\d{2})[/-](\d{4})$/.exec(date.trim());
  if (!m) return `"${date}" is not MM/DD/YYYY`;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12) return `month ${m[1]} is not 01..12`;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day < 1 || day > days) return `day ${m[2]} does not exist in month ${m[1]}`;
  if (year < 1980) return `year ${m[3]} is before 1980`;
  return undefined;
}

export function checkDriverVerVersion(version: string): string | undefined {
  const parts = version.trim().split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,5}$/.test(p))) return `"${version}" is not w.x.y.z`;
  // Microsoft documents each part as less than 65535 (INF DriverVer directive), as stampinf checks.
  if (parts.some((p) => Number(p) > 65534)) return `each part of "${version}" must be 0..65534`;
  if (parts.every((p) => Number(p) === 0)) return '0.0.0.0 is not a valid version';
  return undefined;
}

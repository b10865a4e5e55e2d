// InfVerif's console format (wdk-tools.md §4.2):
//   ERROR(1203) in C:\full\path.inf, line 12: message
//   WARNING(2010) in C:\full\path.inf, line 5, target OS NTamd64: message
// With /v the header lines InfVerif prints in verbose mode and a verdict per INF.
import { basename } from 'node:path';
import type { FileReport, Formatter, ReportInput, StreamFormatter } from './types.js';

const MODE_LINE: Record<string, string> = {
  u: 'Running Universal INF check',
  w: 'Running Windows Driver INF check',
  k: 'Running Declarative INF check',
  h: 'Running signature requirements check',
};

/** The /v header lines, before the first INF (none without /v). */
function headLines(input: Omit<ReportInput, 'files'>): string[] {
  if (!input.verbose) return [];
  if (input.banner) return [...input.banner];
  const mode = MODE_LINE[input.mode];
  return mode ? ['Running in Verbose', mode] : ['Running in Verbose'];
}

/** One INF's lines: its findings (and with /v its name and verdict). */
function fileLines(input: Omit<ReportInput, 'files'>, f: FileReport): string[] {
  const out: string[] = [];
  const path = f.absolute ?? f.file;
  // "Validating delete.inf" after a blank line (Windows-driver-samples#553, #848).
  if (input.verbose) out.push('', `Validating ${basename(f.file)}`);
  for (const d of f.diagnostics) {
    const os = d.targetOs ? `, target OS ${d.targetOs}` : '';
    out.push(`${d.severity === 'error' ? 'ERROR' : 'WARNING'}(${d.code}) in ${path}, line ${d.line}${os}: ${d.message}`);
  }
  if (input.verbose) out.push(f.diagnostics.some((d) => d.severity === 'error') ? 'INF is NOT VALID' : 'INF is VALID');
  return out;
}

const lines = (out: string[]): string => (out.length > 0 ? `${out.join('\n')}\n` : '');

/** The same text, written as each INF is done (infverif over many files prints as it goes). */
export const textStream: StreamFormatter = {
  head: (input) => lines(headLines(input)),
  file: (input, f) => lines(fileLines(input, f)),
};

export const text: Formatter = (input: ReportInput) => lines([...headLines(input), ...input.files.flatMap((f) => fileLines(input, f))]);

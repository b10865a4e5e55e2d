// What every formatter receives: one result per INF, the rule metadata, and
// the run's settings. A formatter is a pure function from this to text.
import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../diagnostic.js';
import type { Mode, RuleMeta } from '../rules/types.js';

export type ReportDiagnostic = Diagnostic & { targetOs?: string };

export interface FileReport {
  /** The path as the user named it (or "<stdin>"). */
  file: string;
  /** Absolute path (the user's path resolved against cwd); undefined for stdin. */
  absolute?: string;
  diagnostics: ReportDiagnostic[];
  /** Text of a 1-based line, for code frames. */
  lineText?: (line: number) => string;
}

export interface ReportInput {
  files: FileReport[];
  rules: ReadonlyMap<string, RuleMeta>;
  cwd: string;
  chalk: ChalkInstance;
  tool: { name: string; version: string };
  mode: Mode;
  verbose: boolean;
  /** The /v lines InfVerif prints before the first INF (the kit's mode banner); text format only. */
  banner?: string[];
}

export type Formatter = (input: ReportInput) => string;

/**
 * A line-oriented format in pieces, so a long run prints each file's lines as it is done and
 * keeps no findings: head + file(f) for each file, concatenated, is the Formatter's text.
 */
export interface StreamFormatter {
  head: (input: Omit<ReportInput, 'files'>) => string;
  file: (input: Omit<ReportInput, 'files'>, f: FileReport) => string;
}

export function counts(files: FileReport[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of files) for (const d of f.diagnostics) d.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}

/** How findings are titled: InfVerif's own name for infverif, the tool's name otherwise (doctor). */
export function toolLabel(tool: { name: string }): string {
  return /infverif/i.test(tool.name) ? 'InfVerif' : tool.name;
}

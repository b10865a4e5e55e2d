// The one diagnostic record every part of wdksim reports: parse problems,
// infverif rules, inf2cat checks and doctor findings. Flat and JSON-safe.

export type Severity = 'error' | 'warning' | 'note';

export interface Position {
  /** 1-based line (counted by LF, as Windows counts). 0 means "the whole file". */
  line: number;
  /** 1-based column in UTF-16 code units of the decoded line. */
  column: number;
  /** 0-based UTF-16 index into the decoded text. */
  offset: number;
}

export interface Span {
  start: Position;
  /** Exclusive end. */
  end: Position;
}

export interface Diagnostic {
  /** InfVerif's number as a string ("1203"), ours from 9000, or an inf2cat code ("22.9.7"). */
  code: string;
  severity: Severity;
  message: string;
  /** File as the user named it. */
  file?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** One line on how to fix it. */
  fix?: string;
}

export function diagnosticAt(code: string, severity: Severity, message: string, span: Span | undefined, extra: Partial<Diagnostic> = {}): Diagnostic {
  return {
    code,
    severity,
    message,
    line: span?.start.line ?? 0,
    column: span?.start.column ?? 0,
    ...(span ? { endLine: span.end.line, endColumn: span.end.column } : {}),
    ...extra,
  };
}

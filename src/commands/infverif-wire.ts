// What one checked INF looks like on its way from a worker thread to the
// main thread (infverif-pool.ts, infverif-batch.ts): plain data a worker can post.
import type { ReportDiagnostic } from '../report/types.js';

/** One file's outcome in a form a worker can post: findings and the lines they point at, or the input error. */
export type CheckedInf = { report: WireReport } | { inputError: string };

export interface WireReport {
  file: string;
  absolute?: string;
  diagnostics: ReportDiagnostic[];
  /** [line number, text] for each line a finding points at. */
  lines: [number, string][];
}

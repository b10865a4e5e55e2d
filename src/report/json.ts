// One JSON document: an array with one object per INF (the ESLint JSON shape).
import { counts, type Formatter } from './types.js';
import type { LintJsonFile } from '../json-records.js';

export const json: Formatter = (input) => {
  const files = input.files.map((f): LintJsonFile => {
    const c = counts([f]);
    return {
      filePath: f.absolute ?? f.file,
      messages: f.diagnostics.map((d) => {
        const rule = input.rules.get(d.code);
        return {
          ruleId: d.code,
          ...(rule ? { ruleName: rule.name } : {}),
          severity: d.severity,
          message: d.message,
          line: d.line,
          column: d.column,
          ...(d.endLine !== undefined ? { endLine: d.endLine } : {}),
          ...(d.endColumn !== undefined ? { endColumn: d.endColumn } : {}),
          ...(d.targetOs ? { targetOs: d.targetOs } : {}),
          ...(d.fix ? { fix: d.fix } : {}),
          ...(rule ? { docsUrl: rule.docsUrl } : {}),
        };
      }),
      errorCount: c.errors,
      warningCount: c.warnings,
    };
  });
  return `${JSON.stringify(files, null, 2)}\n`;
};

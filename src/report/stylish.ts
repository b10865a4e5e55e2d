// The terminal format: findings grouped by file, each with a code frame of
// the offending line and a caret under the span; colours come from the
// injected chalk instance so --no-color and NO_COLOR work and snapshots stay plain.
import { relative } from 'node:path';
import { counts, type FileReport, type Formatter, type ReportDiagnostic } from './types.js';
import type { ChalkInstance } from 'chalk';

function frame(f: FileReport, d: ReportDiagnostic, chalk: ChalkInstance): string[] {
  if (!f.lineText || d.line < 1) return [];
  const raw = f.lineText(d.line);
  const text = raw.replace(/\t/g, ' ');
  if (text.trim() === '') return [];
  const shown = text.length > 160 ? `${text.slice(0, 157)}...` : text;
  const gutter = String(d.line);
  const start = Math.max(1, d.column || 1);
  const end = d.endColumn !== undefined && (d.endLine ?? d.line) === d.line ? Math.max(start + 1, d.endColumn) : start + 1;
  const width = Math.max(1, Math.min(end, shown.length + 1) - start);
  const pad = ' '.repeat(gutter.length);
  return [`    ${chalk.dim(`${gutter} |`)} ${shown}`, `    ${chalk.dim(`${pad} |`)} ${' '.repeat(Math.min(start - 1, shown.length))}${chalk.red('^'.repeat(width))}`];
}

export const stylish: Formatter = (input) => {
  const { chalk } = input;
  const out: string[] = [];
  for (const f of input.files) {
    if (f.diagnostics.length === 0) continue;
    const name = f.absolute ? relative(input.cwd, f.absolute) || f.file : f.file;
    out.push(chalk.underline(name));
    for (const d of f.diagnostics) {
      const where = `${d.line}:${d.column}`;
      const sev = d.severity === 'error' ? chalk.red('error') : chalk.yellow('warning');
      const rule = input.rules.get(d.code);
      const os = d.targetOs ? ` (target OS ${d.targetOs})` : '';
      out.push(
        `  ${chalk.dim(where.padEnd(7))} ${sev.padEnd(d.severity === 'error' ? sev.length + 2 : sev.length)}  ${d.message}${os}  ${chalk.dim(`${d.code}${rule ? ` ${rule.name}` : ''}`)}`,
      );
      out.push(...frame(f, d, chalk));
      if (d.fix) out.push(`    ${chalk.cyan('fix:')} ${d.fix}`);
    }
    out.push('');
  }
  const c = counts(input.files);
  const total = c.errors + c.warnings;
  if (total > 0) {
    const line = `✖ ${total} problem${total === 1 ? '' : 's'} (${c.errors} error${c.errors === 1 ? '' : 's'}, ${c.warnings} warning${c.warnings === 1 ? '' : 's'})`;
    out.push(c.errors > 0 ? chalk.red.bold(line) : chalk.yellow.bold(line));
  } else {
    out.push(chalk.green(`✔ ${input.files.length} INF file${input.files.length === 1 ? '' : 's'} checked, no problems`));
  }
  return `${out.join('\n')}\n`;
};

// What Inf2Cat prints (wdk-tools.md §3.5): progress dots (or /verbose lines),
// the Errors/Warnings report, the catalogs written, and its exception path.
// Shared by the inf2cat command and the build log, so both print the same.
import { basename, relative, sep } from 'node:path';
import { formatInf2CatLine } from './checks.js';
import type { Inf2CatHooks, Inf2CatResult } from './inf2cat.js';

export interface Inf2CatText {
  hooks: Inf2CatHooks;
  /** Ends the progress line (if dots were printed). */
  endProgress(): void;
}

/** Hooks that write Inf2Cat's text: a dot per step (a line with /verbose), then the report. */
export function inf2catText(write: (text: string) => void, verbose: boolean): Inf2CatText {
  let dots = 0;
  const endProgress = (): void => {
    if (dots > 0) write('\n');
    dots = 0;
  };
  return {
    endProgress,
    hooks: {
      step(message) {
        if (verbose) write(`${message}\n`);
        else {
          write('.');
          dots++;
        }
      },
      checked(result) {
        endProgress();
        write(signabilityReport(result));
      },
    },
  };
}

/** The report: "Signability test complete." (or failed), then Errors and Warnings. */
export function signabilityReport(result: Pick<Inf2CatResult, 'diagnostics' | 'errors'>): string {
  const out: string[] = [result.errors ? 'Signability test failed.' : 'Signability test complete.', '', 'Errors:'];
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const warnings = result.diagnostics.filter((d) => d.severity !== 'error');
  if (errors.length === 0) out.push('None');
  for (const d of errors) {
    out.push(formatInf2CatLine(d));
    if (d.code === '22.9.7' && d.fix && d.message.includes('in the future')) out.push(`wdksim: ${d.fix}`);
  }
  out.push('', 'Warnings:');
  if (warnings.length === 0) out.push('None');
  for (const d of warnings) out.push(formatInf2CatLine(d));
  return `${out.join('\n')}\n`;
}

/**
 * After the catalogs are written: "Catalog generation complete." and their
 * paths. With /verbose (`packageDir` given), each path is followed by the files
 * the catalog holds (relative to the package) and why: the INF and section that
 * named each, so a multi-architecture or multi-INF package shows where every
 * member came from (a wdksim addition; Inf2Cat prints the paths only).
 */
export function catalogsWrittenText(result: Pick<Inf2CatResult, 'catalogs'>, packageDir?: string): string {
  const lines = ['', 'Catalog generation complete.'];
  for (const plan of result.catalogs) {
    lines.push(plan.path);
    if (packageDir === undefined) continue;
    const width = Math.max(...plan.members.map((m) => rel(packageDir, m.path).length));
    for (const m of plan.members) {
      const shown = rel(packageDir, m.path);
      const renamed = m.name.toLowerCase() !== basename(m.path).toLowerCase() ? ` as ${m.name.toLowerCase()}` : '';
      lines.push(`    ${shown.padEnd(width)}  ${m.reason}${renamed}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function rel(dir: string, path: string): string {
  return relative(dir, path).split(sep).join('\\');
}

/** Inf2Cat's exception path: blank line, the message, "Signability test failed.". */
export function failureText(message: string): string {
  return `\n${message}\nSignability test failed.\n`;
}

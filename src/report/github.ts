// GitHub Actions workflow commands: one annotation per finding.
//   ::error file=drv/x.inf,line=12,col=5,endColumn=9,title=InfVerif 1203 (section-not-found)::message
import { relative, sep } from 'node:path';
import { toolLabel, type FileReport, type Formatter, type ReportInput, type StreamFormatter } from './types.js';

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function fileLines(input: Omit<ReportInput, 'files'>, f: FileReport): string[] {
  const out: string[] = [];
  const file = f.absolute ? relative(input.cwd, f.absolute).split(sep).join('/') : f.file;
  for (const d of f.diagnostics) {
    const rule = input.rules.get(d.code);
    const props = [`file=${escapeProperty(file)}`, `line=${Math.max(1, d.line)}`];
    if (d.line > 0 && d.column > 0) props.push(`col=${d.column}`);
    if (d.line > 0 && d.endColumn !== undefined && (d.endLine ?? d.line) === d.line) props.push(`endColumn=${d.endColumn}`);
    props.push(`title=${escapeProperty(`${toolLabel(input.tool)} ${d.code}${rule ? ` (${rule.name})` : ''}`)}`);
    const fix = d.fix ? ` Fix: ${d.fix}` : '';
    out.push(`::${d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice'} ${props.join(',')}::${escapeData(d.message + fix)}`);
  }
  return out;
}

const lines = (out: string[]): string => (out.length > 0 ? `${out.join('\n')}\n` : '');

/** The same annotations, written as each file is done. */
export const githubStream: StreamFormatter = { head: () => '', file: (input, f) => lines(fileLines(input, f)) };

export const github: Formatter = (input) => lines(input.files.flatMap((f) => fileLines(input, f)));

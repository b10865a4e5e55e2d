// InfVerif's console format (wdk-tools.md §4.2):
//   ERROR(1203) in C:\full\path.inf, line 12: message
//   WARNING(2010) in C:\full\path.inf, line 5, target OS NTamd64: message
// With /v the header lines InfVerif prints in verbose mode and a verdict per INF.
import { basename } from 'node:path';
import type { Formatter, ReportInput } from './types.js';

const MODE_LINE: Record<string, string> = {
  u: 'Running Universal INF check',
  w: 'Running Windows Driver INF check',
  k: 'Running Declarative INF check',
  h: 'Running signature requirements check',
};

export const text: Formatter = (input: ReportInput) => {
  const out: string[] = [];
  if (input.verbose) {
    if (input.banner) out.push(...input.banner);
    else {
      out.push('Running in Verbose');
      const mode = MODE_LINE[input.mode];
      if (mode) out.push(mode);
    }
  }
  for (const f of input.files) {
    const path = f.absolute ?? f.file;
    // "Validating delete.inf" after a blank line (Windows-driver-samples#553, #848).
    if (input.verbose) out.push('', `Validating ${basename(f.file)}`);
    for (const d of f.diagnostics) {
      const os = d.targetOs ? `, target OS ${d.targetOs}` : '';
      out.push(`${d.severity === 'error' ? 'ERROR' : 'WARNING'}(${d.code}) in ${path}, line ${d.line}${os}: ${d.message}`);
    }
    if (input.verbose) out.push(f.diagnostics.some((d) => d.severity === 'error') ? 'INF is NOT VALID' : 'INF is VALID');
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
};

// Evidence locations in text files (project files, INFs, wdksim.json):
// the first line matching a pattern, with its column span.
import { readFileSync } from 'node:fs';
import { relative, isAbsolute, sep } from 'node:path';

export interface TextFile {
  /** Absolute path. */
  path: string;
  /** As shown: relative to the working directory when under it. */
  display: string;
  lines: string[];
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
}

export function readText(path: string, cwd: string): TextFile {
  let text = readFileSync(path).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { path, display: displayPath(path, cwd), lines: text.split(/\r?\n/) };
}

export interface Located {
  line: number;
  column?: number;
  endColumn?: number;
}

/** The first line where pattern matches (case-insensitive), spanning the match; line 0 (whole file) if none. */
export function findLine(file: TextFile | undefined, ...patterns: (RegExp | string)[]): Located {
  if (!file) return { line: 0 };
  for (const p of patterns) {
    const re = typeof p === 'string' ? new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : p;
    for (let i = 0; i < file.lines.length; i++) {
      const m = re.exec(file.lines[i]!);
      if (m) return { line: i + 1, column: m.index + 1, endColumn: m.index + 1 + Math.max(1, m[0].length) };
    }
  }
  return { line: 0 };
}

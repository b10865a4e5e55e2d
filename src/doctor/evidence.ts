// Evidence locations in text files (project files, INFs, wdksim.json):
// the first line matching a pattern, with its column span.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

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

/**
 * Where a project setting is written: the project file, else a .props file
 * beside it, else the Directory.Build.props MSBuild imports from the folders
 * above (settings shared by a repository's drivers live there).
 */
export function findInProject(projectFile: TextFile | undefined, cwd: string, ...patterns: RegExp[]): Located & { file?: string } {
  if (!projectFile) return { line: 0 };
  const candidates: string[] = [];
  const dir = dirname(projectFile.path);
  try {
    for (const name of readdirSync(dir).sort()) if (/\.props$/i.test(name)) candidates.push(join(dir, name));
  } catch {
    // unreadable folder: no .props evidence
  }
  for (let d = dir; ; d = dirname(d)) {
    const file = join(d, 'Directory.Build.props');
    if (existsSync(file)) {
      candidates.push(file);
      break;
    }
    if (dirname(d) === d) break;
  }
  const files: { file: string; text: TextFile }[] = [{ file: 'project', text: projectFile }];
  for (const path of [...new Set(candidates)]) {
    try {
      files.push({ file: path, text: readText(path, cwd) });
    } catch {
      // unreadable .props: not evidence
    }
  }
  // The patterns are in order of preference: the first one found in any of the files wins.
  for (const pattern of patterns) {
    for (const { file, text } of files) {
      const hit = findLine(text, pattern);
      if (hit.line > 0) return { ...hit, file };
    }
  }
  return { line: 0, file: 'project' };
}

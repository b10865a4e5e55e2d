// MSBuild item and import wildcards: `*`, `?` and `**` matched against the
// file system, results sorted (learn.microsoft.com/visualstudio/msbuild/how-to-select-the-files-to-build).
import { readdirSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';

const hostPath = (path: string) => path.replace(/\\/g, '/');

/**
 * Expands `*`, `?` and `**` against a folder, as MSBuild's item wildcards do
 * (learn.microsoft.com/visualstudio/msbuild/how-to-select-the-files-to-build); results sorted.
 */
export function expandWildcard(spec: string, baseDir: string): string[] {
  if (!/[*?]/.test(spec)) return [spec];
  const normal = hostPath(spec);
  const segments = normal.split('/');
  const firstWild = segments.findIndex((s) => /[*?]/.test(s));
  const fixed = segments.slice(0, firstWild).join('/');
  const prefix = spec.slice(0, fixed === '' ? 0 : fixed.length + 1);
  const rest = segments.slice(firstWild);
  const toRegex = (p: string) =>
    new RegExp(
      `^${p
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      'i',
    );
  const results: string[] = [];
  const walk = (dir: string, rel: string, parts: string[], depth: number) => {
    if (depth > 16 || results.length > 10000) return;
    const [head, ...tail] = parts;
    if (head === undefined) return;
    let names: Dirent[];
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (head === '**') {
      walk(dir, rel, tail, depth + 1);
      for (const d of names) if (d.isDirectory()) walk(join(dir, d.name), `${rel}${d.name}/`, parts, depth + 1);
      return;
    }
    const re = toRegex(head);
    for (const d of names) {
      if (!re.test(d.name)) continue;
      if (tail.length === 0) {
        if (d.isFile()) results.push(`${rel}${d.name}`);
      } else if (d.isDirectory()) walk(join(dir, d.name), `${rel}${d.name}/`, tail, depth + 1);
    }
  };
  walk(resolve(baseDir, fixed === '' ? '.' : fixed), '', rest, 0);
  const sep = spec.includes('\\') ? '\\' : '/';
  return results.sort().map((r) => prefix + r.split('/').join(sep));
}

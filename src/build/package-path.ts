// Where a file the INF names goes in the package folder, as SourceDisksNames
// and SourceDisksFiles lay it out, refusing any layout that would leave the
// package folder (`..`, a drive or a rooted path): the build writes only
// inside the project's output folders.
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { InfDocument } from '../inf/document.js';

export class PackagePathError extends Error {}

/** The INF line that gives a path with `..` (SourceDisksNames path, SourceDisksFiles subdirectory). */
function offendingLine(doc: InfDocument, infFile: string): string {
  for (const section of doc.sections) {
    const lower = section.name.toLowerCase();
    const field = lower.startsWith('sourcedisksnames') ? 3 : lower.startsWith('sourcedisksfiles') ? 1 : -1;
    if (field < 0) continue;
    for (const entry of section.entries) {
      const path = entry.fields[field]?.trim() ?? '';
      if (path.split(/[\\/]+/).includes('..') || /^[A-Za-z]:/.test(path)) {
        return `${infFile}(${entry.line}): [${section.name}] ${entry.key ?? ''} gives the path "${path}"`;
      }
    }
  }
  return infFile;
}

/**
 * The package path of `file` given its INF-relative path `rel` (or undefined: the package root).
 * Throws PackagePathError naming the INF line when the result would be outside `packageDir`.
 */
export function packagePathFor(packageDir: string, file: string, rel: string | undefined, doc: InfDocument | undefined, infFile: string): string {
  const target = join(packageDir, rel ? dirname(rel) : '.', basename(file));
  const inside = relative(resolve(packageDir), resolve(target));
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || (rel !== undefined && /^[A-Za-z]:/.test(rel))) {
    const where = doc ? offendingLine(doc, infFile) : infFile;
    throw new PackagePathError(
      `${where}: ${basename(file)} would be written outside the package folder (${rel}); wdksim build writes only inside the package folder. Give SourceDisksNames a path inside the package (e.g. "" or a subfolder), as Windows requires of a driver package`,
    );
  }
  return target;
}

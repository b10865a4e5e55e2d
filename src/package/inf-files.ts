// The files of a package's INF per architecture, worked out once: the checks
// and the catalog plans both ask, and a package of 10,000 files must not pay
// for the walk several times. Architectures the INF has no file-related
// sections for (a decorated Models section does not count) share one answer.
import type { Arch } from '../inf/arch.js';
import { manufacturerLines } from '../inf/decorations.js';
import type { InfDocument } from '../inf/document.js';
import { referencedFiles, type FileReference } from './files.js';
import type { PackageInf } from './load.js';

const cache = new WeakMap<PackageInf, Map<string, FileReference[]>>();

/** Whether the INF has a section decorated for the architecture other than a Models section. */
export function hasFileSectionsFor(doc: InfDocument, arch: Arch): boolean {
  const models = new Set<string>();
  for (const line of manufacturerLines(doc)) for (const d of line.decorations) if (d.ok) models.add(`${line.models}.${d.value.text}`.toLowerCase());
  const pattern = new RegExp(`\\.(nt)?${arch}(\\.|$)`, 'i');
  return doc.sections.some((s) => pattern.test(s.name) && !models.has(s.name.toLowerCase()));
}

/** referencedFiles(inf.doc, arch), computed once per INF and architecture class. */
export function infFiles(inf: PackageInf, arch: Arch): FileReference[] {
  let byArch = cache.get(inf);
  if (!byArch) cache.set(inf, (byArch = new Map()));
  const key = hasFileSectionsFor(inf.doc, arch) ? arch : 'plain';
  let files = byArch.get(key);
  if (!files) byArch.set(key, (files = referencedFiles(inf.doc, arch)));
  return files;
}

// The files an INF names for one architecture (inf-format.md §2.9-§2.11):
// CopyFiles file-list sections and `@file` forms in the install sections that
// apply to the architecture, plus SourceDisksFiles entries; each located
// through SourceDisksNames path + SourceDisksFiles subdir, arch-decorated
// sections first, then the undecorated ones, per file and per disk id.
import type { Arch } from '../inf/arch.js';
import type { InfDocument, InfEntry, InfSection } from '../inf/document.js';
import { platformSectionNames } from '../inf/ddinstall.js';

export interface FileReference {
  /** Source file name as the INF writes it. */
  name: string;
  /** The section that names it: a CopyFiles list, the install section for `@file`, or SourceDisksFiles. */
  section: string;
  line: number;
  /** Listed in [SourceDisksFiles] or [SourceDisksFiles.<arch>]. */
  listed: boolean;
  /** The SourceDisksFiles section that lists it, as written. */
  sourceSection?: string;
  /** Path relative to the INF's directory, `/`-separated, as SourceDisksNames/Files imply. */
  relativePath: string;
  /** The name a CopyFiles entry `dest,source` gives the file on the target, when it differs from `name`. */
  destName?: string;
  /**
   * Not listed, and [Version] names a LayoutFile (layout.inf): the file is the
   * system's own (usbser.sys), taken from Windows' layout, not from the package.
   */
  fromLayout?: boolean;
}

/** Whether [Version] names a LayoutFile: unlisted files then come from the system's layout. */
export function hasLayoutFile(doc: InfDocument): boolean {
  return Boolean(doc.section('Version')?.find('LayoutFile'));
}

const ARCH_COMPONENT = /\.nt(x86|amd64|arm64|arm|ia64)?(?=\.|$)/i;

/**
 * Whether an install section (one with CopyFiles) is used on the architecture:
 * `X.NT<other>` never; `X.NT` and `X` only when no more specific variant exists
 * (the DDInstall suffix rule of inf-format.md §2.4, applied to any section).
 */
export function sectionAppliesToArch(doc: InfDocument, name: string, arch: Arch): boolean {
  const m = ARCH_COMPONENT.exec(name);
  if (m) {
    const sectionArch = m[1]?.toLowerCase();
    if (sectionArch) return sectionArch === arch;
    const base = name.slice(0, m.index);
    const rest = name.slice(m.index + m[0].length);
    return !doc.has(`${platformSectionNames(base, arch)[0]}${rest}`);
  }
  // Undecorated X: a companion like X.Services is not an install section variant.
  const [forArch, forNt] = platformSectionNames(name, arch);
  return !doc.has(forArch) && !doc.has(forNt);
}

/** A CopyFiles list entry's destination and source names (`dest[,source]`), trimmed, '' when absent. */
function destAndSource(entry: InfEntry): [string, string] {
  const dest = entry.hasEquals ? (entry.key ?? '') : (entry.fields[0] ?? '');
  const source = entry.hasEquals ? (entry.fields[0] ?? '') : (entry.fields[1] ?? '');
  return [dest.trim(), source.trim()];
}

// One case-insensitive index per SourceDisksFiles/SourceDisksNames section,
// built once: a package of 10,000 files must not scan the section per file.
const indexes = new WeakMap<InfSection, Map<string, InfEntry>>();

function entryIndex(section: InfSection): Map<string, InfEntry> {
  let index = indexes.get(section);
  if (!index) {
    index = new Map();
    for (const entry of section.entries) {
      const key = entry.key?.trim().toLowerCase();
      // The first entry wins, as InfSection.find does.
      if (key !== undefined && !index.has(key)) index.set(key, entry);
    }
    indexes.set(section, index);
  }
  return index;
}

function findListed(doc: InfDocument, base: string, arch: Arch, key: string): { section: InfSection; entry: InfEntry } | undefined {
  for (const name of [`${base}.${arch}`, base]) {
    const section = doc.section(name);
    const entry = section ? entryIndex(section).get(key.trim().toLowerCase()) : undefined;
    if (section && entry) return { section, entry };
  }
  return undefined;
}

/** A file the system's layout provides: [Version] names a LayoutFile and no [SourceDisksFiles] lists it. */
export function fromSystemLayout(doc: InfDocument, arch: Arch, name: string): boolean {
  return hasLayoutFile(doc) && findListed(doc, 'SourceDisksFiles', arch, name) === undefined;
}

/** Path of a file relative to the INF directory, from its SourceDisksFiles entry and disk. */
function sourcePath(doc: InfDocument, arch: Arch, name: string, files: InfEntry | undefined, folders: Map<string, string>): string {
  if (!files) return name;
  const diskId = files.fields[0]?.trim() ?? '';
  const subdir = files.fields[1]?.trim() ?? '';
  // The folder of a disk id + subdir pair is worked out once per call.
  const key = `${diskId}\0${subdir}`;
  let folder = folders.get(key);
  if (folder === undefined) {
    const disk = diskId === '' ? undefined : findListed(doc, 'SourceDisksNames', arch, diskId)?.entry;
    const diskPath = disk?.fields[3]?.trim() ?? '';
    // A leading `\` means "from the package root", which is the INF's directory here.
    folder = [diskPath, subdir]
      .flatMap((part) => part.split(/[\\/]+/))
      .filter((part) => part !== '' && part !== '.')
      .join('/');
    folders.set(key, folder);
  }
  // A plain name (the usual case) is its own path; only names with folders are split.
  const rest = /[\\/]|^\.$/.test(name)
    ? name
        .split(/[\\/]+/)
        .filter((part) => part !== '' && part !== '.')
        .join('/')
    : name;
  return folder === '' ? rest : rest === '' ? folder : `${folder}/${rest}`;
}

/** Every file the INF names for the architecture, de-duplicated case-insensitively, in INF order. */
export function referencedFiles(doc: InfDocument, arch: Arch): FileReference[] {
  const out = new Map<string, FileReference>();
  const folders = new Map<string, string>();
  const layout = hasLayoutFile(doc);
  // [SourceDisksFiles.<arch>] then [SourceDisksFiles], each indexed once (findListed per file would look the sections up again).
  const sourceLists = [doc.section(`SourceDisksFiles.${arch}`), doc.section('SourceDisksFiles')]
    .filter((section): section is InfSection => section !== undefined)
    .map((section) => ({ section, index: entryIndex(section) }));
  const add = (name: string, section: string, line: number, destName?: string): void => {
    const lower = name.toLowerCase();
    if (name === '' || out.has(lower)) return;
    const key = lower.trim();
    let listed: { section: InfSection; entry: InfEntry } | undefined;
    for (const list of sourceLists) {
      const entry = list.index.get(key);
      if (entry) {
        listed = { section: list.section, entry };
        break;
      }
    }
    const relativePath = sourcePath(doc, arch, name, listed?.entry, folders);
    // Built without object spreads (one per file of a 10,000-file package); same keys in the same order.
    const ref: FileReference = listed
      ? { name, section, line, listed: true, sourceSection: listed.section.name, relativePath }
      : layout
        ? { name, section, line, listed: false, fromLayout: true, relativePath }
        : { name, section, line, listed: false, relativePath };
    if (destName !== undefined && destName !== '' && destName.toLowerCase() !== lower) ref.destName = destName;
    out.set(lower, ref);
  };
  for (const section of doc.sections) {
    const directives = section.findAll('CopyFiles');
    if (directives.length === 0 || !sectionAppliesToArch(doc, section.name, arch)) continue;
    for (const directive of directives) {
      for (const raw of directive.fields) {
        const value = raw.trim();
        if (value.startsWith('@')) {
          add(value.slice(1).trim(), section.name, directive.line);
          continue;
        }
        const list = doc.section(value);
        if (!list) continue;
        for (const entry of list.entries) {
          const [dest, source] = destAndSource(entry);
          add(source !== '' ? source : dest, list.name, entry.line, dest);
        }
      }
    }
  }
  // Files listed for the architecture but not copied are still part of the package.
  for (const name of [`SourceDisksFiles.${arch}`, 'SourceDisksFiles']) {
    const section = doc.section(name);
    if (!section) continue;
    for (const entry of section.entries) {
      const file = entry.key?.trim();
      if (file) add(file, section.name, entry.line);
    }
  }
  return [...out.values()];
}

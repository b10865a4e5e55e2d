// The catalogs Inf2Cat would write for a package (catalog-format.md §8 and
// §14, docs/catalogs.md). One catalog per distinct CatalogFile name the /os
// architectures pick, shared by every INF of the package that names it. It
// holds each such INF and every file the INF names for EVERY architecture
// (not only the /os ones: an x86 catalog lists the amd64 co-installers too),
// the OSAttr of the requested versions, the OS tokens, and the hardware IDs of
// every Models section of those INFs.
import { basename, join, sep } from 'node:path';
import { ARCHES } from '../inf/arch.js';
import { manufacturerLines } from '../inf/decorations.js';
import { readModelsEntry } from '../inf/hwid.js';
import type { InfDocument } from '../inf/document.js';
import { catalogFileFor } from './catalog-file.js';
import type { FileReference } from './files.js';
import { infFiles } from './inf-files.js';
import type { DriverPackage, PackageInf } from './load.js';
import { type OsId, osAttrFor, resolveOsIds, supportsSha256Catalogs } from './os-ids.js';

export interface CatalogPlanMember {
  /** The name recorded in the member's `File` attribute: the name on disk, or the CopyFiles destination name. */
  name: string;
  /** Full path. */
  path: string;
  /** Why it is in the catalog: the INF and the section that named it (for /verbose). */
  reason: string;
}

export interface CatalogPlan {
  /** The first INF that names this catalog. */
  inf: PackageInf;
  /** Every INF of the package that names this catalog for a requested architecture. */
  infs: PackageInf[];
  /** As written in the (first) INF's CatalogFile entry. */
  catalogName: string;
  /** Where it is written: next to the INFs, the name in lower case (as Inf2Cat writes it). */
  path: string;
  /** An existing file of the same name in another case, which the written catalog replaces. */
  replaces?: string;
  oses: OsId[];
  members: CatalogPlanMember[];
  osAttr: string;
  /** OS, then HWIDn … HWID1, the order real Inf2Cat catalogs show. */
  attributes: { name: string; value: string }[];
  version: 1 | 2;
}

export interface PlanOptions {
  osIds: readonly (OsId | string)[];
  /** Force the catalog version; default: 1 when any OS predates SHA-256 catalogs (Windows 8), else 2. */
  catalogVersion?: 1 | 2;
}

/**
 * Hardware and compatible IDs of every Models section the [Manufacturer]
 * section names (all decorations, all architectures, and the undecorated
 * section), lower-cased, first appearance kept.
 */
export function hardwareIds(doc: InfDocument): string[] {
  const ids = new Set<string>();
  const sections: string[] = [];
  for (const line of manufacturerLines(doc)) {
    sections.push(line.models);
    for (const d of line.decorations) if (d.ok) sections.push(`${line.models}.${d.value.text}`);
  }
  const seen = new Set<string>();
  for (const name of sections) {
    const section = doc.section(name);
    if (!section || seen.has(section.name.toLowerCase())) continue;
    seen.add(section.name.toLowerCase());
    for (const entry of section.entries) {
      const models = readModelsEntry(entry.key, entry.fields);
      for (const id of [models.hardwareId, ...models.compatibleIds]) {
        const lower = id?.trim().toLowerCase();
        if (lower) ids.add(lower);
      }
    }
  }
  return [...ids];
}

export function catalogVersionFor(oses: readonly OsId[], forced?: 1 | 2): 1 | 2 {
  if (forced) return forced;
  return oses.every(supportsSha256Catalogs) ? 2 : 1;
}

/**
 * The files of one INF that exist in the package, for every architecture:
 * each located through that architecture's SourceDisksFiles/Names sections,
 * de-duplicated by the file on disk. Files of an architecture that are not in
 * the folder are left out (22.9.1 reports the targeted ones).
 */
export function packageMembers(pkg: DriverPackage, inf: PackageInf): CatalogPlanMember[] {
  const members: CatalogPlanMember[] = [];
  const seen = new Set<string>();
  // x86 first, then the others in ARCHES order; an architecture without
  // sections of its own sees what the first such one saw (infFiles).
  const walked = new Set<FileReference[]>();
  // The reason depends only on the two sections: one string per pair, not per file.
  const reasons = new Map<string, string>();
  for (const { arch } of ARCHES) {
    const files = infFiles(inf, arch);
    if (walked.has(files)) continue;
    walked.add(files);
    for (const file of files) {
      if (!file.listed) continue;
      const path = pkg.fs.resolve(file.relativePath);
      if (!path || seen.has(path) || path === inf.path) continue;
      seen.add(path);
      const key = file.sourceSection === undefined ? file.section : `${file.section}\0${file.sourceSection}`;
      let reason = reasons.get(key);
      if (reason === undefined) {
        reason = `${inf.name} [${file.section}]${file.sourceSection && file.sourceSection.toLowerCase() !== file.section.toLowerCase() ? `, listed in [${file.sourceSection}]` : ''}`;
        reasons.set(key, reason);
      }
      // The name on disk: what follows the last separator of the resolved path (path.basename without its checks).
      members.push({ name: file.destName ?? path.slice(path.lastIndexOf(sep) + 1), path, reason });
    }
  }
  return members;
}

export function catalogPlans(pkg: DriverPackage, options: PlanOptions): CatalogPlan[] {
  const oses = resolveOsIds(options.osIds);
  // Catalog name (lower case) → the INFs and /os ids that name it, in package order.
  const groups = new Map<string, { name: string; infs: PackageInf[]; oses: OsId[] }>();
  for (const inf of pkg.infs) {
    for (const os of oses) {
      const choice = catalogFileFor(inf.doc, os.arch);
      if (!choice) continue;
      const name = basename(choice.name.replace(/\\/g, '/'));
      const group = groups.get(name.toLowerCase()) ?? { name, infs: [], oses: [] };
      if (!group.infs.includes(inf)) group.infs.push(inf);
      if (!group.oses.includes(os)) group.oses.push(os);
      groups.set(name.toLowerCase(), group);
    }
  }
  const plans: CatalogPlan[] = [];
  for (const [lower, group] of groups) {
    const members: CatalogPlanMember[] = [];
    const paths = new Set<string>();
    const hwids = new Set<string>();
    for (const inf of group.infs) {
      members.push({ name: inf.name, path: inf.path, reason: `${inf.name} (the INF)` });
      paths.add(inf.path);
    }
    for (const inf of group.infs) {
      for (const member of packageMembers(pkg, inf)) {
        if (paths.has(member.path) || basename(member.path).toLowerCase() === lower) continue;
        paths.add(member.path);
        members.push(member);
      }
      // HWIDn: the INFs that name this catalog only, as Inf2Cat writes them. (Microsoft's
      // WHQL signing pipeline lists every INF of a submission in each catalog: FTDI's CDM
      // ftdiport.cat carries ftdibus.inf's USB IDs; a vendor's Inf2Cat catalog, such as
      // Arduino's 2022 arduino.cat beside four other INFs, holds its own INF's only.)
      for (const id of hardwareIds(inf.doc)) hwids.add(id);
    }
    // Keep the existing file's place in the package; Inf2Cat writes the name in lower case.
    const existing = pkg.fs.resolve(group.name);
    const path = join(pkg.dir, lower);
    const osOrder = oses.filter((os) => group.oses.includes(os));
    plans.push({
      inf: group.infs[0]!,
      infs: group.infs,
      catalogName: group.name,
      path,
      ...(existing && existing !== path ? { replaces: existing } : {}),
      oses: osOrder,
      members,
      osAttr: osAttrFor(osOrder),
      attributes: [{ name: 'OS', value: osOrder.map((os) => os.osToken).join(',') }, ...[...hwids].map((value, i) => ({ name: `HWID${i + 1}`, value })).reverse()],
      version: catalogVersionFor(osOrder, options.catalogVersion),
    });
  }
  return plans;
}

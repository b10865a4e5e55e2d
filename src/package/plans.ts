// The catalogs Inf2Cat would write for a package (catalog-format.md §8): one
// per INF and catalog name (several /os ids naming the same CatalogFile share
// it), holding the INF and every file it names for those architectures, the
// OSAttr of the requested versions, and the OS + HWIDn catalog attributes.
import { basename, join } from 'node:path';
import { selectModelsSections } from '../inf/decorations.js';
import { readModelsEntry } from '../inf/hwid.js';
import type { InfDocument } from '../inf/document.js';
import { catalogFileFor } from './catalog-file.js';
import { referencedFiles } from './files.js';
import type { DriverPackage, PackageInf } from './load.js';
import { type OsId, osAttrFor, resolveOsIds, supportsSha256Catalogs } from './os-ids.js';

export interface CatalogPlanMember {
  /** File name as on disk. */
  name: string;
  /** Full path. */
  path: string;
}

export interface CatalogPlan {
  inf: PackageInf;
  /** As written in the INF's CatalogFile entry. */
  catalogName: string;
  /** Where it is written: next to the INF (an existing file of any case is reused). */
  path: string;
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

/** Hardware and compatible IDs of the Models sections these OSes use, lower-cased, first appearance kept. */
export function hardwareIds(doc: InfDocument, oses: readonly OsId[]): string[] {
  const ids: string[] = [];
  const sections = new Set<string>();
  for (const os of oses) {
    for (const choice of selectModelsSections(doc, { arch: os.arch, major: os.major, minor: os.minor, build: os.build, productType: os.productType })) {
      if (choice.section) sections.add(choice.section.toLowerCase());
    }
  }
  for (const name of sections) {
    for (const entry of doc.section(name)?.entries ?? []) {
      const models = readModelsEntry(entry.key, entry.fields);
      for (const id of [models.hardwareId, ...models.compatibleIds]) {
        const lower = id?.toLowerCase();
        if (lower && !ids.includes(lower)) ids.push(lower);
      }
    }
  }
  return ids;
}

export function catalogVersionFor(oses: readonly OsId[], forced?: 1 | 2): 1 | 2 {
  if (forced) return forced;
  return oses.every(supportsSha256Catalogs) ? 2 : 1;
}

export function catalogPlans(pkg: DriverPackage, options: PlanOptions): CatalogPlan[] {
  const oses = resolveOsIds(options.osIds);
  const plans: CatalogPlan[] = [];
  for (const inf of pkg.infs) {
    const groups = new Map<string, { name: string; oses: OsId[] }>();
    for (const os of oses) {
      const choice = catalogFileFor(inf.doc, os.arch);
      if (!choice) continue;
      const name = basename(choice.name.replace(/\\/g, '/'));
      const group = groups.get(name.toLowerCase()) ?? { name, oses: [] };
      group.oses.push(os);
      groups.set(name.toLowerCase(), group);
    }
    for (const group of groups.values()) {
      const members: CatalogPlanMember[] = [{ name: inf.name, path: inf.path }];
      const seen = new Set([inf.name.toLowerCase(), group.name.toLowerCase()]);
      for (const arch of new Set(group.oses.map((os) => os.arch))) {
        for (const file of referencedFiles(inf.doc, arch)) {
          const path = file.listed ? pkg.fs.resolve(file.relativePath) : undefined;
          const name = path ? basename(path) : file.name;
          if (!path || seen.has(name.toLowerCase())) continue;
          seen.add(name.toLowerCase());
          members.push({ name, path });
        }
      }
      const hwids = hardwareIds(inf.doc, group.oses);
      // INFs that name the same catalog share it: one catalog lists every INF and file of them (usbip-win's root and vhci INFs).
      const shared = plans.find((p) => p.catalogName.toLowerCase() === group.name.toLowerCase());
      if (shared) {
        const have = new Set(shared.members.map((m) => m.name.toLowerCase()));
        for (const m of members) if (!have.has(m.name.toLowerCase())) shared.members.push(m);
        const known = new Set(shared.attributes.filter((a) => a.name.startsWith('HWID')).map((a) => a.value));
        const all = [...[...known].reverse(), ...hwids.filter((h) => !known.has(h))];
        shared.attributes = [shared.attributes.find((a) => a.name === 'OS')!, ...all.map((value, i) => ({ name: `HWID${i + 1}`, value })).reverse()];
        continue;
      }
      plans.push({
        inf,
        catalogName: group.name,
        path: pkg.fs.resolve(group.name) ?? join(pkg.dir, group.name),
        oses: group.oses,
        members,
        osAttr: osAttrFor(group.oses),
        attributes: [
          { name: 'OS', value: group.oses.map((os) => os.osToken).join(',') },
          ...hwids.map((value, i) => ({ name: `HWID${i + 1}`, value })).reverse(),
        ],
        version: catalogVersionFor(group.oses, options.catalogVersion),
      });
    }
  }
  return plans;
}

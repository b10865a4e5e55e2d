// Driver matching and rank (inf-format.md §3.3): for a device, every Models
// entry of an INF (from the Models sections its TargetOSVersion decorations
// choose for this machine) whose IDs meet the device's IDs is a candidate;
// rank = signature score | feature score | identifier score, lower is better;
// ties go to the newer DriverVer date, then the higher version.
import type { InfDocument } from '../inf/document.js';
import { selectModelsSections } from '../inf/decorations.js';
import { resolveInstallSection } from '../inf/ddinstall.js';
import { compareDriverVer, type DriverVer } from '../inf/driverver.js';
import { readModelsEntry } from '../inf/hwid.js';
import type { Arch } from '../inf/arch.js';
import type { OsState } from './schema.js';
import { versionFacts } from './inf-facts.js';

export interface Candidate {
  /** Models section and line. */
  modelsSection: string;
  line: number;
  description: string;
  manufacturer: string;
  /** The [Manufacturer] entry's name as written (%strkey% or text), for the indirect Mfg string. */
  manufacturerRaw?: string;
  /** The DDInstall section's FeatureScore byte (0xFF when it has none). */
  featureScore: number;
  /** DDInstall base name from the Models entry. */
  installBase: string;
  /** The section chosen for the machine (X.NTamd64 / X.NT / X), undefined when none exists. */
  installSection?: string;
  installForm?: 'arch' | 'nt' | 'plain';
  matchingId: string;
  rank: number;
  driverVer?: DriverVer;
  driverDate: string;
  driverVersion: string;
}

/** Rank as Windows logs it: 8 hex digits. */
export const formatRank = (rank: number): string => (rank >>> 0).toString(16).padStart(8, '0').toUpperCase();

const upper = (s: string) => s.toUpperCase();

export function findCandidates(doc: InfDocument, os: OsState, device: { hardwareIds: readonly string[]; compatibleIds: readonly string[] }, signed: boolean): Candidate[] {
  const out: Candidate[] = [];
  const hw = device.hardwareIds.map(upper);
  const compat = device.compatibleIds.map(upper);
  const target = { arch: os.arch as Arch, major: os.major, minor: os.minor, build: os.build, productType: os.productType, suiteMask: os.suiteMask };
  for (const choice of selectModelsSections(doc, target)) {
    if (!choice.section) continue;
    const section = doc.section(choice.section);
    if (!section) continue;
    const manufacturer = (choice.line.entry.hasEquals ? choice.line.entry.key : choice.line.models) ?? '';
    const manufacturerRaw = choice.line.entry.hasEquals ? choice.line.entry.rawKey : undefined;
    for (const entry of section.entries) {
      const model = readModelsEntry(entry.key, entry.fields);
      if (!model.installSection) continue;
      let score: number | undefined;
      let matched = '';
      const consider = (s: number, id: string) => {
        if (score === undefined || s < score) {
          score = s;
          matched = id;
        }
      };
      const infIds = [model.hardwareId, ...model.compatibleIds];
      infIds.forEach((id, k) => {
        if (!id) return;
        const u = upper(id);
        const i = hw.indexOf(u);
        if (i >= 0) consider(k === 0 ? i : 0x1000 + i, id);
        const j = compat.indexOf(u);
        if (j >= 0) consider(k === 0 ? 0x2000 + j : 0x3000 + j + 0x100 * (k - 1), id);
      });
      if (score === undefined) continue;
      const chosen = resolveInstallSection(doc, model.installSection, target.arch);
      const ddinstall = chosen.name ? doc.section(chosen.name) : undefined;
      // ExcludeID in the DDInstall removes the candidate for those devices.
      const excluded = ddinstall?.findAll('ExcludeID').flatMap((e) => e.fields.map((f) => upper(f.trim()))) ?? [];
      if ([...hw, ...compat].some((id) => excluded.includes(id))) continue;
      const feature = featureScore(ddinstall?.find('FeatureScore')?.fields[0]);
      const ss = signed ? 0x00 : chosen.form === 'arch' || chosen.form === 'nt' ? 0x80 : 0xc0;
      const facts = versionFacts(doc, chosen.name);
      out.push({
        modelsSection: section.name,
        line: entry.line,
        description: model.description,
        manufacturer,
        ...(manufacturerRaw !== undefined ? { manufacturerRaw } : {}),
        featureScore: feature,
        installBase: model.installSection,
        ...(chosen.name ? { installSection: chosen.name, installForm: chosen.form! } : {}),
        matchingId: matched,
        rank: ((ss << 24) | ((feature & 0xff) << 16) | score) >>> 0,
        ...(facts.driverVer ? { driverVer: facts.driverVer } : {}),
        driverDate: facts.driverDate,
        driverVersion: facts.driverVersion,
      });
    }
  }
  return out;
}

/**
 * FeatureScore is a hexadecimal byte, with or without 0x (`FeatureScore=F9`,
 * `FeatureScore=0x80`): rank 0x00F9xxxx. Absent or unreadable: 0xFF.
 */
export function featureScore(text: string | undefined): number {
  const t = text?.trim().replace(/^0x/i, '') ?? '';
  if (!/^[0-9a-f]{1,2}$/i.test(t)) return 0xff;
  return parseInt(t, 16);
}

/** Lowest rank, then newer date, then higher version; stable otherwise (first found). */
export function compareCandidates(a: Pick<Candidate, 'rank' | 'driverVer'>, b: Pick<Candidate, 'rank' | 'driverVer'>): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.driverVer && b.driverVer) return -compareDriverVer(a.driverVer, b.driverVer);
  return 0;
}

export function bestCandidate(list: Candidate[]): Candidate | undefined {
  return [...list].sort(compareCandidates)[0];
}

// [DefaultInstall]/[DefaultUninstall] sections of a primitive driver INF that carry
// no architecture decoration (1420, 1421): the base section, .NT, or .NT.<companion>.
import type { InfDocument, InfSection } from '../../inf/document.js';
import { COMPANIONS } from '../model.js';

const COMPANION_SUFFIXES = new Set(COMPANIONS.map((c) => `.${c.toLowerCase()}`));
const ROOT = /^(defaultinstall|defaultuninstall)(\..*)?$/;

export interface UndecoratedRoot {
  section: InfSection;
  /** 'defaultinstall' or 'defaultuninstall'. */
  root: string;
}

export function undecoratedPrimitiveSections(doc: InfDocument): UndecoratedRoot[] {
  const out: UndecoratedRoot[] = [];
  if (doc.has('Manufacturer')) return out; // 1212 covers the mix
  for (const section of doc.sections) {
    const lower = section.lowerName;
    if (!lower.startsWith('default')) continue;
    const m = ROOT.exec(lower);
    if (!m) continue;
    const rest = m[2] ?? '';
    // A companion (.Services...) follows its install section; only the install section itself is reported.
    if (COMPANION_SUFFIXES.has(rest) || (rest.startsWith('.nt.') && COMPANION_SUFFIXES.has(rest.slice(3)))) continue;
    if (rest === '' || rest === '.nt' || rest.startsWith('.nt.')) out.push({ section, root: m[1]! });
  }
  return out;
}

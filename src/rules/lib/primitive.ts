// [DefaultInstall]/[DefaultUninstall] sections of a primitive driver INF that carry
// no architecture decoration (1420, 1421): the section itself, .NT or .NT.<something>, not its companions.
import type { InfDocument, InfSection } from '../../inf/document.js';
import { isCompanionName } from '../model.js';

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
    // A companion (.Services...) follows its install section; only the install section itself is reported.
    if (isCompanionName(section.name)) continue;
    const rest = m[2] ?? '';
    if (rest === '' || rest === '.nt' || rest.startsWith('.nt.')) out.push({ section, root: m[1]! });
  }
  return out;
}

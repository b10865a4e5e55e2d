// AddReg/DelReg/BitReg lines as rules read them: root, subkey, value name,
// flags, data, and which section referenced the registry section.
import type { InfEntry, InfSection } from '../../inf/document.js';
import type { InfModel, SectionRef } from '../model.js';
import { parseIntField } from './numbers.js';

export const REG_ROOTS = new Set(['hkcr', 'hkcu', 'hklm', 'hku', 'hkr']);

export interface RegLine {
  entry: InfEntry;
  ref: SectionRef;
  section: InfSection;
  /** Lower-case root as written (substituted). */
  root: string;
  subkey: string;
  valueName: string;
  flagsText: string;
  flags: number | undefined;
  data: string[];
  /** Data fields as written (not substituted). */
  rawData: string[];
  /** The referencing section is a service-install section. */
  inService: boolean;
}

const LINES = Symbol('wdksim.infverif.registryLines');
type WithLines = InfModel & { [LINES]?: RegLine[] };

/** Every line of every AddReg/DelReg/BitReg section, once per section (first reference). */
export function registryLines(model: InfModel): RegLine[] {
  const holder = model as WithLines;
  if (holder[LINES]) return holder[LINES];
  const lines: RegLine[] = [];
  const serviceSections = new Set(model.services.map((s) => s.section?.lowerName).filter(Boolean));
  const seen = new Set<string>();
  for (const ref of model.refs) {
    if (ref.kind !== 'registry' && ref.kind !== 'delreg' && ref.kind !== 'bitreg') continue;
    const section = model.doc.section(ref.name);
    if (!section) continue;
    const key = `${ref.kind}:${section.lowerName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const inService = serviceSections.has(ref.entry.section.toLowerCase());
    for (const entry of section.entries) {
      const f = entry.fields;
      const flagsText = (f[3] ?? '').trim();
      const tokens = entry.fieldTokens;
      const rawData: string[] = [];
      for (let i = 4; i < tokens.length; i++) rawData.push(tokens[i]!.value);
      lines.push({
        entry, ref, section, inService,
        root: (f[0] ?? '').trim().toLowerCase(),
        subkey: (f[1] ?? '').trim(),
        valueName: (f[2] ?? '').trim(),
        flagsText,
        flags: parseIntField(flagsText),
        data: f.slice(4),
        rawData,
      });
    }
  }
  holder[LINES] = lines;
  return lines;
}

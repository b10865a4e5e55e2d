// AddReg/DelReg/BitReg lines as rules read them: root, subkey, value name,
// flags, data, and which section referenced the registry section.
import type { InfEntry, InfSection } from '../../inf/document.js';
import type { InfModel, SectionRef } from '../model.js';
import { parseIntField } from './numbers.js';

export const REG_ROOTS = new Set(['hkcr', 'hkcu', 'hklm', 'hku', 'hkr']);

/** One registry line; the data fields are sliced only when a rule asks for them. */
export class RegLine {
  readonly root: string;
  readonly subkey: string;
  readonly valueName: string;
  readonly flagsText: string;
  readonly flags: number | undefined;
  constructor(
    readonly entry: InfEntry,
    readonly ref: SectionRef,
    readonly section: InfSection,
    /** The referencing section is a service-install section. */
    readonly inService: boolean,
  ) {
    const f = entry.fields;
    /** Lower-case root as written (substituted). */
    this.root = (f[0] ?? '').trim().toLowerCase();
    this.subkey = (f[1] ?? '').trim();
    this.valueName = (f[2] ?? '').trim();
    this.flagsText = (f[3] ?? '').trim();
    this.flags = parseIntField(this.flagsText);
  }
  /** Data fields (5th on), substituted. */
  get data(): string[] {
    return this.entry.fields.slice(4);
  }
  /** Data fields as written (not substituted). */
  get rawData(): string[] {
    const tokens = this.entry.fieldTokens;
    const out: string[] = [];
    for (let i = 4; i < tokens.length; i++) out.push(tokens[i]!.value);
    return out;
  }
}

const LINES = Symbol('wdksim.infverif.registryLines');
type WithLines = InfModel & { [LINES]?: RegLine[] };

/** Every line of every AddReg/DelReg/BitReg section, once per section (first reference). */
export function registryLines(model: InfModel): RegLine[] {
  const holder = model as WithLines;
  if (holder[LINES]) return holder[LINES];
  const lines: RegLine[] = [];
  let serviceSections: Set<string> | undefined;
  const seen = new Set<string>();
  for (const ref of model.refs) {
    if (ref.kind !== 'registry' && ref.kind !== 'delreg' && ref.kind !== 'bitreg') continue;
    const section = model.doc.section(ref.name);
    if (!section) continue;
    const key = `${ref.kind}:${section.lowerName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    serviceSections ??= new Set(model.serviceSections.map((s) => s.lowerName));
    const inService = serviceSections.has(ref.entry.section.toLowerCase());
    for (const entry of section.entries) lines.push(new RegLine(entry, ref, section, inService));
  }
  holder[LINES] = lines;
  return lines;
}

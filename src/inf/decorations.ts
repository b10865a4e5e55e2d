// TargetOSVersion decorations on [Manufacturer] lines (inf-format.md §2.2):
//   NT[Arch][.[Major][.[Minor][.[ProductType][.[SuiteMask][.[Build]]]]]]
// and the per-machine choice of Models section for each Manufacturer line.
import type { InfDocument, InfEntry } from './document.js';
import { ARCH_NAMES, type Arch } from './arch.js';

export interface TargetOsDecoration {
  /** As written, e.g. NTamd64.10.0...16299 */
  text: string;
  arch?: Arch;
  major?: number;
  minor?: number;
  productType?: number;
  suiteMask?: number;
  build?: number;
}

/** The machine a decoration is tested against. */
export interface TargetOs {
  arch: Arch;
  major: number;
  minor: number;
  build: number;
  /** 1 workstation (default), 2 domain controller, 3 server. */
  productType?: number;
  suiteMask?: number;
}

/** A parsed decoration or why it is not one (src/rules uses it with `$ARCH$` allowed). */
export type DecorationResult<D = TargetOsDecoration> = { ok: true; value: D } | { ok: false; message: string };

function parseNumber(text: string, hexAllowed: boolean): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (hexAllowed && /^0x[0-9a-f]+$/i.test(text)) return parseInt(text.slice(2), 16);
  return undefined;
}

export function parseDecoration(text: string): DecorationResult {
  const trimmed = text.trim();
  const parts = trimmed.split('.');
  const head = parts[0]!;
  if (!/^nt/i.test(head)) return { ok: false, message: `"${trimmed}" does not start with NT` };
  const archText = head.slice(2).toLowerCase();
  const dec: TargetOsDecoration = { text: trimmed };
  if (archText !== '') {
    const arch = ARCH_NAMES.find((a) => a === archText);
    if (!arch) return { ok: false, message: `"${head.slice(2)}" in "${trimmed}" is not an architecture (x86, amd64, arm, arm64, ia64)` };
    dec.arch = arch;
  }
  if (parts.length > 6) return { ok: false, message: `"${trimmed}" has more than 6 parts` };
  const fields: (keyof TargetOsDecoration)[] = ['major', 'minor', 'productType', 'suiteMask', 'build'];
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === '') continue;
    const name = fields[i - 1]!;
    const value = parseNumber(part, name === 'productType' || name === 'suiteMask');
    if (value === undefined) return { ok: false, message: `"${part}" in "${trimmed}" is not a number` };
    (dec as unknown as Record<string, number>)[name] = value;
  }
  return { ok: true, value: dec };
}

/** Does the decoration apply to the machine? A missing arch means x86 only. */
export function decorationApplies(dec: TargetOsDecoration, os: TargetOs): boolean {
  if ((dec.arch ?? 'x86') !== os.arch) return false;
  const major = dec.major ?? 0;
  const minor = dec.minor ?? 0;
  if (major > os.major || (major === os.major && minor > os.minor)) return false;
  if (dec.productType !== undefined && dec.productType !== (os.productType ?? 1)) return false;
  if (dec.suiteMask !== undefined && (dec.suiteMask & (os.suiteMask ?? 0)) !== dec.suiteMask) return false;
  if (dec.build !== undefined && major === os.major && minor === os.minor && os.build < dec.build) return false;
  return true;
}

function specificity(dec: TargetOsDecoration): number {
  return (dec.arch ? 1 : 0) + (dec.productType !== undefined ? 1 : 0) + (dec.suiteMask !== undefined ? 1 : 0);
}

/** Orders applicable decorations: highest version (major, minor, build) first, then the more specific. */
export function compareDecorations(a: TargetOsDecoration, b: TargetOsDecoration): number {
  const key = (d: TargetOsDecoration) => [d.major ?? 0, d.minor ?? 0, d.build ?? 0];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return kb[i]! - ka[i]!;
  return specificity(b) - specificity(a);
}

export interface ManufacturerLine {
  entry: InfEntry;
  /** Models section base name (field 1, or the key of a bare line). */
  models: string;
  decorations: DecorationResult[];
}

/** Reads the [Manufacturer] section's lines. */
export function manufacturerLines(doc: InfDocument): ManufacturerLine[] {
  const section = doc.section('Manufacturer');
  if (!section) return [];
  return section.entries.map((entry) => {
    const fields = entry.fields;
    const models = (entry.hasEquals ? fields[0] : (entry.key ?? fields[0])) ?? '';
    const decorations = entry.hasEquals
      ? fields
          .slice(1)
          .filter((f) => f.trim() !== '')
          .map(parseDecoration)
      : [];
    return { entry, models: models.trim(), decorations };
  });
}

export interface ModelsChoice {
  line: ManufacturerLine;
  /** The Models section name chosen for this machine (base + "." + decoration as written), or undefined if none applies. */
  section?: string;
  decoration?: TargetOsDecoration;
}

/** For each Manufacturer line, the Models section this machine uses (inf-format.md §2.2 selection). */
export function selectModelsSections(doc: InfDocument, os: TargetOs): ModelsChoice[] {
  return manufacturerLines(doc).map((line) => {
    const applicable = line.decorations
      .filter((d): d is { ok: true; value: TargetOsDecoration } => d.ok)
      .map((d) => d.value)
      .filter((d) => decorationApplies(d, os))
      .sort(compareDecorations);
    const best = applicable[0];
    if (best) return { line, section: `${line.models}.${best.text}`, decoration: best };
    // No decoration applies: the undecorated section serves x86 / legacy only.
    if (os.arch === 'x86') return { line, section: line.models };
    return { line };
  });
}

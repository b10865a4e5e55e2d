// TargetOSVersion decorations (inf-format.md §2.2):
//   NT[Arch][.[Major][.[Minor][.[ProductType][.[SuiteMask][.[Build]]]]]]
// `$ARCH$` stands for an architecture in an unstamped INX.
export const ARCHS = ['x86', 'amd64', 'arm', 'arm64', 'ia64'] as const;
export type Arch = (typeof ARCHS)[number] | '$ARCH$';

export interface Decoration {
  text: string;
  arch?: Arch;
  major?: number;
  minor?: number;
  productType?: number;
  suiteMask?: number;
  build?: number;
}

export type DecorationResult = { ok: true; dec: Decoration } | { ok: false; error: string };

const NUM = /^(?:\d+|0x[0-9a-f]+)$/i;

export function parseDecorationText(text: string): DecorationResult {
  const t = text.trim();
  const m = /^nt(x86|amd64|arm64|arm|ia64|\$ARCH\$)?(.*)$/i.exec(t);
  if (!m) return { ok: false, error: `"${t}" does not start with NT` };
  const dec: Decoration = { text: t };
  if (m[1]) dec.arch = (m[1] === '$ARCH$' ? '$ARCH$' : m[1].toLowerCase()) as Arch;
  const rest = m[2]!;
  if (rest === '') return { ok: true, dec };
  if (!rest.startsWith('.')) return { ok: false, error: `"${t}" has an unknown architecture "${rest}"` };
  const parts = rest.slice(1).split('.');
  if (parts.length > 5) return { ok: false, error: `"${t}" has more than five version fields` };
  const names = ['major', 'minor', 'productType', 'suiteMask', 'build'] as const;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p === '') continue;
    if (!NUM.test(p)) return { ok: false, error: `"${t}": ${names[i]} "${p}" is not a number` };
    dec[names[i]!] = p.toLowerCase().startsWith('0x') ? parseInt(p.slice(2), 16) : Number(p);
  }
  return { ok: true, dec };
}

/** The architecture a section applies to: none written means x86. */
export function decorationArch(dec: Decoration | undefined): Arch {
  return dec?.arch ?? 'x86';
}

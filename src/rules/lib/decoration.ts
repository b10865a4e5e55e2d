// TargetOSVersion decorations (inf-format.md §2.2):
//   NT[Arch][.[Major][.[Minor][.[ProductType][.[SuiteMask][.[Build]]]]]]
// `$ARCH$` stands for an architecture in an unstamped INX.
import { parseDecoration, type DecorationResult as InfDecorationResult, type TargetOsDecoration } from '../../inf/decorations.js';
import type { Arch } from '../../inf/arch.js';

/** An architecture, or the `$ARCH$` token of an unstamped INX (src/inf's Arch, the one architecture type, plus the token). */
export type ArchOrToken = Arch | '$ARCH$';

/** src/inf's decoration, whose architecture may also be the `$ARCH$` token. */
export interface Decoration extends Omit<TargetOsDecoration, 'arch'> {
  arch?: ArchOrToken;
}

type DecorationResult = InfDecorationResult<Decoration>;

// The same few decorations recur in every INF: parse each text once. Results are frozen (shared).
const PARSED = new Map<string, DecorationResult>();
const PARSED_MAX = 4096;

/** src/inf's decoration grammar, with `$ARCH$` accepted as an architecture. */
export function parseDecorationText(text: string): DecorationResult {
  let result = PARSED.get(text);
  if (result === undefined) {
    result = freezeResult(parseUncached(text));
    if (PARSED.size < PARSED_MAX) PARSED.set(text, result);
  }
  return result;
}

function freezeResult(r: DecorationResult): DecorationResult {
  if (r.ok) Object.freeze(r.value);
  return Object.freeze(r);
}

function parseUncached(text: string): DecorationResult {
  const t = text.trim();
  const unstamped = /^nt\$arch\$/i.test(t);
  const r = parseDecoration(unstamped ? `NTx86${t.slice('NT$ARCH$'.length)}` : t);
  if (!r.ok) return { ok: false, message: unstamped ? r.message.replace('NTx86', 'NT$ARCH$') : r.message };
  return { ok: true, value: { ...r.value, text: t, ...(unstamped ? { arch: '$ARCH$' as const } : {}) } };
}

/** The architecture a section applies to: none written means x86. */
export function decorationArch(dec: Decoration | undefined): ArchOrToken {
  return dec?.arch ?? 'x86';
}

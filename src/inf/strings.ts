// [Strings] selection and %token% substitution (inf-format.md §1.12, §1.13,
// §2.13): a single left-to-right pass, never recursive; %% is a literal %;
// an unknown token stays as written; a decimal token names a DIRID. Being a
// single pass, its depth is 1: a value holding %other% is not expanded again.
import { diridPath } from './dirids.js';

/** SetupAPI truncates a substituted string at MAX_INF_STRING_LENGTH. */
export const MAX_STRING = 4096;

export interface StringTable {
  /** The section the values come from, as written ("Strings", "Strings.0409"), or undefined. */
  section?: string;
  values: Map<string, string>;
}

/**
 * Picks the [Strings] variant for a locale (LANGID, e.g. 0x0409):
 * exact match, then same primary language with SUBLANG_NEUTRAL, then any
 * section of the same primary language, then the undecorated [Strings].
 */
export function selectStringsSection(names: string[], langId: number): string | undefined {
  const decorated: { name: string; id: number }[] = [];
  let plain: string | undefined;
  for (const name of names) {
    const m = /^strings(?:\.([0-9a-f]{4}))?$/i.exec(name);
    if (!m) continue;
    if (m[1] === undefined) plain ??= name;
    else decorated.push({ name, id: parseInt(m[1], 16) });
  }
  const primary = langId & 0x3ff;
  return decorated.find((d) => d.id === langId)?.name ?? decorated.find((d) => d.id === primary)?.name ?? decorated.find((d) => (d.id & 0x3ff) === primary)?.name ?? plain;
}

export interface ExpandOptions {
  strings: ReadonlyMap<string, string>;
  dirids?: ReadonlyMap<number, string>;
  /** Called for each token that is neither a string key nor a DIRID. */
  onUnknown?: (name: string) => void;
}

export function expand(raw: string, options: ExpandOptions): string {
  const first = raw.indexOf('%');
  if (first === -1) return raw;
  let out = raw.slice(0, first);
  let i = first;
  while (i < raw.length) {
    const close = raw.indexOf('%', i + 1);
    if (close === -1) {
      out += raw.slice(i); // unmatched trailing % and what follows
      break;
    }
    const name = raw.slice(i + 1, close);
    let next = close + 1;
    if (name === '') {
      out += '%';
    } else {
      const value = options.strings.get(name.toLowerCase());
      if (value !== undefined) {
        out += value;
      } else if (/^-?\d+$/.test(name) && diridPath(Number(name), options.dirids) !== undefined) {
        const path = diridPath(Number(name), options.dirids)!;
        out += path;
        // A DIRID path ending in `\` followed by `\` loses one of the two.
        if (path.endsWith('\\') && raw.charCodeAt(next) === 92) next++;
      } else {
        options.onUnknown?.(name);
        out += raw.slice(i, close + 1);
      }
    }
    // Past the limit nothing more is kept: stop (a line of many long tokens would otherwise build megabytes to cut).
    if (out.length >= MAX_STRING) break;
    const following = raw.indexOf('%', next);
    if (following === -1) {
      out += raw.slice(next);
      break;
    }
    out += raw.slice(next, following);
    i = following;
  }
  return out.length > MAX_STRING ? out.slice(0, MAX_STRING) : out;
}

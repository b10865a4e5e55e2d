// The one tokenizer of the Windows-style tools (infverif, stampinf, inf2cat, signtool,
// devcon, pnputil). Each tool declares its switches in a table; the tokenizer turns argv
// into tokens by that table and the tool gives them meaning and its own error texts
// (which differ per tool, as the real tools' do). To add a switch, add a row to the
// tool's table.
//
//   /switch  -switch          a flag (names are case-insensitive; which of `/` and `-`
//                             lead a switch is the table's switchShape)
//   /k v     -k v             a value in the next argument          (value: 'next')
//   /k:v     -k:v             a value after a colon                 (value: 'colon')
//   /k[:v]                    an optional value after a colon       (value: 'colon', optional)
//   /drm...                   every switch whose name starts so     (prefix: true)
//   --name, --name=v, --name v  wdksim's own GNU-style options      (the `long` table)
//
// A switch may be given more than once: each occurrence is a token, and the tool decides
// whether the first, the last or all of them count.

export interface SwitchSpec {
  /** How the switch takes a value: none (a flag), the next argument, or after a colon. */
  value?: 'none' | 'next' | 'colon';
  /**
   * The value may be left out. With 'next': a missing next argument, or one it does not
   * accept, leaves the switch without a value instead of a missing-value token.
   * With 'colon': `/k` alone is the switch without a value.
   */
  optional?: boolean;
  /**
   * With value 'next': whether the next argument can be the value. Default: any argument
   * for a required value; one that is not switch-shaped (or is a word by isWord, or is not
   * a `--option`) for an optional one.
   */
  accepts?: (next: string) => boolean;
  /** The row matches every switch whose name starts with its name (`/drm`, `/drmx`, `/drm:x`); exact rows win, then the longest prefix. */
  prefix?: boolean;
}

export interface SwitchTable {
  /** The `/` or `-` switches, by lower-case name. */
  switches: Readonly<Record<string, SwitchSpec>>;
  /** `--name` options, by lower-case name; `value: true` takes `--name=v` or `--name v`. */
  long?: Readonly<Record<string, { value?: boolean }>>;
  /** Which `/`/`-` arguments are switch-shaped (others are words); default: a name of letters and digits. */
  switchShape?: RegExp;
  /** An argument that is a word even if switch-shaped, e.g. an absolute POSIX path. */
  isWord?: (arg: string) => boolean;
  /** Whether `--` ends the switches (everything after it is a word). */
  doubleDash?: boolean;
  /** `--name` options match their case exactly (`--JSON` is then unknown); by default they are case-insensitive. */
  longCaseSensitive?: boolean;
  /**
   * Switches come first (getopt's `+` mode): the first argument that is not a well-formed
   * switch of the table (a word, an unknown switch, a missing or empty value, a flag given
   * `:value`) ends them, and it and everything after it are words.
   */
  optionsFirst?: boolean;
}

export type SwitchToken =
  /**
   * A switch from the table, `name` being the row's name (for a prefix row, the prefix);
   * `value` as given: undefined for a flag or an optional value left out, and for a flag
   * given `:v` (which the tool may refuse) that v.
   */
  | { kind: 'switch'; name: string; raw: string; value?: string }
  /** A `--name` option from the long table. */
  | { kind: 'long'; name: string; raw: string; value?: string }
  /** Anything that is not a switch: a file, a path, a stray word. */
  | { kind: 'word'; raw: string }
  /** Switch-shaped (or `--x`) but not in the table. */
  | { kind: 'unknown'; raw: string; name: string }
  /** A switch or long option that needs a value and has none. */
  | { kind: 'missing-value'; raw: string; name: string; long: boolean };

const DEFAULT_SHAPE = /^[/-]([A-Za-z0-9?]+)(?::(.*))?$/s;

/** The row for a switch name: the exact row, else the longest prefix row. */
function rowFor(table: SwitchTable, name: string): { name: string; spec: SwitchSpec } | undefined {
  // Own rows only: `/constructor` is not a row of every table.
  const exact = Object.hasOwn(table.switches, name) ? table.switches[name] : undefined;
  if (exact) return { name, spec: exact };
  let best: { name: string; spec: SwitchSpec } | undefined;
  for (const [rowName, spec] of Object.entries(table.switches)) {
    if (spec.prefix && name.startsWith(rowName) && (!best || rowName.length > best.name.length)) best = { name: rowName, spec };
  }
  return best;
}

/** Splits argv by the table, in order. Never throws: the tool decides what an unknown or incomplete switch means. */
export function tokenizeSwitches(argv: readonly string[], table: SwitchTable): SwitchToken[] {
  const out: SwitchToken[] = [];
  const shape = table.switchShape ?? DEFAULT_SHAPE;
  const switchLike = (arg: string) => (shape.exec(arg) !== null && !table.isWord?.(arg)) || arg.startsWith('--');
  const wordsFrom = (i: number) => {
    for (const rest of argv.slice(i)) out.push({ kind: 'word', raw: rest });
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    if (raw === '--' && table.doubleDash) {
      wordsFrom(i + 1);
      break;
    }
    if (raw.startsWith('--') && table.long && raw.length > 2) {
      const eq = raw.indexOf('=');
      const given = eq === -1 ? raw.slice(2) : raw.slice(2, eq);
      const name = table.longCaseSensitive ? given : given.toLowerCase();
      const spec = Object.hasOwn(table.long, name) ? table.long[name] : undefined;
      if (!spec) {
        if (table.optionsFirst) return (wordsFrom(i), out);
        out.push({ kind: 'unknown', raw, name });
        continue;
      }
      if (!spec.value) {
        // A flag given a value (--json=1): the tool decides whether that is an error.
        out.push(eq === -1 ? { kind: 'long', name, raw } : { kind: 'long', name, raw, value: raw.slice(eq + 1) });
        continue;
      }
      const value = eq === -1 ? argv[++i] : raw.slice(eq + 1);
      if (value === undefined || value === '') out.push({ kind: 'missing-value', raw, name, long: true });
      else out.push({ kind: 'long', name, raw, value });
      continue;
    }
    const m = table.isWord?.(raw) ? null : shape.exec(raw);
    const row = m ? rowFor(table, m[1]!.toLowerCase()) : undefined;
    const token = m ? switchToken(m, row, raw, argv[i + 1], switchLike) : undefined;
    if (table.optionsFirst && !wellFormed(token, row?.spec)) {
      wordsFrom(i);
      break;
    }
    if (!m) out.push({ kind: 'word', raw });
    else out.push(token!);
    if (token?.kind === 'switch' && row?.spec.value === 'next' && token.value !== undefined) i++;
  }
  return out;
}

function switchToken(
  m: RegExpExecArray,
  row: { name: string; spec: SwitchSpec } | undefined,
  raw: string,
  next: string | undefined,
  switchLike: (arg: string) => boolean,
): SwitchToken {
  if (!row) return { kind: 'unknown', raw, name: m[1]!.toLowerCase() };
  const { name, spec } = row;
  const inline = m[2];
  if (spec.value === 'colon') {
    if (inline !== undefined) return { kind: 'switch', name, raw, value: inline };
    return spec.optional ? { kind: 'switch', name, raw } : { kind: 'missing-value', raw, name, long: false };
  }
  if (spec.value === 'next') {
    const accepts = spec.accepts ?? (spec.optional ? (v: string) => !switchLike(v) : () => true);
    if (next !== undefined && accepts(next)) return { kind: 'switch', name, raw, value: next };
    return spec.optional ? { kind: 'switch', name, raw } : { kind: 'missing-value', raw, name, long: false };
  }
  return inline === undefined ? { kind: 'switch', name, raw } : { kind: 'switch', name, raw, value: inline };
}

/** For optionsFirst: a table switch given exactly as its row says (a colon value not empty, a flag without one). */
function wellFormed(token: SwitchToken | undefined, spec: SwitchSpec | undefined): boolean {
  if (token?.kind !== 'switch' || !spec) return false;
  if (spec.value === 'colon') return token.value !== '';
  if (spec.value === 'next') return true;
  return token.value === undefined;
}

// The one tokenizer of the Windows-style tools (infverif, stampinf, inf2cat, signtool;
// devcon and pnputil read commands first, then their switches the same way). Each tool
// declares its switches in a table; the tokenizer turns argv into tokens by that table
// and the tool gives them meaning and its own error texts (which differ per tool, as the
// real tools' do). To add a switch, add a row to the tool's table.
//
//   /switch  -switch          a flag (case-insensitive)
//   /k v     -k v             a value in the next argument          (value: 'next')
//   /k:v     -k:v             a value after a colon                 (value: 'colon')
//   --name, --name=v, --name v  wdksim's own GNU-style options      (the `long` table)

export interface SwitchSpec {
  /** How the switch takes a value: none (a flag), the next argument, or after a colon. */
  value?: 'none' | 'next' | 'colon';
  /** With value 'next': a missing or switch-like next argument leaves the switch without a value instead of an error. */
  optional?: boolean;
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
}

export type SwitchToken =
  /** A switch from the table; `value` as given (undefined for a flag or an optional value left out). */
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

/** Splits argv by the table, in order. Never throws: the tool decides what an unknown or incomplete switch means. */
export function tokenizeSwitches(argv: readonly string[], table: SwitchTable): SwitchToken[] {
  const out: SwitchToken[] = [];
  const shape = table.switchShape ?? DEFAULT_SHAPE;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    if (raw === '--' && table.doubleDash) {
      for (const rest of argv.slice(i + 1)) out.push({ kind: 'word', raw: rest });
      break;
    }
    if (raw.startsWith('--') && table.long && raw.length > 2) {
      const eq = raw.indexOf('=');
      const name = (eq === -1 ? raw.slice(2) : raw.slice(2, eq)).toLowerCase();
      const spec = table.long[name];
      if (!spec) {
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
    if (!m) {
      out.push({ kind: 'word', raw });
      continue;
    }
    const name = m[1]!.toLowerCase();
    const spec = table.switches[name];
    if (!spec) {
      out.push({ kind: 'unknown', raw, name });
      continue;
    }
    const inline = m[2];
    if (spec.value === 'colon') {
      out.push(inline === undefined ? { kind: 'missing-value', raw, name, long: false } : { kind: 'switch', name, raw, value: inline });
    } else if (spec.value === 'next') {
      const next = argv[i + 1];
      if (next === undefined || (spec.optional && shape.exec(next) !== null && !table.isWord?.(next)) || (spec.optional && next.startsWith('--'))) {
        out.push(spec.optional ? { kind: 'switch', name, raw } : { kind: 'missing-value', raw, name, long: false });
      } else {
        i++;
        out.push({ kind: 'switch', name, raw, value: next });
      }
    } else {
      out.push({ kind: 'switch', name, raw });
    }
  }
  return out;
}

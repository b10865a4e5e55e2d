// MSBuild condition expressions: 'a' == 'b', !=, and, or, !, parentheses,
// Exists('path'), HasTrailingSlash('path'), true/false. String comparisons
// are case-insensitive, as in MSBuild. The operands have already had their
// $(Property) references expanded by the caller's `expand`.

type Token = { kind: 'str' | 'word' | 'op' | 'lp' | 'rp' | 'comma'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated string in condition: ${text}`);
      tokens.push({ kind: 'str', value: text.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', value: two });
      i += 2;
      continue;
    }
    if (ch === '<' || ch === '>' || ch === '!') {
      tokens.push({ kind: 'op', value: ch });
      i++;
      continue;
    }
    if (ch === '(') {
      tokens.push({ kind: 'lp', value: ch });
      i++;
      continue;
    }
    if (ch === ')') {
      tokens.push({ kind: 'rp', value: ch });
      i++;
      continue;
    }
    if (ch === ',') {
      tokens.push({ kind: 'comma', value: ch });
      i++;
      continue;
    }
    let j = i;
    // A bare word: property references were expanded already, so read to a delimiter.
    while (j < text.length && !/[\s'()=!<>,]/.test(text[j]!)) j++;
    if (j === i) throw new Error(`unexpected "${ch}" in condition: ${text}`);
    tokens.push({ kind: 'word', value: text.slice(i, j) });
    i = j;
  }
  return tokens;
}

export interface ConditionHost {
  expand(text: string): string;
  exists(path: string): boolean;
}

type Value = { str: string } | { bool: boolean };

/** Evaluates a Condition attribute; an empty condition is true. */
export function evaluateCondition(condition: string | undefined, host: ConditionHost): boolean {
  if (condition === undefined || condition.trim() === '') return true;
  const tokens = tokenize(host.expand(condition));
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (w: string) => peek()?.kind === 'word' && peek()!.value.toLowerCase() === w;

  function toBool(v: Value): boolean {
    if ('bool' in v) return v.bool;
    const s = v.str.trim().toLowerCase();
    if (s === 'true' || s === 'on' || s === 'yes' || s === '!false') return true;
    if (s === 'false' || s === 'off' || s === 'no' || s === '!true' || s === '') return false;
    throw new Error(`"${v.str}" is not a boolean in condition: ${condition}`);
  }
  function asStr(v: Value): string {
    return 'str' in v ? v.str : String(v.bool);
  }
  function primary(): Value {
    const t = tokens[pos++];
    if (!t) throw new Error(`condition ends early: ${condition}`);
    if (t.kind === 'op' && t.value === '!') return { bool: !toBool(primary()) };
    if (t.kind === 'lp') {
      const v = or();
      if (tokens[pos++]?.kind !== 'rp') throw new Error(`missing ")" in condition: ${condition}`);
      return v;
    }
    if (t.kind === 'str') return { str: t.value };
    if (t.kind === 'word' && peek()?.kind === 'lp') {
      pos++;
      const args: string[] = [];
      while (peek() && peek()!.kind !== 'rp') {
        const arg = tokens[pos++]!;
        if (arg.kind !== 'comma') args.push(arg.value);
      }
      pos++;
      const fn = t.value.toLowerCase();
      if (fn === 'exists') return { bool: args[0] !== undefined && args[0].trim() !== '' && host.exists(args[0].trim()) };
      if (fn === 'hastrailingslash') return { bool: /[\\/]$/.test(args[0] ?? '') };
      throw new Error(`unsupported function ${t.value}() in condition: ${condition}`);
    }
    if (t.kind === 'word') return { str: t.value };
    throw new Error(`unexpected "${t.value}" in condition: ${condition}`);
  }
  function comparison(): Value {
    const left = primary();
    const op = peek();
    if (op?.kind === 'op' && op.value !== '!') {
      pos++;
      const right = primary();
      const a = asStr(left);
      const b = asStr(right);
      switch (op.value) {
        case '==':
          return { bool: a.toLowerCase() === b.toLowerCase() };
        case '!=':
          return { bool: a.toLowerCase() !== b.toLowerCase() };
        default: {
          // Numbers (decimal or 0x hex), else versions (msbuild-conditions: "a decimal or hexadecimal number, or a version").
          const c = compareOperands(a, b);
          if (c === undefined) throw new Error(`"${op.value}" needs numbers in condition: ${condition}`);
          return { bool: op.value === '<' ? c < 0 : op.value === '>' ? c > 0 : op.value === '<=' ? c <= 0 : c >= 0 };
        }
      }
    }
    return left;
  }
  // `and`/`or` short-circuit as MSBuild's do: a right side that is not needed is not evaluated, so
  // `'$(V)' == '' or '$(V)' < '16.0'` holds for an empty V instead of failing on the comparison.
  function rest(parse: () => Value, decided: boolean): Value | undefined {
    if (!decided) return parse();
    try {
      parse();
    } catch {
      // not needed: MSBuild does not evaluate it
    }
    return undefined;
  }
  function and(): Value {
    let v = comparison();
    while (isWord('and')) {
      pos++;
      const left = toBool(v);
      const r = rest(comparison, !left);
      v = { bool: left && r !== undefined && toBool(r) };
    }
    return v;
  }
  function or(): Value {
    let v = and();
    while (isWord('or')) {
      pos++;
      const left = toBool(v);
      const r = rest(and, left);
      v = { bool: left || (r !== undefined && toBool(r)) };
    }
    return v;
  }
  const result = or();
  if (pos !== tokens.length) throw new Error(`unexpected "${tokens[pos]!.value}" in condition: ${condition}`);
  return toBool(result);
}

function asNumber(text: string): number {
  const t = text.trim();
  if (t === '') return NaN;
  return /^0x[0-9a-f]+$/i.test(t) ? parseInt(t, 16) : Number(t);
}

/** -1/0/1 comparing two numbers or two dotted versions; undefined when neither reading fits. */
function compareOperands(a: string, b: string): number | undefined {
  const x = asNumber(a);
  const y = asNumber(b);
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x < y ? -1 : x > y ? 1 : 0;
  const version = /^\d+(\.\d+){1,3}$/;
  if (!version.test(a.trim()) || !version.test(b.trim())) return undefined;
  const p = a.trim().split('.').map(Number);
  const q = b.trim().split('.').map(Number);
  for (let i = 0; i < 4; i++) {
    const d = (p[i] ?? 0) - (q[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

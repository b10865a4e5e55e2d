// MSBuild property expansion: `$(Name)`, property functions on strings
// (`$(Configuration.Replace(' ',''))`), static functions (`$([MSBuild]::...)`,
// `$([System.String]::...)`, `$([System.IO.Path]::...)`, Regex.Match), as
// learn.microsoft.com/visualstudio/msbuild/property-functions describes.
// A function wdksim does not know raises UnsupportedConstruct naming it, so the
// caller can warn with file and line instead of dropping it silently.
import { callStatic } from './static-functions.js';
import { dayOfYear, formatDate, num, toText, UnsupportedConstruct, type ExpandHost, type Value } from './function-values.js';

export { toText, UnsupportedConstruct, type ExpandHost } from './function-values.js';

/** Index of the `)` closing the `(` at `open`, skipping quoted text. */
export function matchParen(text: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Expands every `$(...)` in `text`. */
export function expandProperties(text: string, host: ExpandHost, depth = 0): string {
  if (!text.includes('$(')) return text;
  if (depth > 20) throw new UnsupportedConstruct(text.slice(0, 80), 'property functions nested more than 20 deep');
  return replaceBalanced(text, '$(', (body) => toText(evaluateBody(body, host, depth)));
}

/**
 * Replaces each `$(...)` or `@(...)` (balanced parentheses) in `text` by what `replace` makes of its body;
 * an unclosed opener and what follows stay as text, as MSBuild leaves them.
 */
export function replaceBalanced(text: string, opener: '$(' | '@(', replace: (body: string) => string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf(opener, i);
    if (at < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, at);
    const close = matchParen(text, at + 1);
    if (close < 0) {
      out += text.slice(at);
      break;
    }
    out += replace(text.slice(at + 2, close));
    i = close + 1;
  }
  return out;
}

function evaluateBody(body: string, host: ExpandHost, depth: number): Value {
  const construct = `$(${body})`;
  const trimmed = body.trim();
  if (/^registry:/i.test(trimmed)) throw new UnsupportedConstruct(construct, 'registry properties are not readable here (no Windows registry)');
  let pos = 0;
  let value: Value;
  if (trimmed.startsWith('[')) {
    const end = trimmed.indexOf(']');
    const m = /^::\s*([A-Za-z_]\w*)/.exec(trimmed.slice(end + 1));
    if (end < 0 || !m) throw new UnsupportedConstruct(construct, 'not a static function call ([Type]::Member)');
    const type = trimmed.slice(1, end).trim();
    pos = end + 1 + m[0].length;
    let args: string[] | undefined;
    if (trimmed[pos] === '(') {
      const close = matchParen(trimmed, pos);
      if (close < 0) throw new UnsupportedConstruct(construct, 'unbalanced parentheses');
      args = splitArgs(trimmed.slice(pos + 1, close)).map((a) => argument(a, host, depth));
      pos = close + 1;
    }
    value = callStatic(type, m[1]!, args, host, construct);
  } else {
    const m = /^[A-Za-z_][\w-]*/.exec(trimmed);
    if (!m) throw new UnsupportedConstruct(construct, 'not a property name');
    value = host.property(m[0]);
    pos = m[0].length;
  }
  // The chain: .Member, .Member(args), [index].
  while (pos < trimmed.length) {
    const rest = trimmed.slice(pos);
    if (/^\s+$/.test(rest)) break;
    const index = /^\[\s*(\d+)\s*\]/.exec(rest);
    if (index) {
      value = indexInto(value, Number(index[1]), construct);
      pos += index[0].length;
      continue;
    }
    const member = /^\s*\.\s*([A-Za-z_]\w*)/.exec(rest);
    if (!member) throw new UnsupportedConstruct(construct, `unexpected "${rest.slice(0, 20)}"`);
    pos += member[0].length;
    let args: string[] | undefined;
    if (trimmed[pos] === '(') {
      const close = matchParen(trimmed, pos);
      if (close < 0) throw new UnsupportedConstruct(construct, 'unbalanced parentheses');
      args = splitArgs(trimmed.slice(pos + 1, close)).map((a) => argument(a, host, depth));
      pos = close + 1;
    }
    value = callMember(value, member[1]!, args, construct);
  }
  return value;
}

/** Splits a function's argument text at top-level commas. */
function splitArgs(text: string): string[] {
  return text.trim() === '' ? [] : splitTop(text, ',');
}

/** Splits at a top-level delimiter (outside quotes and parentheses). */
export function splitTop(text: string, delimiter: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && text.startsWith(delimiter, i)) {
      out.push(text.slice(start, i));
      start = i + delimiter.length;
      i += delimiter.length - 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** An argument: quoted text (properties inside are expanded) or an expression such as $(X) or 5. */
function argument(raw: string, host: ExpandHost, depth: number): string {
  const t = raw.trim();
  const q = t[0];
  if ((q === "'" || q === '"' || q === '`') && t.endsWith(q) && t.length >= 2) return expandProperties(t.slice(1, -1), host, depth + 1);
  return expandProperties(t, host, depth + 1);
}

function indexInto(value: Value, index: number, construct: string): Value {
  if (Array.isArray(value)) {
    const v = value[index];
    if (v === undefined) throw new UnsupportedConstruct(construct, `index ${index} is out of range`);
    return v as Value;
  }
  if (typeof value === 'string') return value[index] ?? '';
  throw new UnsupportedConstruct(construct, 'indexing this value is not supported');
}

const CHARS_TRIM = (s: string, chars: string[], start: boolean, end: boolean) => {
  const set = chars.length === 0 ? null : new Set(chars.join('').split(''));
  const is = (c: string) => (set ? set.has(c) : /\s/.test(c));
  let a = 0;
  let b = s.length;
  if (start) while (a < b && is(s[a]!)) a++;
  if (end) while (b > a && is(s[b - 1]!)) b--;
  return s.slice(a, b);
};

function callMember(value: Value, name: string, args: string[] | undefined, construct: string): Value {
  const n = name.toLowerCase();
  if (typeof value === 'object' && !Array.isArray(value) && value.kind === 'date') {
    const p = value.parts;
    switch (n) {
      case 'tostring':
        return formatDate(p, args?.[0] ?? 'M/d/yyyy h:mm:ss tt');
      case 'year':
        return p.year;
      case 'month':
        return p.month;
      case 'day':
        return p.day;
      case 'hour':
        return p.hour;
      case 'minute':
        return p.minute;
      case 'second':
        return p.second;
      case 'dayofyear':
        return dayOfYear(p);
      default:
        throw new UnsupportedConstruct(construct, `${name} of a DateTime is not supported`);
    }
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    // Regex Match / Group
    if (n === 'value') return value.value;
    if (n === 'success') return value.success;
    if (n === 'groups' && value.kind === 'match') return value.groups;
    throw new UnsupportedConstruct(construct, `${name} of a regular expression match is not supported`);
  }
  if (Array.isArray(value)) {
    if (n === 'length' || n === 'count') return value.length;
    throw new UnsupportedConstruct(construct, `${name} on an array is not supported`);
  }
  if (typeof value === 'number' && name.toLowerCase() === 'tostring' && args?.[0]) {
    // .NET numeric formats: "000" (zero padding) and "D3"/"N0"-style widths.
    const f = args[0];
    const width = /^0+$/.test(f) ? f.length : /^[Dd](\d+)$/.test(f) ? Number(f.slice(1)) : 0;
    return String(Math.trunc(value)).padStart(width, '0');
  }
  const s = toText(value);
  const a = args ?? [];
  const need = (count: number) => {
    if (a.length < count) throw new UnsupportedConstruct(construct, `${name} needs ${count} argument(s)`);
  };
  switch (n) {
    case 'length':
      return s.length;
    case 'tolower':
    case 'tolowerinvariant':
      return s.toLowerCase();
    case 'toupper':
    case 'toupperinvariant':
      return s.toUpperCase();
    case 'trim':
      return CHARS_TRIM(s, a, true, true);
    case 'trimstart':
      return CHARS_TRIM(s, a, true, false);
    case 'trimend':
      return CHARS_TRIM(s, a, false, true);
    case 'tostring':
      return s;
    case 'replace':
      need(2);
      return a[0] === '' ? s : s.split(a[0]!).join(a[1]!);
    case 'endswith':
      need(1);
      return s.endsWith(a[0]!);
    case 'startswith':
      need(1);
      return s.startsWith(a[0]!);
    case 'contains':
      need(1);
      return s.includes(a[0]!);
    case 'equals':
      need(1);
      return s === a[0];
    case 'indexof':
      need(1);
      return s.indexOf(a[0]!, a[1] !== undefined ? num(a[1], construct) : 0);
    case 'lastindexof':
      need(1);
      return s.lastIndexOf(a[0]!);
    case 'indexofany':
      need(1);
      {
        const i = [...s].findIndex((c) => a[0]!.includes(c));
        return i;
      }
    case 'substring': {
      need(1);
      const start = num(a[0]!, construct);
      const length = a[1] !== undefined ? num(a[1], construct) : s.length - start;
      if (start < 0 || start > s.length || length < 0 || start + length > s.length) {
        throw new UnsupportedConstruct(construct, `Substring(${a.join(', ')}) is out of range for "${s}" (MSBuild fails the build here)`);
      }
      return s.substr(start, length);
    }
    case 'remove':
      need(1);
      {
        const st = num(a[0]!, construct);
        return a[1] !== undefined ? s.slice(0, st) + s.slice(st + num(a[1], construct)) : s.slice(0, st);
      }
    case 'insert':
      need(2);
      {
        const st = num(a[0]!, construct);
        return s.slice(0, st) + a[1] + s.slice(st);
      }
    case 'padleft':
      need(1);
      return s.padStart(num(a[0]!, construct), a[1] ?? ' ');
    case 'padright':
      need(1);
      return s.padEnd(num(a[0]!, construct), a[1] ?? ' ');
    case 'split': {
      const seps = a.length === 0 ? [' '] : a.join('').split('');
      const parts: string[] = [];
      let cur = '';
      for (const c of s) {
        if (seps.includes(c)) {
          parts.push(cur);
          cur = '';
        } else cur += c;
      }
      parts.push(cur);
      return parts;
    }
    case 'compareto':
      need(1);
      return s < a[0]! ? -1 : s > a[0]! ? 1 : 0;
    default:
      throw new UnsupportedConstruct(construct, `the string method ${name} is not supported by wdksim`);
  }
}

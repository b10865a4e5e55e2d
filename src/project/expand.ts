// MSBuild property expansion: `$(Name)`, property functions on strings
// (`$(Configuration.Replace(' ',''))`), static functions (`$([MSBuild]::...)`,
// `$([System.String]::...)`, `$([System.IO.Path]::...)`, Regex.Match), as
// learn.microsoft.com/visualstudio/msbuild/property-functions describes.
// A function wdksim does not know raises UnsupportedConstruct naming it, so the
// caller can warn with file and line instead of dropping it silently.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { localParts, utcParts, type CalendarParts, type Clock } from '../time/clock.js';

export class UnsupportedConstruct extends Error {
  constructor(readonly construct: string, reason: string) {
    super(`${construct}: ${reason}`);
  }
}

export interface ExpandHost {
  /** The value of a property ('' when undefined). */
  property(name: string): string;
  /** The process environment (for [System.Environment]::GetEnvironmentVariable). */
  env: Record<string, string | undefined>;
  /** The folder relative paths are read against (the project's folder). */
  baseDir: string;
  /** [System.DateTime]::Now and ::UtcNow, from wdksim's clock (--now, TZ); absent = not evaluable. */
  clock?: Clock;
}

type Value = string | number | boolean | string[] | RegexMatch | RegexGroup[] | DateValue;
interface DateValue { kind: 'date'; parts: CalendarParts }
interface RegexMatch { kind: 'match'; value: string; success: boolean; groups: RegexGroup[] }
interface RegexGroup { kind: 'group'; value: string; success: boolean }

/** MSBuild's conversion of a function's result to property text (booleans as True/False, arrays joined with ;). */
export function toText(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : x.value)).join(';');
  if (v.kind === 'date') return formatDate(v.parts, 'M/d/yyyy h:mm:ss tt');
  return v.value;
}

const hostPath = (p: string) => p.replace(/\\/g, '/');
/** Paths are shown back to MSBuild with the host's separators kept as written. */
const abs = (host: ExpandHost, p: string) => resolve(host.baseDir, hostPath(p));

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
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('$(', i);
    if (at < 0) { out += text.slice(i); break; }
    out += text.slice(i, at);
    const close = matchParen(text, at + 1);
    if (close < 0) { out += text.slice(at); break; } // MSBuild leaves an unclosed $( as text
    out += toText(evaluateBody(text.slice(at + 2, close), host, depth));
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
  if (text.trim() === '') return [];
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) { if (ch === quote) quote = ''; continue; }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) { out.push(text.slice(start, i)); start = i + 1; }
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

function num(text: string, construct: string): number {
  const n = Number(text.trim());
  if (text.trim() === '' || Number.isNaN(n)) throw new UnsupportedConstruct(construct, `"${text}" is not a number`);
  return n;
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
      case 'tostring': return formatDate(p, args?.[0] ?? 'M/d/yyyy h:mm:ss tt');
      case 'year': return p.year;
      case 'month': return p.month;
      case 'day': return p.day;
      case 'hour': return p.hour;
      case 'minute': return p.minute;
      case 'second': return p.second;
      case 'dayofyear': return dayOfYear(p);
      default: throw new UnsupportedConstruct(construct, `${name} of a DateTime is not supported`);
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
    case 'length': return s.length;
    case 'tolower': case 'tolowerinvariant': return s.toLowerCase();
    case 'toupper': case 'toupperinvariant': return s.toUpperCase();
    case 'trim': return CHARS_TRIM(s, a, true, true);
    case 'trimstart': return CHARS_TRIM(s, a, true, false);
    case 'trimend': return CHARS_TRIM(s, a, false, true);
    case 'tostring': return s;
    case 'replace': need(2); return a[0] === '' ? s : s.split(a[0]!).join(a[1]!);
    case 'endswith': need(1); return s.endsWith(a[0]!);
    case 'startswith': need(1); return s.startsWith(a[0]!);
    case 'contains': need(1); return s.includes(a[0]!);
    case 'equals': need(1); return s === a[0];
    case 'indexof': need(1); return s.indexOf(a[0]!, a[1] !== undefined ? num(a[1], construct) : 0);
    case 'lastindexof': need(1); return s.lastIndexOf(a[0]!);
    case 'indexofany': need(1); { const i = [...s].findIndex((c) => a[0]!.includes(c)); return i; }
    case 'substring': {
      need(1);
      const start = num(a[0]!, construct);
      const length = a[1] !== undefined ? num(a[1], construct) : s.length - start;
      if (start < 0 || start > s.length || length < 0 || start + length > s.length) {
        throw new UnsupportedConstruct(construct, `Substring(${a.join(', ')}) is out of range for "${s}" (MSBuild fails the build here)`);
      }
      return s.substr(start, length);
    }
    case 'remove': need(1); { const st = num(a[0]!, construct); return a[1] !== undefined ? s.slice(0, st) + s.slice(st + num(a[1], construct)) : s.slice(0, st); }
    case 'insert': need(2); { const st = num(a[0]!, construct); return s.slice(0, st) + a[1] + s.slice(st); }
    case 'padleft': need(1); return s.padStart(num(a[0]!, construct), a[1] ?? ' ');
    case 'padright': need(1); return s.padEnd(num(a[0]!, construct), a[1] ?? ' ');
    case 'split': {
      const seps = a.length === 0 ? [' '] : a.join('').split('');
      const parts: string[] = [];
      let cur = '';
      for (const c of s) {
        if (seps.includes(c)) { parts.push(cur); cur = ''; } else cur += c;
      }
      parts.push(cur);
      return parts;
    }
    case 'compareto': need(1); return s < a[0]! ? -1 : s > a[0]! ? 1 : 0;
    default:
      throw new UnsupportedConstruct(construct, `the string method ${name} is not supported by wdksim`);
  }
}

function fileAbove(startDir: string, file: string): string {
  for (let dir = startDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, file))) return dir;
    if (dirname(dir) === dir) return '';
  }
}

function parseVersion(text: string, construct: string): number[] {
  const t = text.trim().replace(/^v/i, '');
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?/.exec(t);
  if (!m) throw new UnsupportedConstruct(construct, `"${text}" is not a version`);
  return [1, 2, 3, 4].map((i) => Number(m[i] ?? 0));
}

function compareVersions(a: string, b: string, construct: string): number {
  const x = parseVersion(a, construct);
  const y = parseVersion(b, construct);
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}

const withSlash = (p: string) => (p === '' || /[\\/]$/.test(p) ? p : `${p}${p.includes('\\') || !p.includes('/') ? '\\' : '/'}`);

function callStatic(type: string, name: string, args: string[] | undefined, host: ExpandHost, construct: string): Value {
  const t = type.toLowerCase().replace(/^system\./, '');
  const n = name.toLowerCase();
  const a = args ?? [];
  const need = (count: number) => {
    if (a.length < count) throw new UnsupportedConstruct(construct, `${name} needs ${count} argument(s)`);
  };
  if (t === 'msbuild') {
    switch (n) {
      case 'add': need(2); return num(a[0]!, construct) + num(a[1]!, construct);
      case 'subtract': need(2); return num(a[0]!, construct) - num(a[1]!, construct);
      case 'multiply': need(2); return num(a[0]!, construct) * num(a[1]!, construct);
      case 'divide': need(2); return num(a[0]!, construct) / num(a[1]!, construct);
      case 'modulo': need(2); return num(a[0]!, construct) % num(a[1]!, construct);
      case 'bitwiseor': need(2); return num(a[0]!, construct) | num(a[1]!, construct);
      case 'bitwiseand': need(2); return num(a[0]!, construct) & num(a[1]!, construct);
      case 'valueordefault': need(2); return a[0] !== '' ? a[0]! : a[1]!;
      case 'escape': need(1); return a[0]!.replace(/[%$@'();?*]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
      case 'unescape': need(1); return a[0]!.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      case 'getdirectorynameoffileabove': need(2); return fileAbove(abs(host, a[0]!), hostPath(a[1]!));
      case 'getpathoffileabove': {
        need(1);
        const dir = fileAbove(abs(host, a[1] ?? host.baseDir), hostPath(a[0]!));
        return dir === '' ? '' : join(dir, hostPath(a[0]!));
      }
      case 'makerelative': {
        need(2);
        const rel = relative(abs(host, a[0]!), abs(host, a[1]!)).split('/').join('\\');
        return /[\\/]$/.test(a[1]!) && rel !== '' ? `${rel}\\` : rel;
      }
      case 'ensuretrailingslash': need(1); return withSlash(a[0]!);
      case 'normalizedirectory': return withSlash(resolve(host.baseDir, ...a.map(hostPath)));
      case 'normalizepath': return resolve(host.baseDir, ...a.map(hostPath));
      case 'versiongreaterthanorequals': need(2); return compareVersions(a[0]!, a[1]!, construct) >= 0;
      case 'versiongreaterthan': need(2); return compareVersions(a[0]!, a[1]!, construct) > 0;
      case 'versionlessthan': need(2); return compareVersions(a[0]!, a[1]!, construct) < 0;
      case 'versionlessthanorequals': need(2); return compareVersions(a[0]!, a[1]!, construct) <= 0;
      case 'versionequals': need(2); return compareVersions(a[0]!, a[1]!, construct) === 0;
      case 'versionnotequals': need(2); return compareVersions(a[0]!, a[1]!, construct) !== 0;
      // The build being emulated is Visual Studio's, on Windows.
      case 'isosplatform': need(1); return a[0]!.toLowerCase() === 'windows';
      case 'isosunixlike': return false;
      default: break;
    }
  } else if (t === 'string') {
    switch (n) {
      case 'isnullorempty': return (a[0] ?? '') === '';
      case 'isnullorwhitespace': return (a[0] ?? '').trim() === '';
      case 'copy': return a[0] ?? '';
      case 'concat': return a.join('');
      case 'join': need(1); return a.slice(1).join(a[0]);
      case 'format': need(1); return a[0]!.replace(/\{(\d+)\}/g, (_m, i: string) => a[Number(i) + 1] ?? '');
      case 'empty': return '';
      default: break;
    }
  } else if (t === 'io.path') {
    switch (n) {
      case 'combine': {
        let out = '';
        for (const part of a) out = part === '' ? out : isAbsolute(hostPath(part)) || /^[A-Za-z]:/.test(part) || out === '' ? part : `${withSlash(out)}${part}`;
        return out;
      }
      case 'getfilename': need(1); return a[0]!.split(/[\\/]/).pop() ?? '';
      case 'getfilenamewithoutextension': need(1); { const f = a[0]!.split(/[\\/]/).pop() ?? ''; const d = f.lastIndexOf('.'); return d > 0 ? f.slice(0, d) : f; }
      case 'getextension': need(1); { const f = a[0]!.split(/[\\/]/).pop() ?? ''; const d = f.lastIndexOf('.'); return d >= 0 ? f.slice(d) : ''; }
      case 'getdirectoryname': need(1); { const i = Math.max(a[0]!.lastIndexOf('\\'), a[0]!.lastIndexOf('/')); return i >= 0 ? a[0]!.slice(0, i) : ''; }
      case 'getfullpath': need(1); return abs(host, a[0]!);
      case 'ispathrooted': need(1); return /^([\\/]|[A-Za-z]:)/.test(a[0]!);
      case 'changeextension': need(2); { const d = a[0]!.lastIndexOf('.'); const base = d > Math.max(a[0]!.lastIndexOf('\\'), a[0]!.lastIndexOf('/')) ? a[0]!.slice(0, d) : a[0]!; return a[1] === '' ? base : `${base}${a[1]!.startsWith('.') ? '' : '.'}${a[1]}`; }
      case 'directoryseparatorchar': return '\\';
      default: break;
    }
  } else if (t === 'io.file' || t === 'io.directory') {
    if (n === 'exists') {
      need(1);
      try {
        const st = statSync(abs(host, a[0]!));
        return t === 'io.file' ? st.isFile() : st.isDirectory();
      } catch {
        return false;
      }
    }
    if (t === 'io.file' && n === 'readalltext') {
      need(1);
      try {
        return readFileSync(abs(host, a[0]!), 'utf8');
      } catch (error) {
        throw new UnsupportedConstruct(construct, `cannot read ${a[0]} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
  } else if (t === 'environment') {
    if (n === 'getenvironmentvariable') { need(1); return host.env[a[0]!] ?? ''; }
    if (n === 'newline') return '\r\n';
  } else if (t === 'text.regularexpressions.regex') {
    if (n === 'match' || n === 'ismatch' || n === 'replace') {
      need(2);
      let re: RegExp;
      try {
        re = new RegExp(a[1]!, n === 'replace' ? 'g' : '');
      } catch {
        throw new UnsupportedConstruct(construct, `"${a[1]}" is not a regular expression wdksim can read`);
      }
      if (n === 'replace') { need(3); return a[0]!.replace(re, a[2]!.replace(/\$(\d)/g, '$$$1')); }
      const m = re.exec(a[0]!);
      if (n === 'ismatch') return m !== null;
      const groups: RegexGroup[] = m ? m.map((g) => ({ kind: 'group', value: g ?? '', success: g !== undefined })) : [{ kind: 'group', value: '', success: false }];
      return { kind: 'match', value: m?.[0] ?? '', success: m !== null, groups };
    }
  } else if (t === 'datetime' && (n === 'now' || n === 'utcnow' || n === 'today')) {
    if (!host.clock) throw new UnsupportedConstruct(construct, 'no clock was given to evaluate it');
    const now = host.clock.now();
    const parts = n === 'utcnow' ? utcParts(now) : localParts(now, host.clock.timeZone);
    return { kind: 'date', parts: n === 'today' ? { ...parts, hour: 0, minute: 0, second: 0 } : parts };
  } else if (t === 'convert') {
    if (n === 'toint32' || n === 'toint64') { need(1); return Math.trunc(num(a[0]!, construct)); }
    if (n === 'tostring') { need(1); return a[0]!; }
  } else if (t === 'math') {
    if (n === 'max') { need(2); return Math.max(num(a[0]!, construct), num(a[1]!, construct)); }
    if (n === 'min') { need(2); return Math.min(num(a[0]!, construct), num(a[1]!, construct)); }
  }
  throw new UnsupportedConstruct(construct, `[${type}]::${name} is not a function wdksim evaluates`);
}


/** .NET custom date format strings (the specifiers version stamps use: yyyy yy MM M dd d HH H hh h mm m ss s tt). */
function formatDate(p: CalendarParts, format: string): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return format.replace(/yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|tt/g, (t) => {
    switch (t) {
      case 'yyyy': return pad(p.year, 4);
      case 'yy': return pad(p.year % 100, 2);
      case 'MM': return pad(p.month, 2);
      case 'M': return String(p.month);
      case 'dd': return pad(p.day, 2);
      case 'd': return String(p.day);
      case 'HH': return pad(p.hour, 2);
      case 'H': return String(p.hour);
      case 'hh': return pad(h12, 2);
      case 'h': return String(h12);
      case 'mm': return pad(p.minute, 2);
      case 'm': return String(p.minute);
      case 'ss': return pad(p.second, 2);
      case 's': return String(p.second);
      default: return p.hour < 12 ? 'AM' : 'PM';
    }
  });
}

function dayOfYear(p: CalendarParts): number {
  return Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) + 1;
}

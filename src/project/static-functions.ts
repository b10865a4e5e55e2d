// Static property functions ([MSBuild]::, [System.String]::, [System.IO.Path]::,
// [System.IO.File]::, Regex, DateTime, Convert, Math), as
// learn.microsoft.com/visualstudio/msbuild/property-functions documents them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { localParts, utcParts } from '../time/clock.js';
import { hostPath, num, UnsupportedConstruct, type ExpandHost, type RegexGroup, type Value } from './function-values.js';

/** Paths are read against the project folder, with the host's separators. */
const abs = (host: ExpandHost, p: string) => resolve(host.baseDir, hostPath(p));

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

export function callStatic(type: string, name: string, args: string[] | undefined, host: ExpandHost, construct: string): Value {
  const t = type.toLowerCase().replace(/^system\./, '');
  const n = name.toLowerCase();
  const a = args ?? [];
  const need = (count: number) => {
    if (a.length < count) throw new UnsupportedConstruct(construct, `${name} needs ${count} argument(s)`);
  };
  if (t === 'msbuild') {
    switch (n) {
      case 'add':
        need(2);
        return num(a[0]!, construct) + num(a[1]!, construct);
      case 'subtract':
        need(2);
        return num(a[0]!, construct) - num(a[1]!, construct);
      case 'multiply':
        need(2);
        return num(a[0]!, construct) * num(a[1]!, construct);
      case 'divide':
        need(2);
        return num(a[0]!, construct) / num(a[1]!, construct);
      case 'modulo':
        need(2);
        return num(a[0]!, construct) % num(a[1]!, construct);
      case 'bitwiseor':
        need(2);
        return num(a[0]!, construct) | num(a[1]!, construct);
      case 'bitwiseand':
        need(2);
        return num(a[0]!, construct) & num(a[1]!, construct);
      case 'valueordefault':
        need(2);
        return a[0] !== '' ? a[0]! : a[1]!;
      case 'escape':
        need(1);
        return a[0]!.replace(/[%$@'();?*]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
      case 'unescape':
        need(1);
        return a[0]!.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      case 'getdirectorynameoffileabove':
        need(2);
        return fileAbove(abs(host, a[0]!), hostPath(a[1]!));
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
      case 'ensuretrailingslash':
        need(1);
        return withSlash(a[0]!);
      case 'normalizedirectory':
        return withSlash(resolve(host.baseDir, ...a.map(hostPath)));
      case 'normalizepath':
        return resolve(host.baseDir, ...a.map(hostPath));
      case 'versiongreaterthanorequals':
        need(2);
        return compareVersions(a[0]!, a[1]!, construct) >= 0;
      case 'versiongreaterthan':
        need(2);
        return compareVersions(a[0]!, a[1]!, construct) > 0;
      case 'versionlessthan':
        need(2);
        return compareVersions(a[0]!, a[1]!, construct) < 0;
      case 'versionlessthanorequals':
        need(2);
        return compareVersions(a[0]!, a[1]!, construct) <= 0;
      case 'versionequals':
        need(2);
        return compareVersions(a[0]!, a[1]!, construct) === 0;
      case 'versionnotequals':
        need(2);
        return compareVersions(a[0]!, a[1]!, construct) !== 0;
      // The build being emulated is Visual Studio's, on Windows.
      case 'isosplatform':
        need(1);
        return a[0]!.toLowerCase() === 'windows';
      case 'isosunixlike':
        return false;
      default:
        break;
    }
  } else if (t === 'string') {
    switch (n) {
      case 'isnullorempty':
        return (a[0] ?? '') === '';
      case 'isnullorwhitespace':
        return (a[0] ?? '').trim() === '';
      case 'copy':
        return a[0] ?? '';
      case 'concat':
        return a.join('');
      case 'join':
        need(1);
        return a.slice(1).join(a[0]);
      case 'format':
        need(1);
        return a[0]!.replace(/\{(\d+)\}/g, (_m, i: string) => a[Number(i) + 1] ?? '');
      case 'empty':
        return '';
      default:
        break;
    }
  } else if (t === 'io.path') {
    switch (n) {
      case 'combine': {
        let out = '';
        for (const part of a) out = part === '' ? out : isAbsolute(hostPath(part)) || /^[A-Za-z]:/.test(part) || out === '' ? part : `${withSlash(out)}${part}`;
        return out;
      }
      case 'getfilename':
        need(1);
        return a[0]!.split(/[\\/]/).pop() ?? '';
      case 'getfilenamewithoutextension':
        need(1);
        {
          const f = a[0]!.split(/[\\/]/).pop() ?? '';
          const d = f.lastIndexOf('.');
          return d > 0 ? f.slice(0, d) : f;
        }
      case 'getextension':
        need(1);
        {
          const f = a[0]!.split(/[\\/]/).pop() ?? '';
          const d = f.lastIndexOf('.');
          return d >= 0 ? f.slice(d) : '';
        }
      case 'getdirectoryname':
        need(1);
        {
          const i = Math.max(a[0]!.lastIndexOf('\\'), a[0]!.lastIndexOf('/'));
          return i >= 0 ? a[0]!.slice(0, i) : '';
        }
      case 'getfullpath':
        need(1);
        return abs(host, a[0]!);
      case 'ispathrooted':
        need(1);
        return /^([\\/]|[A-Za-z]:)/.test(a[0]!);
      case 'changeextension':
        need(2);
        {
          const d = a[0]!.lastIndexOf('.');
          const base = d > Math.max(a[0]!.lastIndexOf('\\'), a[0]!.lastIndexOf('/')) ? a[0]!.slice(0, d) : a[0]!;
          return a[1] === '' ? base : `${base}${a[1]!.startsWith('.') ? '' : '.'}${a[1]}`;
        }
      case 'directoryseparatorchar':
        return '\\';
      default:
        break;
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
    if (n === 'getenvironmentvariable') {
      need(1);
      return host.env[a[0]!] ?? '';
    }
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
      if (n === 'replace') {
        need(3);
        return a[0]!.replace(re, a[2]!.replace(/\$(\d)/g, '$$$1'));
      }
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
    if (n === 'toint32' || n === 'toint64') {
      need(1);
      return Math.trunc(num(a[0]!, construct));
    }
    if (n === 'tostring') {
      need(1);
      return a[0]!;
    }
  } else if (t === 'math') {
    if (n === 'max') {
      need(2);
      return Math.max(num(a[0]!, construct), num(a[1]!, construct));
    }
    if (n === 'min') {
      need(2);
      return Math.min(num(a[0]!, construct), num(a[1]!, construct));
    }
  }
  throw new UnsupportedConstruct(construct, `[${type}]::${name} is not a function wdksim evaluates`);
}

// Every corpus INX stamped with `-a amd64 -k 1.15 -d 01/02/2026 -v 1.2.3.4`:
// the output may differ from the input only in the expected places. The
// oracle here does not use the INF engine: it decodes the bytes itself, walks
// the lines of both files, and accepts a differing line only when it is the
// input line with the tokens substituted, or the DriverVer line with the new
// value, or one added DriverVer line inside [Version].
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stampInf } from '../../src/stamp/index.js';
import { fixedClock } from '../../src/time/clock.js';

const corpus = fileURLToPath(new URL('../../fixtures/corpus/windows-driver-samples/', import.meta.url));

function findInx(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return findInx(path);
    return /\.in[fx]$/i.test(d.name) ? [path] : [];
  });
}

const TOKENS: [string, string][] = [
  ['$KMDFCOINSTALLERVERSION$', '01015'],
  ['$KMDFVERSION$', '1.15'],
  ['$ARCH$', 'amd64'],
];
const DATE = '01/02/2026';
const VERSION = '1.2.3.4';

function decode(bytes: Buffer): { bom: string; text: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { bom: 'utf16', text: bytes.subarray(2).toString('utf16le') };
  return { bom: 'none', text: bytes.toString('latin1') };
}

/** Lines with their line ends, so a changed line end is a difference too. */
function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function substituted(line: string): string {
  let out = line;
  for (const [token, value] of TOKENS) out = out.split(token).join(value);
  return out;
}

/** The DriverVer line as it must read after stamping: same key, spacing, separator, comment and line end. */
function stampedDriverVer(line: string): string | undefined {
  const m = /^(\s*DriverVer\s*=[ \t]?)([^;\r\n]*?)([ \t]*(?:;[^\r\n]*)?\r?\n?)$/i.exec(line);
  if (!m) return undefined;
  const old = m[2]!;
  const sep = /^[^,]*?([ \t]*,[ \t]*)/.exec(old)?.[1] ?? ',';
  const pad = old === '' && m[3]!.startsWith(';') ? ' ' : '';
  return `${m[1]}${DATE}${sep}${VERSION}${pad}${m[3]}`;
}

function check(input: Buffer, output: Buffer): string | undefined {
  const a = decode(input);
  const b = decode(output);
  if (a.bom !== b.bom) return 'encoding or BOM changed';
  const left = lines(a.text);
  const right = lines(b.text);
  let section = '';
  let inserted = 0;
  let j = 0;
  for (let i = 0; i < left.length; i++, j++) {
    const before = left[i]!;
    const header = /^\s*\[([^\]]*)\]/.exec(before);
    if (header) section = header[1]!.toLowerCase();
    const after = right[j];
    if (after === undefined) return `output ends early at input line ${i + 1}`;
    if (after === before || after === substituted(before)) continue;
    if (section === 'version' && stampedDriverVer(before) === after) continue;
    // An added DriverVer line, just before the next section (or blank/comment lines before it).
    if (inserted === 0 && section === 'version' && /^DriverVer ?= ?01\/02\/2026,1\.2\.3\.4\r?\n$/.test(after)) {
      inserted++;
      i--;
      continue;
    }
    return `line ${i + 1} changed unexpectedly:\n- ${JSON.stringify(before)}\n+ ${JSON.stringify(after)}`;
  }
  if (j !== right.length) {
    // A file without [Version] gets one at the end: an optional line end / blank line, the header, DriverVer.
    const tail = right.slice(j).join('');
    const hadVersion = left.some((l) => /^\s*\[version\]/i.test(l));
    if (hadVersion || inserted !== 0 || !/^(\r?\n){0,2}\[Version\]\r?\nDriverVer ?= ?01\/02\/2026,1\.2\.3\.4\r?\n$/.test(tail)) {
      return `unexpected lines at the end: ${JSON.stringify(tail)}`;
    }
  }
  return undefined;
}

describe('the oracle', () => {
  const input = Buffer.from('[Version]\r\nSignature="$Windows NT$"\r\nDriverVer=01/01/2020,1.0.0.0 ; c\r\n[M]\r\n%X%=S,NT$ARCH$\r\n', 'latin1');
  const good = Buffer.from('[Version]\r\nSignature="$Windows NT$"\r\nDriverVer=01/02/2026,1.2.3.4 ; c\r\n[M]\r\n%X%=S,NTamd64\r\n', 'latin1');
  it('accepts the expected edits', () => expect(check(input, good)).toBeUndefined());
  it.each([
    ['a changed comment', good.toString('latin1').replace('; c', '; d')],
    ['a changed line end', good.toString('latin1').replace('NTamd64\r\n', 'NTamd64\n')],
    ['a changed key case', good.toString('latin1').replace('Signature', 'signature')],
    ['a DriverVer with another value', good.toString('latin1').replace('1.2.3.4', '1.2.3.5')],
  ])('rejects %s', (_what, text) => expect(check(input, Buffer.from(text, 'latin1'))).toBeDefined());
  it('rejects a lost BOM', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(input.toString('latin1'), 'utf16le')]);
    expect(check(utf16, Buffer.from(good.toString('latin1'), 'utf16le'))).toBeDefined();
  });
});

describe('stamping every corpus INX (and INF) changes only the stamped tokens', () => {
  const files = findInx(corpus);
  const clock = fixedClock('2026-11-24T12:30:00Z', 'UTC');

  it('finds the corpus', () => expect(files.filter((f) => /\.inx$/i.test(f)).length).toBeGreaterThan(70));

  it.each(files.map((f) => [relative(corpus, f), f]))('%s', (_name, file) => {
    const input = readFileSync(file);
    const result = stampInf(input, { arch: 'amd64', kmdf: '1.15', date: DATE, version: VERSION }, clock);
    expect(check(input, result.bytes)).toBeUndefined();
    // Nothing left to stamp outside comments, and DriverVer now reads as stamped.
    const text = decode(result.bytes).text;
    for (const line of lines(text)) {
      const code = line.replace(/;[^\n]*/, '');
      expect(code).not.toMatch(/\$(ARCH|KMDFVERSION|KMDFCOINSTALLERVERSION)\$/);
    }
    expect(text).toMatch(/DriverVer\s*=\s*01\/02\/2026,\s*1\.2\.3\.4/i);
    // Stamping the result again changes nothing.
    expect(stampInf(result.bytes, { arch: 'amd64', kmdf: '1.15', date: DATE, version: VERSION }, clock).bytes.equals(result.bytes)).toBe(true);
  });
});

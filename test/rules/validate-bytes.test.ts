// validateInfBytes (what `wdksim infverif` runs per file) gives what parsing the bytes in full and
// validateDocument give: a build input's source is only skimmed for the stamp (parseInfForStamp),
// and that must never change a finding, a line number or the text the findings quote.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeInf } from '../../src/inf/decode.js';
import { parseInf, parseInfBytesChecked, parseInfForStamp } from '../../src/inf/parse.js';
import { hasStampToken } from '../../src/rules/stamp-state.js';
import { validateDocument, validateInfBytes, type ValidateOptions } from '../../src/rules/validate.js';

function corpus(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...corpus(path));
    else if (/\.in[fx]$/i.test(e.name)) out.push(path);
  }
  return out;
}

function outcome(run: () => { diagnostics: unknown[]; document: { text: string; lineCount: number } }): unknown {
  try {
    const r = run();
    return { diagnostics: r.diagnostics, text: r.document.text, lines: r.document.lineCount };
  } catch (error) {
    return { threw: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) };
  }
}

function same(bytes: Buffer, options: ValidateOptions = {}): void {
  const file = 'x/driver.inx';
  const full = outcome(() => validateDocument(parseInfBytesChecked(bytes, { file }), options));
  const fast = outcome(() => validateInfBytes(bytes, { ...options, file }));
  expect(fast).toEqual(full);
}

describe('validateInfBytes', () => {
  it('finds what parse + validateDocument find over the whole corpus, in every stamping mode', () => {
    const files = corpus(join(import.meta.dirname, '../../fixtures/corpus'));
    expect(files.length).toBeGreaterThan(100);
    for (const path of files) {
      const bytes = readFileSync(path);
      same(bytes);
      same(bytes, { stampinf: true });
      same(bytes, { stampinf: false, mode: 'u' });
    }
  });

  it('skims a build input: every header, [Version] and the entries holding a $, with the same lines and line ends', () => {
    const text =
      '; c\r\n[Version]\r\nSignature="$Windows NT$"\r\nClass=Net\r\nDriverVer=\r\n[M.NT$ARCH$]\r\nA=B,\\\r\n  "q;$"\r\n[S]\r\nX="a\\" ; b\r\nY=1,\\\r\n 2 ; $ARCH$\r\nZ=$KMDFVERSION$\r\n';
    const bytes = Buffer.from(text, 'latin1');
    const skim = parseInfForStamp(bytes, { file: 'a.inx' }, hasStampToken)!;
    const full = parseInf(bytes, { file: 'a.inx' });
    expect(skim.partial).toBe(true);
    expect(skim.lineStarts).toEqual(full.lineStarts);
    expect(skim.eol).toBe(full.eol);
    expect(skim.sections.map((s) => s.headers)).toEqual(full.sections.map((s) => s.headers));
    expect(skim.section('Version')!.entries.map((e) => e.rawFields)).toEqual(full.section('Version')!.entries.map((e) => e.rawFields));
    expect(skim.section('M.NT$ARCH$')!.entries.map((e) => e.line)).toEqual([7]);
    expect(skim.section('S')!.entries.map((e) => e.line)).toEqual([13]); // Y's $ is in its comment: stepped over
    expect(parseInfForStamp(Buffer.from('[Version]\nSignature="$Windows NT$"\n'), {}, hasStampToken)).toBeUndefined();
    same(bytes);
  });

  it('finds what parse + validateDocument find for any text around the stamp tokens', () => {
    const piece = fc.constantFrom(
      '[Version]',
      '[M.NT$ARCH$]',
      '[Strings]',
      'Signature="$Windows NT$"',
      'DriverVer=',
      'DriverVer = 01/01/2020,1.0',
      'CatalogFile=a.cat',
      '$ARCH$',
      '$KMDFVERSION$',
      '$UMDFVERSION$',
      'DriverCLSID={x}',
      'UmdfLibraryVersion=$UMDFVERSION$',
      'A=B',
      ' = ',
      '"',
      '""',
      ';',
      '\\',
      ',',
      '%a%',
      '\r',
      '\n',
      '\r\n',
      ' ',
      '\t',
      'x',
      '\u001a',
      '\u0000',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.boolean(), (pieces, utf16) => {
        const text = `[Version]\r\nSignature="$Windows NT$"\r\n${pieces.join('')}`;
        same(encodeInf(text, utf16 ? { encoding: 'utf-16le', bom: true } : { encoding: 'ansi', bom: false }));
      }),
      { numRuns: 400 },
    );
  });
});

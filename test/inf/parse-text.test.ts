// parseInfText(text, how) is parseInf(encodeInf(text, how)): the stamped copy of a build input
// is parsed from its text, skipping the encoding round trip only when it changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ansiRoundTrips, encodeInf, type InfEncoding } from '../../src/inf/decode.js';
import { documentToJson } from '../../src/inf/json.js';
import { parseInf, parseInfText } from '../../src/inf/parse.js';

type How = { encoding: InfEncoding; bom: boolean; trailingByte?: number };

function same(text: string, how: How): void {
  const viaBytes = parseInf(encodeInf(text, how), { file: 'a.inf' });
  const viaText = parseInfText(text, how, { file: 'a.inf' });
  expect(viaText.text).toBe(viaBytes.text);
  expect({ encoding: viaText.encoding, bom: viaText.bom, eol: viaText.eol, trailingByte: viaText.trailingByte }).toEqual({
    encoding: viaBytes.encoding,
    bom: viaBytes.bom,
    eol: viaBytes.eol,
    trailingByte: viaBytes.trailingByte,
  });
  expect(viaText.diagnostics).toEqual(viaBytes.diagnostics);
  expect(documentToJson(viaText)).toEqual(documentToJson(viaBytes));
}

const HOWS: How[] = [
  { encoding: 'ansi', bom: false },
  { encoding: 'utf-16le', bom: true },
  { encoding: 'utf-16le', bom: false },
  { encoding: 'utf-16le', bom: true, trailingByte: 0x41 },
  { encoding: 'utf-16be', bom: true },
  { encoding: 'utf-8', bom: true },
];

describe('parseInfText', () => {
  const texts = [
    '[Version]\r\nSignature="$Windows NT$"\r\nDriverVer=01/01/2024,1.0.0.0\r\n',
    '[Version]\nSignature="$Windows NT$"\n[Strings]\nA="caf\u00e9 \u20ac \u0081"\n',
    '[Version]\nSignature="$Windows NT$"\nProvider=\u0416\u0443\u043a\n', // not Windows-1252: '?' as ANSI
    '\u00ff\u00fe[Version]\r\nSignature="$Windows NT$"\r\n', // ANSI bytes that read as a UTF-16LE BOM
    'a\u0000b\u0000[\u0000V\u0000]\u0000\n\u0000', // NULs that make ANSI bytes look like UTF-16LE
    '[Version]\nSignature="$Windows NT$"\nX=\ud800\n', // a lone surrogate
    '',
  ];
  for (const how of HOWS) {
    it(`matches parsing the encoded bytes (${how.encoding}${how.bom ? ', BOM' : ''}${how.trailingByte !== undefined ? ', odd byte' : ''})`, () => {
      for (const text of texts) same(text, how);
    });
  }

  it('matches parsing the encoded bytes for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(...HOWS), (text, how) => same(`[Version]\n${text}`, how)),
      { numRuns: 300 },
    );
  });

  it('takes the short way only when the ANSI bytes decode to the same text', () => {
    expect(ansiRoundTrips('[Version]\r\nA=caf\u00e9 \u20ac\r\n')).toBe(true);
    expect(ansiRoundTrips('A=\u0416')).toBe(false);
    expect(ansiRoundTrips('A=\u0080')).toBe(false);
    expect(ansiRoundTrips('\u00ff\u00feA')).toBe(false);
    expect(ansiRoundTrips('A\u0000')).toBe(false);
  });
});

// The same INF gives the same document whatever its line ends, BOM and
// encoding (prettier's matrix): LF, CRLF, UTF-8 with BOM, UTF-16LE with and
// without BOM.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInf } from '../../src/inf/parse.js';
import { documentToJson } from '../../src/inf/json.js';
import { corpusInfFiles, corpusName } from '../helpers/corpus.js';

const ENCODING_CODES = new Set(['1003', '9001']);

function shape(bytes: Buffer) {
  const json = documentToJson(parseInf(bytes, { file: 'x.inf' }));
  return {
    sections: json.sections,
    diagnostics: json.diagnostics.filter((d) => !ENCODING_CODES.has(d.code)).map((d) => `${d.code}@${d.line}:${d.column}`),
  };
}

const variants: Record<string, (lf: string) => Buffer> = {
  'ANSI LF': (t) => Buffer.from(t, 'latin1'),
  'ANSI CRLF': (t) => Buffer.from(t.replace(/\n/g, '\r\n'), 'latin1'),
  'UTF-8 BOM CRLF': (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t.replace(/\n/g, '\r\n'), 'utf8')]),
  'UTF-16LE BOM CRLF': (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t.replace(/\n/g, '\r\n'), 'utf16le')]),
  'UTF-16LE no BOM LF': (t) => Buffer.from(t, 'utf16le'),
};

// ASCII samples only: the matrix is about framing, not about code pages.
const samples = corpusInfFiles()
  .map((f) => [corpusName(f), readFileSync(f)] as const)
  .filter(([, bytes]) => bytes[0] !== 0xff && !bytes.some((b) => b > 0x7f))
  .map(([name, bytes]) => [name, bytes.toString('latin1').replace(/\r\n/g, '\n')] as const);

describe('encoding and line-end matrix', () => {
  it('has samples to run', () => expect(samples.length).toBeGreaterThan(100));
  it.each(samples)('%s', (_name, lfText) => {
    const base = shape(variants['ANSI LF']!(lfText));
    for (const [variant, make] of Object.entries(variants)) {
      expect(shape(make(lfText)), variant).toEqual(base);
    }
  });
  it('reports each encoding the way it was read', () => {
    const text = '[Version]\nSignature="$Windows NT$"\n';
    const read = (variant: string) => {
      const doc = parseInf(variants[variant]!(text));
      return [doc.encoding, doc.bom, doc.eol, doc.diagnostics.map((d) => d.code)];
    };
    expect(read('ANSI LF')).toEqual(['ansi', false, 'lf', []]);
    expect(read('ANSI CRLF')).toEqual(['ansi', false, 'crlf', []]);
    expect(read('UTF-8 BOM CRLF')).toEqual(['utf-8', true, 'crlf', ['1003']]);
    expect(read('UTF-16LE BOM CRLF')).toEqual(['utf-16le', true, 'crlf', []]);
    expect(read('UTF-16LE no BOM LF')).toEqual(['utf-16le', false, 'lf', ['9001']]);
  });
  it('reads UTF-16BE with a BOM but reports 1003', () => {
    const body = Buffer.from('[Version]\r\nSignature="$Windows NT$"\r\n', 'utf16le');
    body.swap16();
    const doc = parseInf(Buffer.concat([Buffer.from([0xfe, 0xff]), body]));
    expect(doc.section('Version')?.value('Signature')).toBe('$Windows NT$');
    expect(doc.diagnostics.map((d) => `${d.code}:${d.severity}`)).toEqual(['1003:error']);
  });
});

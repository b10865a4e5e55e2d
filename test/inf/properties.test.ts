// Property tests: the parser never throws, every position lies inside the
// input, and decoding then encoding gives the bytes back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeInf } from '../../src/inf/decode.js';
import { parseInf } from '../../src/inf/parse.js';

// Text built from the characters that matter to the lexer, so runs hit the
// interesting states far more often than uniform noise would.
const infChar = fc.constantFrom('[', ']', '=', ',', ';', '"', '\\', '%', ' ', '\t', '\r', '\n', '\x1a', '\x00', 'a', 'B', '1', '$', 'é', '\u20ac');
const infText = fc.array(fc.oneof(infChar, fc.constantFrom('[Version]\n', 'Signature="$Windows NT$"\n', '[Strings]\n', 'k=%s%\n')), { maxLength: 300 }).map((a) => a.join(''));

describe('parser properties', () => {
  it('never throws and keeps every span inside the text', () => {
    fc.assert(
      fc.property(infText, (text) => {
        const doc = parseInf(text);
        for (const section of doc.sections) {
          for (const entry of section.entries) {
            const { start, end } = entry.span;
            expect(start.offset).toBeGreaterThanOrEqual(0);
            expect(end.offset).toBeLessThanOrEqual(text.length);
            expect(start.line).toBeGreaterThanOrEqual(1);
            expect(start.line).toBeLessThanOrEqual(doc.lineCount);
            for (const token of entry.fieldTokens) {
              expect(token.start).toBeLessThanOrEqual(token.end);
              expect(token.end).toBeLessThanOrEqual(text.length);
            }
            void entry.fields;
            void entry.key;
          }
        }
        for (const d of doc.diagnostics) expect(d.line).toBeLessThanOrEqual(doc.lineCount);
      }),
      { numRuns: 400 },
    );
  });

  it('decodes and re-encodes any bytes of each encoding back to themselves', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('ansi', 'utf-16le'), (raw, how) => {
        const bytes = how === 'utf-16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(raw)]) : Buffer.from(raw);
        if (how === 'ansi' && (bytes[0] === 0xff || bytes[0] === 0xfe || bytes[0] === 0xef)) return; // those start a BOM
        const doc = parseInf(bytes);
        if (doc.encoding === 'ansi' || doc.bom) expect(encodeInf(doc.text, doc).equals(bytes)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

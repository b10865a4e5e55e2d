// Random INF-like files (tokens in headers, values, quotes and comments;
// continuations; Ctrl-Z; CRLF/LF; ANSI/UTF-16LE): stamping never throws on
// content, keeps the BOM, and stamping twice equals stamping once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stampInf } from '../../src/stamp/index.js';
import { fixedClock } from '../../src/time/clock.js';

const clock = fixedClock('2026-11-24T12:30:00Z', 'UTC');
const options = { arch: 'amd64', kmdf: '1.15', umdf: '2.15.0', catalog: 'x.cat', date: '01/02/2026', version: '1.2.3.4' };

const line = fc.oneof(
  fc.constantFrom(
    '[Version]',
    '[version]',
    '[Strings]',
    '[Models.NT$ARCH$]',
    '[X.NT$ARCH$.10.0...16299]',
    '',
    'Signature="$Windows NT$"',
    'DriverVer=',
    'DriverVer = ; todo',
    'DriverVer=01/01/2001, 1.0.0.0 ; c',
    'driverver = 02-02-2002',
    'CatalogFile = a_$ARCH$.cat',
    'CatalogFile.NTamd64=b.cat',
    '%M%=Models,NT$ARCH$,NT$ARCH$.10.0...22000',
    'KmdfLibraryVersion = $KMDFVERSION$',
    'x=WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll',
    'UmdfLibraryVersion=$UMDFVERSION$',
    '; comment $ARCH$',
    'a = "quoted; $ARCH$ ""x"""',
    'continued = a, \\',
    '  b',
    '\x1a',
    '   [Odd]  trailing $ARCH$',
    'a=$ARCH',
  ),
  fc.string({ maxLength: 20 }),
);

const file = fc.record({
  lines: fc.array(line, { maxLength: 25 }),
  eol: fc.constantFrom('\r\n', '\n'),
  finalEol: fc.boolean(),
  utf16: fc.boolean(),
});

function encode(f: { lines: string[]; eol: string; finalEol: boolean; utf16: boolean }): Buffer {
  const text = f.lines.join(f.eol) + (f.finalEol ? f.eol : '');
  return f.utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : Buffer.from(text, 'latin1');
}

describe('stampInf on random INF-like files', () => {
  it('is idempotent and never throws on content', () => {
    fc.assert(
      fc.property(file, (f) => {
        const input = encode(f);
        const once = stampInf(input, options, clock).bytes;
        const twice = stampInf(once, options, clock).bytes;
        expect(twice.equals(once)).toBe(true);
        if (f.utf16) expect(once.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
      }),
      { numRuns: 400 },
    );
  });
});

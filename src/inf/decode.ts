// Bytes <-> text for INF files, remembering encoding and BOM so a writer can
// give back the same bytes. Windows reads ANSI (the system code page, here
// Windows-1252) and UTF-16LE; a UTF-8 or UTF-16BE BOM is read leniently but
// reported (InfVerif 1003).
import type { Diagnostic } from '../diagnostic.js';

/** InfVerif's 1003 as Visual Studio lists it (Kernel-Special-APC-ReadProcessMemory#1, a UTF-8 INF). */
const ENCODING_MESSAGE = 'INF has invalid or unknown file encoding, must be ANSI or UTF-16 LE.';

export type InfEncoding = 'utf-16le' | 'utf-16be' | 'utf-8' | 'ansi';
export type EolStyle = 'crlf' | 'lf' | 'mixed' | 'none';

export interface DecodedInf {
  text: string;
  encoding: InfEncoding;
  bom: boolean;
  eol: EolStyle;
  /** A trailing odd byte of a UTF-16 file, kept so encoding gives the bytes back. */
  trailingByte?: number;
  diagnostics: Diagnostic[];
}

// Windows-1252 bytes 0x80-0x9F; undefined bytes map to the C1 control of the
// same value so every byte decodes and re-encodes to itself.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const CP1252_REVERSE = new Map<string, number>([...CP1252_HIGH].map((ch, i) => [ch, 0x80 + i]));

function decodeAnsi(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  return /[\x80-\x9f]/.test(text) ? text.replace(/[\x80-\x9f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]!) : text;
}

function encodeAnsi(text: string): Buffer {
  const bytes = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes[i] = code;
    else bytes[i] = CP1252_REVERSE.get(text[i]!) ?? 0x3f; // '?' as Windows' best fit would
  }
  return bytes;
}

/**
 * decodeBytes(encodeInf(text, ANSI)) gives back `text` as ANSI with nothing to report: every
 * character has its own Windows-1252 byte, the bytes start with no byte-order mark, and no NUL
 * among the first 4,096 makes them look like UTF-16LE.
 */
export function ansiRoundTrips(text: string): boolean {
  const c0 = text.charCodeAt(0);
  const c1 = text.charCodeAt(1);
  if ((c0 === 0xff && c1 === 0xfe) || (c0 === 0xfe && c1 === 0xff) || (c0 === 0xef && c1 === 0xbb && text.charCodeAt(2) === 0xbf)) return false;
  const nul = text.indexOf('\0');
  if (nul !== -1 && nul < 4096) return false;
  // Only the characters outside ASCII and Latin-1's printable half need a look (a regular
  // expression finds them far faster than a loop over every character).
  const other = /[\x80-\x9f\u0100-\uffff]/g;
  for (let m = other.exec(text); m !== null; m = other.exec(text)) if (!CP1252_REVERSE.has(m[0])) return false;
  return true;
}

function eolStyle(text: string): EolStyle {
  let lf = 0;
  let crlf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lf++;
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
  }
  return eolFromCounts(lf, crlf);
}

/** The style from the count of line feeds and of those preceded by CR (the parser counts them while lexing). */
export function eolFromCounts(lf: number, crlf: number): EolStyle {
  if (lf === 0) return 'none';
  if (crlf === lf) return 'crlf';
  return crlf === 0 ? 'lf' : 'mixed';
}

/** UTF-16LE without a BOM: mostly ASCII text leaves every odd byte zero. */
function looksLikeUtf16le(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return false;
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i + 1] === 0) zeroOdd++;
    if (bytes[i] === 0) zeroEven++;
  }
  const pairs = n / 2;
  return zeroOdd / pairs > 0.6 && zeroEven / pairs < 0.1;
}

function fileLevel(code: string, severity: 'error' | 'warning', message: string, fix?: string): Diagnostic {
  return { code, severity, message, line: 1, column: 1, ...(fix ? { fix } : {}) };
}

export function decodeInf(bytes: Buffer): DecodedInf {
  return decodeBytes(bytes, true);
}

/**
 * decodeInf; without `scanEol` the end-of-line scan is skipped and `eol` is
 * 'none', for the parser, which works the style out while lexing.
 */
export function decodeBytes(bytes: Buffer, scanEol: boolean): DecodedInf {
  const diagnostics: Diagnostic[] = [];
  let encoding: InfEncoding;
  let bom = false;
  let body: Buffer;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    bom = true;
    body = bytes.subarray(2);
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    bom = true;
    body = bytes.subarray(2);
    diagnostics.push(fileLevel('1003', 'error', ENCODING_MESSAGE, 'The file is UTF-16 big-endian: save it as UTF-16LE with a byte order mark (or ANSI if it is ASCII only)'));
  } else if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    bom = true;
    body = bytes.subarray(3);
    diagnostics.push(
      fileLevel('1003', 'error', ENCODING_MESSAGE, 'The file is UTF-8 with a byte order mark: save it as UTF-16LE with a byte order mark (or ANSI if it is ASCII only)'),
    );
  } else if (looksLikeUtf16le(bytes)) {
    encoding = 'utf-16le';
    body = bytes;
    diagnostics.push(
      fileLevel(
        '9001',
        'warning',
        'The INF is UTF-16LE without a byte order mark; Windows detects this only by guessing',
        'Save the file as UTF-16LE with a byte order mark (FF FE)',
      ),
    );
  } else {
    encoding = 'ansi';
    body = bytes;
  }
  let text: string;
  let trailingByte: number | undefined;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    if (body.length % 2 === 1) {
      trailingByte = body[body.length - 1];
      body = body.subarray(0, body.length - 1);
      diagnostics.push(fileLevel('9002', 'warning', 'The UTF-16 file has an odd number of bytes; the last byte is ignored (the file may be truncated)'));
    }
    if (encoding === 'utf-16le') {
      text = body.toString('utf16le');
    } else {
      const swapped = Buffer.from(body);
      swapped.swap16();
      text = swapped.toString('utf16le');
    }
  } else if (encoding === 'utf-8') {
    text = body.toString('utf8');
  } else {
    text = decodeAnsi(body);
  }
  return { text, encoding, bom, eol: scanEol ? eolStyle(text) : 'none', ...(trailingByte !== undefined ? { trailingByte } : {}), diagnostics };
}

/** Encodes text the way it was read (same encoding, BOM and trailing byte). */
export function encodeInf(text: string, how: { encoding: InfEncoding; bom: boolean; trailingByte?: number }): Buffer {
  let body: Buffer;
  let bom: Buffer = Buffer.alloc(0);
  switch (how.encoding) {
    case 'utf-16le':
      body = Buffer.from(text, 'utf16le');
      if (how.bom) bom = Buffer.from([0xff, 0xfe]);
      break;
    case 'utf-16be':
      body = Buffer.from(text, 'utf16le');
      body.swap16();
      if (how.bom) bom = Buffer.from([0xfe, 0xff]);
      break;
    case 'utf-8':
      body = Buffer.from(text, 'utf8');
      if (how.bom) bom = Buffer.from([0xef, 0xbb, 0xbf]);
      break;
    default:
      body = encodeAnsi(text);
  }
  const tail = how.trailingByte !== undefined ? Buffer.from([how.trailingByte]) : Buffer.alloc(0);
  return Buffer.concat([bom, body, tail]);
}

/** A character looksBinary counts (a control other than tab, LF, VT, FF, CR and Ctrl-Z, or U+FFFD). */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const BINARY_HINT = /[\x00-\x08\x0e-\x19\x1b-\x1f\ufffd]/;

/**
 * Binary data (an executable, an archive) is not an INF. Judged on the text
 * before the first Ctrl-Z, which ends an INF file.
 */
export function looksBinary(text: string): boolean {
  // The common case, text with no control character at all, is found by one regular expression.
  if (!BINARY_HINT.test(text.length > 65536 ? text.slice(0, 65536) : text)) return false;
  const end = Math.min(text.length, 65536);
  let control = 0;
  let counted = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x1a) break;
    counted++;
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13) || c === 0xfffd) control++;
  }
  return counted > 0 && control / counted > 0.1;
}

// parseInf: bytes → InfDocument with diagnostics. Never throws on content;
// readInfFile throws InputError only when the file cannot be read at all.
import { stat } from 'node:fs/promises';
import { InputError, describeFsError } from '../errors.js';
import { LimitError, limits } from '../limits.js';
import type { Span } from '../diagnostic.js';
import { ansiRoundTrips, decodeBytes, encodeInf, eolFromCounts, looksBinary, type DecodedInf, type EolStyle, type InfEncoding } from './decode.js';
import { InfDocument, InfEntry, type InfSection } from './document.js';
import { lex, type LexSink } from './lexer.js';
import { readUserInput } from '../fs/read-input.js';

export interface ParseOptions {
  /** File name used in diagnostics (as the user gave it). */
  file?: string;
  /** LANGID that picks the [Strings] variant (default 0x0409, en-US). */
  langId?: number;
  /** DIRID paths for this context (e.g. 13 → the driver store folder). */
  dirids?: ReadonlyMap<number, string>;
}

const SIGNATURES = new Set(['$windows nt$', '$chicago$', '$windows 95$']);

/** Files sections and entries into the document as the lexer finds them (no intermediate item list). */
class DocumentSink implements LexSink<InfEntry> {
  current: InfSection | undefined = undefined;
  entries = 0;
  readonly maxSections = limits().infSections;
  readonly maxEntries = limits().infEntries;
  constructor(readonly doc: InfDocument) {}
  section(name: string, line: number, span: Span): void {
    this.current = this.doc.openSection({ name, line, span });
    if (this.doc.sections.length > this.maxSections) throw new LimitError('infSections', `${this.doc.file}, line ${line}: too many sections`);
  }
  entry(entry: InfEntry): void {
    if (++this.entries > this.maxEntries) this.tooMany(entry.line);
    entry.doc = this.doc;
    const current = this.current;
    if (current !== undefined) {
      entry.section = current.name;
      current.entries.push(entry);
    } else {
      this.doc.preamble.push(entry);
    }
  }
  tooMany(line: number): never {
    throw new LimitError('infEntries', `${this.doc.file}, line ${line}: too many lines with content`);
  }
}

/**
 * The sink of a skimmed parse (parseInfForStamp): every section header, the entries of [Version]
 * and those holding a `$`; any other entry is stepped over, but still counted against the limit.
 */
class SkimSink extends DocumentSink {
  readonly skim = {
    wanted: (): boolean => this.current !== undefined && this.current.lowerName === 'version',
    skipped: (line: number): void => {
      if (++this.entries > this.maxEntries) this.tooMany(line);
    },
  };
}

export function parseInf(input: Buffer | string, options: ParseOptions = {}): InfDocument {
  if (typeof input === 'string') return parseDecoded({ text: input, encoding: 'utf-16le', bom: true, eol: 'lf', diagnostics: [] }, options, false);
  // Bytes: the end-of-line style is counted by the lexer rather than by a second scan of the text.
  return parseDecoded(decodeBytes(input, false), options, true);
}

/**
 * parseInf(encodeInf(text, how), options), without encoding the text and decoding it again when
 * that round trip gives back the same text with nothing to report (ANSI text of Windows-1252
 * characters that no byte-order test mistakes for another encoding; UTF-16LE with its BOM).
 * The stamped copy of a build input is parsed this way.
 */
export function parseInfText(text: string, how: { encoding: InfEncoding; bom: boolean; trailingByte?: number }, options: ParseOptions = {}): InfDocument {
  const same = how.trailingByte === undefined && ((how.encoding === 'utf-16le' && how.bom) || (how.encoding === 'ansi' && !how.bom && ansiRoundTrips(text)));
  if (!same) return parseInf(encodeInf(text, how), options);
  return parseDecoded({ text, encoding: how.encoding, bom: how.bom, eol: 'none', diagnostics: [] }, options, true);
}

/**
 * What stampinf needs of a build input, for a caller that checks only the stamped copy: the bytes
 * decoded and parsed as parseInf does, but with only [Version] and the entries that hold a `$`
 * lexed (every header is there, the end-of-line style and the limits are the same); undefined,
 * having parsed nothing, when `skim(text)` says the text is not worth it. The document is
 * partial: give it only to the stamp (stampedForBuild), never to a rule or a reader.
 */
export function parseInfForStamp(bytes: Buffer, options: ParseOptions, skim: (text: string) => boolean): InfDocument | undefined {
  const decoded = decodeBytes(bytes, false);
  if (!skim(decoded.text)) return undefined;
  return parseDecoded(decoded, options, true, true);
}

function parseDecoded(decoded: DecodedInf, options: ParseOptions, countEol: boolean, skim = false): InfDocument {
  const lineStarts = [0];
  const doc = new InfDocument({
    file: options.file ?? '<input>',
    text: decoded.text,
    encoding: decoded.encoding,
    bom: decoded.bom,
    eol: decoded.eol,
    ...('trailingByte' in decoded && decoded.trailingByte !== undefined ? { trailingByte: decoded.trailingByte } : {}),
    lineStarts,
    ...(options.langId !== undefined ? { langId: options.langId } : {}),
    ...(options.dirids ? { dirids: options.dirids } : {}),
    ...(skim ? { partial: true } : {}),
  });
  const lexed = lex(decoded.text, InfEntry, skim ? new SkimSink(doc) : new DocumentSink(doc), lineStarts);
  if (countEol) (doc as { eol: EolStyle }).eol = eolFromCounts(lexed.lf, lexed.crlf);
  // A loop, not push(...list): an INF can hold more diagnostics than the stack has room for arguments.
  for (const d of decoded.diagnostics) doc.diagnostics.push(d);
  for (const d of lexed.diagnostics) doc.diagnostics.push(d);
  checkFile(doc);
  for (const d of doc.diagnostics) d.file ??= doc.file;
  return doc;
}

/** File-level acceptance as SetupOpenInfFile decides it (inf-format.md §1.7, §1.15, §5.1). */
function checkFile(doc: InfDocument): void {
  const first = doc.preamble[0];
  if (first) {
    if (doc.has('Strings')) {
      doc.diagnostics.push({
        code: '9004',
        severity: 'warning',
        line: first.line,
        column: first.span.start.column,
        message: 'Text before the first section header is ignored (Windows accepts it only because the INF has a [Strings] section)',
        fix: 'Turn the text into comments starting with ";"',
      });
    } else if (doc.sections.length > 0) {
      doc.diagnostics.push({
        code: '1002',
        severity: 'error',
        line: first.line,
        column: first.span.start.column,
        message: 'Text before the first section header (ERROR_EXPECTED_SECTION_NAME): Windows refuses to open this INF',
        fix: 'Turn the text into comments starting with ";", or remove it',
      });
    }
  }
  const version = doc.section('Version');
  const signature = version?.find('Signature');
  const value = signature?.fields[0]?.toLowerCase();
  if (!version || !signature || !value || !SIGNATURES.has(value)) {
    const what =
      doc.text.slice(0, doc.text.indexOf('\x1a') === -1 ? undefined : doc.text.indexOf('\x1a')).trim() === ''
        ? 'is empty'
        : !version
          ? 'has no [Version] section'
          : !signature
            ? 'has no Signature in [Version]'
            : `has Signature "${signature.fields[0] ?? ''}"`;
    doc.diagnostics.push({
      code: '1001',
      severity: 'error',
      line: signature ? signature.line : 0,
      column: signature ? signature.span.start.column : 0,
      message: `The file ${what}; Windows opens only INF files whose [Version] Signature is "$Windows NT$" or "$Chicago$" (ERROR_WRONG_INF_STYLE)`,
      fix: 'Add [Version] with Signature="$Windows NT$"',
    });
  }
}

/** Reads and parses an INF file; InputError (exit 2) when it cannot be read or is not text. */
export async function readInfFile(path: string, options: ParseOptions = {}): Promise<InfDocument> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    bytes = await readUserInput(path);
  } catch (error) {
    throw new InputError(describeFsError(error, options.file ?? path));
  }
  return parseInfBytesChecked(bytes, { ...options, file: options.file ?? path });
}

/** parseInf, refusing data that is clearly not a text file. */
export function parseInfBytesChecked(bytes: Buffer, options: ParseOptions & { file: string }): InfDocument {
  const doc = parseInf(bytes, options);
  refuseBinary(doc, options.file);
  return doc;
}

/** The InputError of parseInfBytesChecked for a document that is clearly not text. */
export function refuseBinary(doc: InfDocument, file: string): void {
  if (doc.encoding === 'ansi' && looksBinary(doc.text)) {
    throw new InputError(`${file}: binary data, not an INF file; an INF is ANSI or UTF-16LE text`);
  }
}

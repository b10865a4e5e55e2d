// The INF lexer: SetupAPI's line state machine (inf-format.md §1, pinned by
// Wine's parser tests). Only LF ends a line, CR is whitespace, Ctrl-Z ends the
// file, `;` outside quotes starts a comment, `"` toggles quoting anywhere in a
// token (`""` inside quotes is one `"`), a trailing unquoted `\` continues the
// entry, the first `=` before any comma splits key from fields.
//
// Tokens keep offsets into the decoded text; line/column spans are resolved
// on demand from the line-start table, so a plain parse allocates little.
import type { Diagnostic, Position, Span } from '../diagnostic.js';

/** MAX_INF_SECTION_NAME_LENGTH */
export const MAX_SECTION_NAME = 255;
/** A field longer than this is silently truncated by SetupAPI (Vista and later). */
export const MAX_FIELD = 4096;

export function positionAt(lineStarts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1, offset };
}

export function spanAt(lineStarts: readonly number[], start: number, end: number): Span {
  return { start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) };
}

// Fields are declared (not initialized) and assigned once in the constructor, in
// the order they always had: class-field semantics would first define each one
// as undefined and then assign it, twice the work for the most-built objects.
export class RawToken {
  /** Text with quotes removed and whitespace trimmed; not yet substituted. */
  declare readonly value: string;
  /** Offset of the token's first character (a quote included), or where an empty token stands. */
  declare readonly start: number;
  /** Offset after its last kept character or closing quote. */
  declare readonly end: number;
  /** Some part of the token was quoted. */
  declare readonly quoted: boolean;
  declare private readonly lineStarts: readonly number[];
  constructor(value: string, start: number, end: number, quoted: boolean, lineStarts: readonly number[]) {
    this.value = value;
    this.start = start;
    this.end = end;
    this.quoted = quoted;
    this.lineStarts = lineStarts;
  }
  get span(): Span {
    return spanAt(this.lineStarts, this.start, this.end);
  }
}

export interface LexedSection {
  kind: 'section';
  name: string;
  line: number;
  span: Span;
}

export class LexedEntry {
  declare readonly line: number;
  /** Offsets from the first character of the entry to the end of its last token. */
  declare readonly start: number;
  declare readonly end: number;
  /** The token before `=`, or the only token of a line without `=`; undefined for a comma list without `=`. */
  declare readonly keyToken: RawToken | undefined;
  declare readonly hasEquals: boolean;
  /** The fields' tokens (at least one). */
  declare readonly fieldTokens: RawToken[];
  /** Offset of the `;` that starts the entry's comment, or -1. */
  declare readonly commentStart: number;
  declare readonly commentEnd: number;
  /** The entry stands before the first section header. */
  declare readonly beforeFirstSection: boolean;
  declare private readonly lineStarts: readonly number[];
  declare readonly kind: 'entry';
  /** Some `%` stands between start and end (so values may need substitution); true when unknown. */
  declare readonly hasPercent: boolean;
  constructor(
    line: number,
    start: number,
    end: number,
    keyToken: RawToken | undefined,
    hasEquals: boolean,
    fieldTokens: RawToken[],
    commentStart: number,
    commentEnd: number,
    beforeFirstSection: boolean,
    lineStarts: readonly number[],
    hasPercent = true,
  ) {
    this.line = line;
    this.start = start;
    this.end = end;
    this.keyToken = keyToken;
    this.hasEquals = hasEquals;
    this.fieldTokens = fieldTokens;
    this.commentStart = commentStart;
    this.commentEnd = commentEnd;
    this.beforeFirstSection = beforeFirstSection;
    this.lineStarts = lineStarts;
    this.kind = 'entry';
    this.hasPercent = hasPercent;
  }
  get span(): Span {
    return spanAt(this.lineStarts, this.start, this.end);
  }
  /** The comment that ends the entry (from `;` to the line end), if any. */
  get comment(): Span | undefined {
    return this.commentStart < 0 ? undefined : spanAt(this.lineStarts, this.commentStart, this.commentEnd);
  }
}

export type LexedItem = LexedSection | LexedEntry;

/** Lets the parser build its own entry objects (a subclass) without a second allocation. */
export type EntryClass<E extends LexedEntry> = new (...args: ConstructorParameters<typeof LexedEntry>) => E;

export interface LexResult<E extends LexedEntry = LexedEntry> {
  items: (LexedSection | E)[];
  /** Offset of the first Ctrl-Z, or the text length. */
  eof: number;
  lineStarts: number[];
  diagnostics: Diagnostic[];
  /** Line feeds in the whole text, and those of them preceded by CR (the end-of-line style, counted while lexing). */
  lf: number;
  crlf: number;
}

/** Receives sections and entries as they are lexed, in file order (instead of the items list). */
export interface LexSink<E extends LexedEntry> {
  section(name: string, line: number, span: Span): void;
  entry(entry: E): void;
  /**
   * Skimming: when set, an entry is lexed (tokens built, entry() called) only if this says so
   * or a `$` stands in it before any comment; any other entry is only stepped over (its
   * continuation lines included) and reported here by its line.
   */
  skim?: { wanted(): boolean; skipped(line: number): void };
}

const SPACE = 32,
  TAB = 9,
  CR = 13,
  VT = 11,
  FF = 12,
  NUL = 0;
const QUOTE = 34,
  DOLLAR = 36,
  SEMI = 59,
  COMMA = 44,
  EQUALS = 61,
  BACKSLASH = 92,
  LBRACKET = 91;

/** 1 for every UTF-16 unit that ends a run of plain token text (blanks, controls, `"`, `;`, `,`, `=`, `\\`). */
const STOP = new Uint8Array(65536);
for (let c = 0; c <= SPACE; c++) STOP[c] = 1;
for (const c of [QUOTE, SEMI, COMMA, EQUALS, BACKSLASH]) STOP[c] = 1;

/** 1 for the units that matter when an entry is only stepped over: `"`, `;`, `\\` and `$`. */
const SKIM_STOP = new Uint8Array(65536);
for (const c of [QUOTE, SEMI, BACKSLASH, DOLLAR]) SKIM_STOP[c] = 1;

/** A backslash at i followed by only blanks and backslashes up to the line end or a comment: a line continuation. */
function continuesAt(text: string, i: number, lineEnd: number): boolean {
  let j = i + 1;
  while (j < lineEnd) {
    const d = text.charCodeAt(j);
    if (!isWs(d) && d !== BACKSLASH) break;
    j++;
  }
  return j >= lineEnd || text.charCodeAt(j) === SEMI;
}

function isWs(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === VT || c === FF || c === NUL;
}

class Lexer<E extends LexedEntry> {
  readonly items: (LexedSection | E)[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly eof: number;
  pos = 0;
  lineEnd = 0;
  sawSection = false;
  lf = 0;
  crlf = 0;

  // The token being built.
  tok = '';
  keep = 0; // length of tok up to its last kept (non-blank or quoted) character
  started = false;
  quoted = false;
  tokStart = 0;
  tokEnd = 0;
  runStart = -1; // a run of plain characters not yet copied into tok
  runKeep = -1;
  lastEnd = 0;
  readonly scratch: RawToken[] = [];
  /** Offset of the next `%` at or after the current entry (text length when none). */
  nextPercent = -1;
  /** Offset of the next `]` after the current header's `[` (text length when none): one search serves many headers. */
  nextBracket = -1;
  readonly skim: LexSink<E>['skim'];
  /** Skimming: offsets of the next `$` and `\\` at or after the current entry (text length when none). */
  nextDollar = -1;
  nextBackslash = -1;

  constructor(
    readonly text: string,
    readonly Entry: EntryClass<E>,
    readonly sink: LexSink<E> | undefined,
    readonly lineStarts: number[],
  ) {
    const ctrlZ = text.indexOf('\x1a');
    this.eof = ctrlZ === -1 ? text.length : ctrlZ;
    this.skim = sink?.skim;
    this.lineEnd = this.findLineEnd(0);
  }

  findLineEnd(from: number): number {
    const nl = this.text.indexOf('\n', from);
    return nl === -1 || nl > this.eof ? this.eof : nl;
  }

  nextLine(): boolean {
    if (this.lineEnd >= this.eof) {
      this.pos = this.eof;
      return false;
    }
    // lineEnd < eof: a line feed ends this line.
    this.lf++;
    if (this.lineEnd > 0 && this.text.charCodeAt(this.lineEnd - 1) === CR) this.crlf++;
    this.pos = this.lineEnd + 1;
    this.lineStarts.push(this.pos);
    this.lineEnd = this.findLineEnd(this.pos);
    return true;
  }

  run(): void {
    const text = this.text;
    for (;;) {
      let i = this.pos;
      const lineEnd = this.lineEnd;
      while (i < lineEnd && isWs(text.charCodeAt(i))) i++;
      if (i < lineEnd) {
        const c = text.charCodeAt(i);
        if (c === LBRACKET) this.section(i);
        else if (c !== SEMI) {
          if (this.skim === undefined || this.skim.wanted()) this.entry(i);
          else this.skipEntry(i, this.skim);
        }
      }
      if (!this.nextLine()) break;
    }
    // Line feeds after a Ctrl-Z still count for the end-of-line style.
    for (let i = this.text.indexOf('\n', this.eof); i !== -1; i = this.text.indexOf('\n', i + 1)) {
      this.lf++;
      if (i > 0 && this.text.charCodeAt(i - 1) === CR) this.crlf++;
    }
  }

  section(i: number): void {
    const text = this.text;
    const lineEnd = this.lineEnd;
    if (this.nextBracket <= i) {
      const b = text.indexOf(']', i + 1);
      this.nextBracket = b === -1 ? text.length : b;
    }
    const j = this.nextBracket < lineEnd ? this.nextBracket : lineEnd;
    const line = this.lineStarts.length;
    const column = i - this.pos + 1;
    if (j >= lineEnd) {
      this.diagnostics.push({
        code: '1002',
        severity: 'error',
        line,
        column,
        message: 'Section header without a closing "]" (ERROR_BAD_SECTION_NAME_LINE): Windows refuses to open this INF',
        fix: 'Close the section name with "]" on the same line',
      });
      return;
    }
    const name = text.slice(i + 1, j);
    if (name.length > MAX_SECTION_NAME) {
      this.diagnostics.push({
        code: '1002',
        severity: 'error',
        line,
        column,
        message: `Section name is ${name.length} characters long; the limit is ${MAX_SECTION_NAME} (ERROR_SECTION_NAME_TOO_LONG)`,
        fix: `Shorten the section name to at most ${MAX_SECTION_NAME} characters`,
      });
    }
    // Line and columns are known here: no search of the line-start table.
    const span: Span = { start: { line, column, offset: i }, end: { line, column: column + (j + 1 - i), offset: j + 1 } };
    if (this.sink !== undefined) this.sink.section(name, line, span);
    else this.items.push({ kind: 'section', name, line, span });
    this.sawSection = true;
  }

  flush(at: number): void {
    if (this.runStart >= 0) {
      const base = this.tok.length;
      const run = this.text.slice(this.runStart, at);
      this.tok = base === 0 ? run : this.tok + run; // a quoted value is usually one run: no concatenation
      if (this.runKeep > this.runStart) this.keep = base + (this.runKeep - this.runStart);
      this.runStart = -1;
      this.runKeep = -1;
    }
  }

  finish(at: number): RawToken {
    let value: string;
    if (this.tok === '' && this.runStart >= 0) {
      // The common token: one run of plain text, sliced once without its trailing blanks.
      value = this.runKeep > this.runStart ? this.text.slice(this.runStart, this.runKeep) : '';
      this.runStart = -1;
      this.runKeep = -1;
    } else {
      this.flush(at);
      value = this.keep < this.tok.length ? this.tok.slice(0, this.keep) : this.tok;
    }
    if (value.length > MAX_FIELD) {
      const where = positionAt(this.lineStarts, this.tokStart);
      this.diagnostics.push({
        code: '9003',
        severity: 'warning',
        line: where.line,
        column: where.column,
        message: `A value of ${value.length} characters is cut to ${MAX_FIELD}, as Windows does`,
        fix: `Keep each value under ${MAX_FIELD} characters`,
      });
      value = value.slice(0, MAX_FIELD);
    }
    let token: RawToken;
    if (this.started) {
      token = new RawToken(value, this.tokStart, this.tokEnd, this.quoted, this.lineStarts);
      this.lastEnd = this.tokEnd;
    } else {
      token = new RawToken(value, at, at, false, this.lineStarts);
    }
    this.tok = '';
    this.keep = 0;
    this.started = false;
    this.quoted = false;
    return token;
  }

  begin(i: number): void {
    this.started = true;
    this.tokStart = i;
  }

  /**
   * Steps over the entry at `begin` as entry() would read it (quotes, a comment, `\\`
   * continuations: the same lines consumed), without building tokens; an entry with a `$`
   * before its comment is lexed after all (entry()).
   */
  skipEntry(begin: number, skim: NonNullable<LexSink<E>['skim']>): void {
    const text = this.text;
    const line = this.lineStarts.length;
    // Most lines have neither a `$` nor a `\\`: then the entry is this line, whatever its quotes
    // and comment hold, and nothing needs scanning (one search per character serves many lines).
    if (this.nextDollar < begin) {
      const d = text.indexOf('$', begin);
      this.nextDollar = d === -1 ? text.length : d;
    }
    if (this.nextBackslash < begin) {
      const b = text.indexOf('\\', begin);
      this.nextBackslash = b === -1 ? text.length : b;
    }
    if (this.nextDollar >= this.lineEnd && this.nextBackslash >= this.lineEnd) {
      skim.skipped(line);
      return;
    }
    const savedPos = this.pos;
    const savedLineEnd = this.lineEnd;
    const savedLf = this.lf;
    const savedCrlf = this.crlf;
    let lineEnd = this.lineEnd;
    let inQuotes = false;
    let i = begin;
    scan: while (i < lineEnd) {
      const c = text.charCodeAt(i);
      if (c === DOLLAR) {
        // Lexed in full after all: back to where the entry began (lines consumed are given back).
        this.pos = savedPos;
        this.lineEnd = savedLineEnd;
        this.lf = savedLf;
        this.crlf = savedCrlf;
        this.lineStarts.length = line;
        this.entry(begin);
        return;
      }
      if (inQuotes) {
        if (c === QUOTE) {
          if (i + 1 < lineEnd && text.charCodeAt(i + 1) === QUOTE)
            i += 2; // `""`: one quote, still quoted
          else {
            inQuotes = false;
            i++;
          }
          continue;
        }
        i++;
        while (i < lineEnd) {
          const d = text.charCodeAt(i);
          if (d === QUOTE || d === DOLLAR) break;
          i++;
        }
        continue;
      }
      if (c === QUOTE) {
        inQuotes = true;
        i++;
        continue;
      }
      if (c === SEMI) break;
      if (c === BACKSLASH) {
        if (continuesAt(text, i, lineEnd)) {
          if (!this.nextLine()) break scan;
          lineEnd = this.lineEnd;
          i = this.pos;
          while (i < lineEnd && isWs(text.charCodeAt(i))) i++;
          continue;
        }
      }
      i++;
      while (i < lineEnd && SKIM_STOP[text.charCodeAt(i)] === 0) i++;
    }
    skim.skipped(line);
  }

  entry(begin: number): void {
    const text = this.text;
    // Tokens gather in a reused scratch array; the entry keeps an exact-size copy
    // (a pushed-to [] reserves 17 slots, which every entry would carry).
    const fields = this.scratch;
    let count = 0; // tokens in scratch (its length is never reset: that is a slow builtin)
    let key: RawToken | undefined;
    let hasEquals = false;
    let sawComma = false;
    let commentStart = -1;
    const line = this.lineStarts.length;
    let inQuotes = false;
    this.lastEnd = begin;
    let lineEnd = this.lineEnd;

    let i = begin;
    scan: while (i < lineEnd) {
      const c = text.charCodeAt(i);
      if (inQuotes) {
        if (c === QUOTE) {
          this.flush(i);
          if (i + 1 < lineEnd && text.charCodeAt(i + 1) === QUOTE) {
            this.tok += '"';
            i += 2;
          } else {
            inQuotes = false;
            i++;
          }
          this.keep = this.tok.length;
          this.tokEnd = i;
          continue;
        }
        if (c === NUL) {
          this.flush(i);
          this.tok += ' ';
          this.keep = this.tok.length;
          i++;
        } else {
          if (this.runStart < 0) this.runStart = i;
          i++;
          while (i < lineEnd) {
            const d = text.charCodeAt(i);
            if (d === QUOTE || d === NUL) break;
            i++;
          }
        }
        this.runKeep = i;
        this.tokEnd = i;
        continue;
      }
      if (c === QUOTE) {
        this.flush(i);
        if (!this.started) this.begin(i);
        this.quoted = true;
        inQuotes = true;
        i++;
        this.keep = this.tok.length;
        this.tokEnd = i;
        continue;
      }
      if (c === SEMI) {
        commentStart = i;
        break;
      }
      if (c === COMMA) {
        fields[count++] = this.finish(i);
        sawComma = true;
        i++;
        continue;
      }
      if (c === EQUALS && !hasEquals && !sawComma) {
        key = this.finish(i);
        hasEquals = true;
        i++;
        continue;
      }
      if (c === BACKSLASH) {
        if (continuesAt(text, i, lineEnd)) {
          // Continuation: the backslashes, blanks before them, the line end
          // and the next line's leading blanks all vanish.
          this.flush(i);
          this.tok = this.tok.slice(0, this.keep);
          if (!this.nextLine()) {
            i = this.eof;
            lineEnd = this.eof;
            break scan;
          }
          lineEnd = this.lineEnd;
          i = this.pos;
          while (i < lineEnd && isWs(text.charCodeAt(i))) i++;
          continue;
        }
      }
      if (isWs(c)) {
        if (c === NUL) {
          if (this.started) {
            this.flush(i);
            this.tok += ' ';
          }
          i++;
          continue;
        }
        if (this.started && this.runStart < 0) this.runStart = i;
        // Blanks are kept only inside a token, and only once something follows.
        i++;
        while (i < lineEnd) {
          const d = text.charCodeAt(i);
          if (d !== SPACE && d !== TAB && d !== CR && d !== VT && d !== FF) break;
          i++;
        }
        continue;
      }
      if (!this.started) this.begin(i);
      if (this.runStart < 0) this.runStart = i;
      // Fast path: a run of ordinary characters needs no per-character state.
      i++;
      while (i < lineEnd && STOP[text.charCodeAt(i)] === 0) i++;
      this.runKeep = i;
      this.tokEnd = i;
    }
    fields[count++] = this.finish(commentStart >= 0 ? commentStart : Math.min(i, lineEnd)); // an entry has at least one field
    // A single field with no `=` is its own key (SetupGetStringField(0)).
    if (!hasEquals && count === 1) key = fields[0];
    const end = Math.max(this.lastEnd, key ? key.end : begin);
    if (this.nextPercent < begin) {
      const p = text.indexOf('%', begin);
      this.nextPercent = p === -1 ? text.length : p;
    }
    const hasPercent = this.nextPercent < end;
    const entry = new this.Entry(
      line,
      begin,
      end,
      key,
      hasEquals,
      fields.slice(0, count),
      commentStart,
      commentStart >= 0 ? lineEnd : -1,
      !this.sawSection,
      this.lineStarts,
      hasPercent,
    );
    if (this.sink !== undefined) this.sink.entry(entry);
    else this.items.push(entry);
  }
}

export function lex(text: string): LexResult;
export function lex<E extends LexedEntry>(text: string, Entry: EntryClass<E>): LexResult<E>;
/** With a sink, sections and entries go to it and `items` stays empty; lineStarts (given as [0]) is filled in place. */
export function lex<E extends LexedEntry>(text: string, Entry: EntryClass<E>, sink: LexSink<E>, lineStarts: number[]): LexResult<E>;
export function lex(text: string, Entry: EntryClass<LexedEntry> = LexedEntry, sink?: LexSink<LexedEntry>, lineStarts: number[] = [0]): LexResult {
  const lexer = new Lexer(text, Entry, sink, lineStarts);
  lexer.run();
  return { items: lexer.items, eof: lexer.eof, lineStarts: lexer.lineStarts, diagnostics: lexer.diagnostics, lf: lexer.lf, crlf: lexer.crlf };
}

// The INF lexer: SetupAPI's line state machine (inf-format.md §1, pinned by
// Wine's parser tests). Only LF ends a line, CR is whitespace, Ctrl-Z ends the
// file, `;` outside quotes starts a comment, `"` toggles quoting anywhere in a
// token (`""` inside quotes is one `"`), a trailing unquoted `\` continues the
// entry, the first `=` before any comma splits key from fields.
//
// Positions are kept as offsets into the decoded text and resolved to
// line/column at the end with the line-start table built along the way.
import type { Diagnostic, Position, Span } from '../diagnostic.js';

/** MAX_INF_SECTION_NAME_LENGTH */
export const MAX_SECTION_NAME = 255;
/** A field longer than this is silently truncated by SetupAPI (Vista and later). */
export const MAX_FIELD = 4096;

export interface RawToken {
  /** Text with quotes removed and whitespace trimmed; not yet substituted. */
  value: string;
  span: Span;
  /** Some part of the token was quoted. */
  quoted: boolean;
}

export interface LexedSection {
  kind: 'section';
  name: string;
  line: number;
  span: Span;
}

export interface LexedEntry {
  kind: 'entry';
  line: number;
  /** From the first character of the entry to the end of its last token. */
  span: Span;
  /** The token before `=`; undefined when the line has no `=` before a comma. */
  key?: RawToken;
  hasEquals: boolean;
  fields: RawToken[];
  /** The comment that ends the entry, if any (from `;` to the line end). */
  comment?: Span;
  /** The entry stands before the first section header. */
  beforeFirstSection: boolean;
}

export type LexedItem = LexedSection | LexedEntry;

export interface LexResult {
  items: LexedItem[];
  /** Offset of the first Ctrl-Z, or the text length. */
  eof: number;
  lineStarts: number[];
  diagnostics: Diagnostic[];
}

const SPACE = 32, TAB = 9, CR = 13, LF = 10, VT = 11, FF = 12, NUL = 0;
const QUOTE = 34, SEMI = 59, COMMA = 44, EQUALS = 61, BACKSLASH = 92, LBRACKET = 91, RBRACKET = 93;

function isWs(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === VT || c === FF || c === NUL;
}

export function positionAt(lineStarts: number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1, offset };
}

export function lex(text: string): LexResult {
  const ctrlZ = text.indexOf('\x1a');
  const eof = ctrlZ === -1 ? text.length : ctrlZ;
  const lineStarts: number[] = [0];
  const items: LexedItem[] = [];
  const diagnostics: Diagnostic[] = [];
  let sawSection = false;

  // Spans are resolved after the scan; keep raw offsets until then.
  type OffsetToken = { value: string; start: number; end: number; quoted: boolean };
  const spanOf = (start: number, end: number): Span => ({ start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) });

  let pos = 0;
  let lineEnd = text.indexOf('\n', pos);
  if (lineEnd === -1 || lineEnd > eof) lineEnd = eof;

  const nextLine = (): boolean => {
    if (lineEnd >= eof) {
      pos = eof;
      return false;
    }
    pos = lineEnd + 1;
    lineStarts.push(pos);
    lineEnd = text.indexOf('\n', pos);
    if (lineEnd === -1 || lineEnd > eof) lineEnd = eof;
    return true;
  };

  const entries: { entry: Omit<LexedEntry, 'span' | 'key' | 'fields' | 'comment'>; start: number; end: number; key?: OffsetToken; fields: OffsetToken[]; comment?: [number, number] }[] = [];
  const sections: { name: string; start: number; end: number; index: number }[] = [];
  const entryIndex: number[] = [];

  for (;;) {
    let i = pos;
    while (i < lineEnd && isWs(text.charCodeAt(i))) i++;
    if (i < lineEnd) {
      const c = text.charCodeAt(i);
      if (c === LBRACKET) {
        let j = i + 1;
        while (j < lineEnd && text.charCodeAt(j) !== RBRACKET) j++;
        const line = lineStarts.length;
        if (j >= lineEnd) {
          diagnostics.push({
            code: '1002', severity: 'error', line, column: i - pos + 1,
            message: `Section header without a closing "]" (ERROR_BAD_SECTION_NAME_LINE): Windows refuses to open this INF`,
            fix: 'Close the section name with "]" on the same line',
          });
        } else {
          const name = text.slice(i + 1, j);
          if (name.length > MAX_SECTION_NAME) {
            diagnostics.push({
              code: '1002', severity: 'error', line, column: i - pos + 1,
              message: `Section name is ${name.length} characters long; the limit is ${MAX_SECTION_NAME} (ERROR_SECTION_NAME_TOO_LONG)`,
              fix: `Shorten the section name to at most ${MAX_SECTION_NAME} characters`,
            });
          }
          sections.push({ name, start: i, end: j + 1, index: items.length });
          items.push({ kind: 'section', name, line, span: undefined as unknown as Span });
          sawSection = true;
        }
      } else if (c !== SEMI) {
        i = lexEntry(i);
      }
    }
    if (!nextLine()) break;
  }

  function lexEntry(begin: number): number {
    const fields: OffsetToken[] = [];
    let key: OffsetToken | undefined;
    let hasEquals = false;
    let sawComma = false;
    let comment: [number, number] | undefined;
    const line = lineStarts.length;

    // Current token state.
    let tok = '';
    let keep = 0; // length of tok up to its last kept (non-blank or quoted) char
    let started = false;
    let quoted = false;
    let inQuotes = false;
    let tokStart = begin;
    let tokEnd = begin;
    let runStart = -1;
    let runKeep = -1;
    let lastEnd = begin;

    const flush = (at: number) => {
      if (runStart >= 0) {
        const base = tok.length;
        tok += text.slice(runStart, at);
        if (runKeep > runStart) keep = base + (runKeep - runStart);
        runStart = -1;
        runKeep = -1;
      }
    };
    const finish = (at: number): OffsetToken => {
      flush(at);
      let value = keep < tok.length ? tok.slice(0, keep) : tok;
      if (value.length > MAX_FIELD) {
        diagnostics.push({
          code: '9003', severity: 'warning', line: positionAt(lineStarts, tokStart).line, column: positionAt(lineStarts, tokStart).column,
          message: `A value of ${value.length} characters is cut to ${MAX_FIELD}, as Windows does`,
          fix: `Keep each value under ${MAX_FIELD} characters`,
        });
        value = value.slice(0, MAX_FIELD);
      }
      const token = started ? { value, start: tokStart, end: tokEnd, quoted } : { value, start: at, end: at, quoted };
      if (started) lastEnd = tokEnd;
      tok = '';
      keep = 0;
      started = false;
      quoted = false;
      return token;
    };

    let i = begin;
    scan: for (;;) {
      if (i >= lineEnd) break;
      const c = text.charCodeAt(i);
      if (inQuotes) {
        if (c === QUOTE) {
          flush(i);
          if (i + 1 < lineEnd && text.charCodeAt(i + 1) === QUOTE) {
            tok += '"';
            i += 2;
          } else {
            inQuotes = false;
            i++;
          }
          keep = tok.length;
          tokEnd = i;
          continue;
        }
        if (c === NUL) {
          flush(i);
          tok += ' ';
          keep = tok.length;
        } else if (runStart < 0) {
          runStart = i;
        }
        i++;
        runKeep = i;
        tokEnd = i;
        continue;
      }
      switch (c) {
        case QUOTE:
          flush(i);
          if (!started) {
            started = true;
            tokStart = i;
          }
          quoted = true;
          inQuotes = true;
          i++;
          keep = tok.length;
          tokEnd = i;
          continue;
        case SEMI:
          flush(i);
          comment = [i, lineEnd];
          break scan;
        case COMMA:
          fields.push(finish(i));
          sawComma = true;
          i++;
          continue;
        case EQUALS:
          if (!hasEquals && !sawComma) {
            key = finish(i);
            hasEquals = true;
            i++;
            continue;
          }
          break;
        case BACKSLASH: {
          let j = i + 1;
          while (j < lineEnd) {
            const d = text.charCodeAt(j);
            if (!isWs(d) && d !== BACKSLASH) break;
            j++;
          }
          if (j >= lineEnd || text.charCodeAt(j) === SEMI) {
            // Continuation: the backslashes, blanks before them, the line end
            // and the next line's leading blanks all vanish.
            flush(i);
            tok = tok.slice(0, keep);
            if (!nextLine()) {
              i = eof;
              break scan;
            }
            i = pos;
            while (i < lineEnd && isWs(text.charCodeAt(i))) i++;
            continue;
          }
          break;
        }
        default:
          break;
      }
      // An ordinary character (or `=` after the key, or a literal `\`).
      if (c === NUL || isWs(c)) {
        if (!started) {
          i++;
          continue;
        }
        if (c === NUL) {
          flush(i);
          tok += ' ';
          i++;
          continue;
        }
        if (runStart < 0) runStart = i;
        i++;
        continue;
      }
      if (!started) {
        started = true;
        tokStart = i;
      }
      if (runStart < 0) runStart = i;
      i++;
      runKeep = i;
      tokEnd = i;
    }
    const at = comment ? comment[0] : Math.min(i, lineEnd);
    fields.push(finish(at)); // an entry always has at least one field
    const entryEnd = Math.max(lastEnd, key ? key.end : begin);
    entries.push({
      entry: { kind: 'entry', line, hasEquals, beforeFirstSection: !sawSection },
      start: begin,
      end: entryEnd,
      ...(key ? { key } : {}),
      fields,
      ...(comment ? { comment } : {}),
    });
    items.push(undefined as unknown as LexedItem); // placeholder, resolved below
    entryIndex.push(items.length - 1);
    return i;
  }
  // Resolve offsets to positions now that every line start is known.
  for (const s of sections) {
    (items[s.index] as LexedSection).span = spanOf(s.start, s.end);
  }
  const toToken = (t: OffsetToken): RawToken => ({ value: t.value, span: spanOf(t.start, t.end), quoted: t.quoted });
  entries.forEach((e, n) => {
    const fields = e.fields.map(toToken);
    let key = e.key ? toToken(e.key) : undefined;
    // A single field with no `=` is its own key (SetupGetStringField(0)).
    if (!e.entry.hasEquals && fields.length === 1) key = fields[0];
    const item: LexedEntry = {
      ...e.entry,
      span: spanOf(e.start, e.end),
      ...(key ? { key } : {}),
      fields,
      ...(e.comment ? { comment: spanOf(e.comment[0], e.comment[1]) } : {}),
    };
    items[entryIndex[n]!] = item;
  });
  return { items, eof, lineStarts, diagnostics };
}

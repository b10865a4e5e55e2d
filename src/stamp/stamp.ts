// stampinf over the INF engine (wdk-tools.md §2.4): replace the $ARCH$ and
// KMDF/UMDF tokens in section names, keys and values; write DriverVer into the
// target section (where it is, or as a new line, or in a new section at the
// end); write CatalogFile (and Provider) into [Version]. Edits come from the
// lexer's token spans, so comments, spacing, key case, line ends, encoding and
// the text before the first section keep their bytes.
import { lex } from '../inf/lexer.js';
import type { InfDocument, InfEntry, InfSection } from '../inf/document.js';
import { encodeInf } from '../inf/decode.js';
import type { RawToken } from '../inf/lexer.js';
import { parseInf } from '../inf/parse.js';
import type { Clock } from '../time/clock.js';
import { applyEdits, type StampChange, type TextEdit } from './edits.js';
import { resolveStamp, type ResolvedStamp, type StampRequest } from './values.js';
import { anyOffsetIn, charOffsets } from '../inf/char-offsets.js';

export interface StampResult {
  /** The stamped file, in the input's encoding, BOM and trailing byte. */
  bytes: Buffer;
  /** The stamped text (decoded). */
  text: string;
  /** Changed and added lines, in output line order. */
  changes: StampChange[];
  /** The values written, after precedence and validation. */
  stamp: ResolvedStamp;
  /** DriverVer as written: "mm/dd/yyyy,w.x.y.z". */
  driverVer: string;
}

export type StampOptions = StampRequest;

/** Stamps an INF/INX (bytes or a parsed document). Throws UsageError/InputError on bad values. */
export function stampInf(input: Buffer | InfDocument, options: StampOptions, clock: Clock): StampResult {
  const stamped = stampText(input, options, clock);
  const doc = stamped.source;
  const bytes = encodeInf(stamped.text, { encoding: doc.encoding, bom: doc.bom, ...(doc.trailingByte !== undefined ? { trailingByte: doc.trailingByte } : {}) });
  return { bytes, text: stamped.text, changes: stamped.changes, stamp: stamped.stamp, driverVer: stamped.driverVer };
}

/**
 * stampInf without encoding the result: the stamped text, and the document it was made from
 * (after -x). Without `withChanges` the changed lines are not listed (`changes` is empty).
 */
export function stampText(input: Buffer | InfDocument, options: StampOptions, clock: Clock, withChanges = true): Omit<StampResult, 'bytes'> & { source: InfDocument } {
  const parsed = Buffer.isBuffer(input) ? parseInf(input) : input;
  const doc = options.removeCoinstallers ? withoutCoinstallerLines(parsed) : parsed;
  const stamp = resolveStamp(options, clock);
  const driverVer = `${stamp.date.text},${stamp.version}`;
  const edits: TextEdit[] = []; // values written whole; token edits inside them are dropped below

  const inserts = new Map<string, { name: string; lines: string[] }>(); // section (lower case) → new lines
  const addLine = (sectionName: string, line: string) => {
    const key = sectionName.toLowerCase();
    const slot = inserts.get(key) ?? { name: sectionName, lines: [] };
    slot.lines.push(line);
    inserts.set(key, slot);
  };

  // DriverVer in the target section (`-s X.NTamd64` also finds `[X.NT$ARCH$]`).
  const values = tokenValues(stamp);
  const target = doc.section(stamp.section) ?? doc.sections.find((s) => substitute(s.name, values).toLowerCase() === stamp.section.toLowerCase());
  const existing = target ? directives(target, 'DriverVer') : [];
  if (existing.length > 0) {
    for (const entry of existing) edits.push(valueEdit(doc, entry, driverVer, true));
  } else {
    addLine(target?.name ?? stamp.section, assignment(doc, target?.name ?? stamp.section, 'DriverVer', driverVer));
  }
  // CatalogFile / Provider in [Version]: replace the undecorated entry, else add one.
  const version = doc.section('Version');
  for (const [key, value] of [
    ['CatalogFile', stamp.catalog],
    ['Provider', stamp.provider],
  ] as const) {
    if (value === undefined) continue;
    const found = version ? directives(version, key) : [];
    if (found.length > 0) for (const entry of found) edits.push(valueEdit(doc, entry, value, false));
    else addLine(version?.name ?? 'Version', assignment(doc, 'Version', key, value));
  }
  for (const slot of inserts.values()) edits.push(insertEdit(doc, slot.name, slot.lines));
  for (const edit of tokenEdits(doc, stamp)) {
    if (!edits.some((e) => e.start < edit.end && edit.start < e.end)) edits.push(edit);
  }

  const applied = applyEdits(doc.text, edits, withChanges);
  return { text: applied.text, changes: applied.changes, stamp, driverVer, source: doc };
}

const COINSTALLER_TOKEN = /\$(KMDF|UMDF)COINSTALLERVERSION\$/;

/**
 * -x: the lines naming the co-installer by its version token go (the CopyFiles entry, the
 * SourceDisksFiles entry, the CoInstallers32 AddReg line). Visual Studio builds of INX files that
 * carry them (Microsoft's own samples, e.g. network/modem/fakemodem) pass Inf2Cat without any
 * co-installer in the package, which the WDK no longer ships for KMDF 1.15 and later.
 */
function withoutCoinstallerLines(doc: InfDocument): InfDocument {
  if (!COINSTALLER_TOKEN.test(doc.text)) return doc;
  const lines = doc.text.split(/(?<=\n)/);
  const kept = lines.filter((line) => {
    const body = line.split(';')[0] ?? '';
    return !COINSTALLER_TOKEN.test(body);
  });
  const bytes = encodeInf(kept.join(''), { encoding: doc.encoding, bom: doc.bom, ...(doc.trailingByte !== undefined ? { trailingByte: doc.trailingByte } : {}) });
  return parseInf(bytes, { file: doc.file });
}

/** The tokens stampinf replaces, with their values for this run. */
function tokenValues(stamp: ResolvedStamp): Map<string, string> {
  const values = new Map<string, string>([['$ARCH$', stamp.arch]]);
  if (stamp.kmdf) {
    values.set('$KMDFVERSION$', stamp.kmdf.version);
    values.set('$KMDFCOINSTALLERVERSION$', stamp.kmdf.coinstaller);
  }
  if (stamp.umdf) {
    values.set('$UMDFVERSION$', stamp.umdf.version);
    values.set('$UMDFCOINSTALLERVERSION$', stamp.umdf.coinstaller);
  }
  return values;
}

function substitute(text: string, values: Map<string, string>): string {
  let out = text;
  for (const [token, value] of values) out = out.split(token).join(value);
  return out;
}

/**
 * Token replacements in every section header, key and value (comments and the preamble are left
 * alone). Plain loops into an array: as a generator (with a nested one per span) it made V8 keep
 * each whole document alive through young-generation collections, so stamping promoted some
 * 35 KB per file to the old generation (200 MB over 40 passes of the corpus) and tripled the
 * scavenges' cost for every INX checked as stamped.
 */
function tokenEdits(doc: InfDocument, stamp: ResolvedStamp): TextEdit[] {
  const out: TextEdit[] = [];
  const text = doc.text;
  // Where the text has a '$' at all (few places in an INX): a span without one is skipped
  // without slicing it, and an entry without one without collecting its tokens.
  const dollars = charOffsets(text, '$');
  if (dollars.length === 0) return out;
  const values = tokenValues(stamp);
  const pattern = new RegExp([...values.keys()].map((k) => k.replace(/\$/g, '\\$')).join('|'), 'g'); // case-sensitive, as stampinf
  const span = { doc, dollars, values, pattern, out };
  for (const section of doc.sections) {
    for (const header of section.headers) tokensInSpan(span, header.span.start.offset, header.span.end.offset, section.name);
    for (const entry of section.entries) {
      // Token offsets, not spans: a span builds two positions with a search each, for every token.
      if (!anyOffsetIn(dollars, entry.start, entry.end) && !(entry.keyToken && anyOffsetIn(dollars, entry.keyToken.start, entry.keyToken.end))) continue;
      const tokens = new Set<RawToken>(entry.fieldTokens);
      if (entry.keyToken) tokens.add(entry.keyToken);
      for (const token of tokens) tokensInSpan(span, token.start, token.end, section.name);
    }
  }
  return out;
}

/** Adds an edit for each token of `pattern` in [start, end) of the text. */
function tokensInSpan(
  span: { doc: InfDocument; dollars: readonly number[]; values: Map<string, string>; pattern: RegExp; out: TextEdit[] },
  start: number,
  end: number,
  section: string,
): void {
  if (!anyOffsetIn(span.dollars, start, end)) return;
  const raw = span.doc.text.slice(start, end);
  const pattern = span.pattern;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(raw); m !== null; m = pattern.exec(raw)) {
    span.out.push({ start: start + m.index, end: start + m.index + m[0].length, text: span.values.get(m[0])!, section });
  }
}

/** Entries `key = ...` with this (undecorated) key, matched case-insensitively on the unsubstituted key. */
function directives(section: InfSection, key: string): InfEntry[] {
  const lower = key.toLowerCase();
  return section.entries.filter((e) => e.hasEquals && e.rawKey?.toLowerCase() === lower);
}

/**
 * Replaces the value of `key = value` in place: spacing around `=`, the key's
 * case and a trailing comment stay. For DriverVer the separator between date
 * and version is kept too (`DriverVer = 06/13/2016, 1.0.0.1`).
 */
function valueEdit(doc: InfDocument, entry: InfEntry, value: string, driverVer: boolean): TextEdit {
  const text = doc.text;
  const fields = entry.fieldTokens;
  const first = fields[0]!;
  const last = fields[fields.length - 1]!;
  if (fields.length === 1 && first.span.start.offset === first.span.end.offset) {
    // Empty placeholder (`DriverVer =` or `DriverVer = ; set by stampinf`): write just after "= ".
    let at = entry.keyToken ? entry.keyToken.span.end.offset : entry.span.start.offset;
    at = text.indexOf('=', at) + 1;
    if (text[at] === ' ' || text[at] === '\t') at++;
    const next = text[at];
    const pad = next === ';' ? ' ' : '';
    return { start: at, end: at, text: value + pad, section: entry.section };
  }
  let replacement = value;
  if (driverVer && fields.length >= 2) {
    const sep = text.slice(fields[0]!.span.end.offset, fields[1]!.span.start.offset);
    if (/^[ \t]*,[ \t]*$/.test(sep)) {
      const comma = value.indexOf(',');
      replacement = value.slice(0, comma) + sep + value.slice(comma + 1);
    }
  }
  return { start: first.span.start.offset, end: last.span.end.offset, text: replacement, section: entry.section };
}

/** `key=value` or `key = value`, as the section (else the file) writes its first assignment. */
function assignment(doc: InfDocument, sectionName: string, key: string, value: string): string {
  const spacedIn = (entries: Iterable<InfEntry>): boolean | undefined => {
    for (const entry of entries) {
      if (!entry.hasEquals || !entry.keyToken) continue;
      return /^[ \t]+=/.test(doc.text.slice(entry.keyToken.span.end.offset, entry.fieldTokens[0]!.span.start.offset));
    }
    return undefined;
  };
  const spaced = spacedIn(doc.section(sectionName)?.entries ?? []) ?? spacedIn(doc.allEntries()) ?? false;
  return spaced ? `${key} = ${value}` : `${key}=${value}`;
}

/** The line end to use next to `offset`: the one of that line, else the file's style. */
function eolNear(doc: InfDocument, offset: number): string {
  const nl = doc.text.indexOf('\n', offset);
  if (nl !== -1) return nl > 0 && doc.text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
  return fileEol(doc);
}

function fileEol(doc: InfDocument): string {
  return doc.eol === 'lf' ? '\n' : doc.eol === 'crlf' ? '\r\n' : lastEol(doc.text);
}

function lastEol(text: string): string {
  const nl = text.lastIndexOf('\n');
  if (nl === -1) return '\r\n'; // a one-line file: Windows line ends
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

/** End of the file as Windows reads it: the first Ctrl-Z, else the text's end. */
function endOfFile(text: string): number {
  const z = text.indexOf('\x1a');
  return z === -1 ? text.length : z;
}

/** Does this physical line end in a `\` continuation (as the lexer reads it)? */
function continuesOntoNextLine(line: string): boolean {
  const probe = 'wdksim-probe';
  const items = lex(`[s]\n${line}\n${probe}=1`).items;
  return !items.some((item) => item.kind === 'entry' && item.keyToken?.value === probe);
}

/** New lines after the section's last entry (or its header), or a new section at the end of the file. */
function insertEdit(doc: InfDocument, sectionName: string, lines: string[]): TextEdit {
  const text = doc.text;
  const section = doc.section(sectionName);
  if (section) {
    const lastEntry = section.entries[section.entries.length - 1];
    const lastHeader = section.headers[section.headers.length - 1]!;
    const after = lastEntry && lastEntry.span.end.offset > lastHeader.span.end.offset ? lastEntry.span.end.offset : lastHeader.span.end.offset;
    const eol = eolNear(doc, after);
    const nl = text.indexOf('\n', after);
    const eof = endOfFile(text);
    if (nl !== -1 && nl < eof) {
      // A line that ends in a continuation would swallow ours: a blank line ends it.
      const brk = continuesOntoNextLine(text.slice(text.lastIndexOf('\n', nl - 1) + 1, nl)) ? eol : '';
      return { start: nl + 1, end: nl + 1, text: brk + lines.map((l) => l + eol).join(''), section: section.name, insert: true };
    }
    // The last line has no line end: end it, then add ours (without a final line end, as the file had none).
    const brk = continuesOntoNextLine(text.slice(text.lastIndexOf('\n', eof - 1) + 1, eof)) ? eol : '';
    return { start: eof, end: eof, text: brk + lines.map((l) => eol + l).join(''), section: section.name, insert: true };
  }
  const eof = endOfFile(text);
  const eol = fileEol(doc);
  let prefix = '';
  if (eof > 0 && text[eof - 1] !== '\n') prefix += eol;
  if (eof > 0 && !/\n[ \t\r]*\n[ \t\r]*$/.test(text.slice(0, eof) + prefix)) prefix += eol; // one blank line before the new section
  return { start: eof, end: eof, text: `${prefix}[${sectionName}]${eol}${lines.map((l) => l + eol).join('')}`, section: sectionName, insert: true };
}

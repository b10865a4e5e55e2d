// InfDocument: the parsed INF every tool reads. Sections are looked up
// case-insensitively, duplicate sections are merged in file order (each line
// keeps its own position), and values are substituted when read, as
// SetupAPI's field readers do.
import type { Diagnostic, Span } from '../diagnostic.js';
import type { EolStyle, InfEncoding } from './decode.js';
import { LexedEntry } from './lexer.js';
import { LimitError, limits } from '../limits.js';
import { expand, selectStringsSection, type ExpandOptions } from './strings.js';

// Lookups name sections and keys with the same few literals ('Version', 'CopyFiles'...):
// their lower-case forms are kept, so a lookup does not build a new string each time.
const LOWER = new Map<string, string>();
const LOWER_MAX = 2048;
const DECIMAL = /^-?\d+$/;

function lowerOf(name: string): string {
  let lower = LOWER.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (LOWER.size < LOWER_MAX) LOWER.set(name, lower);
  }
  return lower;
}

/** One entry of a section: the lexed tokens plus the readers that substitute them. */
export class InfEntry extends LexedEntry {
  /** Set by the parser once the document exists. */
  doc: InfDocument = undefined as unknown as InfDocument;
  /** The section name as first written ('' before the first section). */
  section = '';
  #key: string | undefined | null = null;
  #fields: string[] | undefined;
  #lowerKey: string | undefined | null = null;

  /** Kept for callers that read the lexer's view explicitly. */
  get lexed(): LexedEntry {
    return this;
  }
  /** The key unquoted but not substituted. */
  get rawKey(): string | undefined {
    return this.keyToken?.value;
  }
  get rawFields(): string[] {
    return this.fieldTokens.map((f) => f.value);
  }
  /** The key as SetupGetStringField(0) returns it: substituted. */
  get key(): string | undefined {
    if (this.#key === null) {
      const token = this.keyToken;
      this.#key = token === undefined ? undefined : this.hasPercent ? this.doc.expand(token.value) : token.value;
    }
    return this.#key;
  }
  /** The substituted key in lower case (computed once). */
  get lowerKey(): string | undefined {
    if (this.#lowerKey === null) this.#lowerKey = this.key?.toLowerCase();
    return this.#lowerKey;
  }
  /** The fields as SetupGetStringField(1..n) return them: substituted. */
  get fields(): string[] {
    if (this.#fields === undefined) {
      const tokens = this.fieldTokens;
      const out = new Array<string>(tokens.length);
      if (this.hasPercent) for (let i = 0; i < tokens.length; i++) out[i] = this.doc.expand(tokens[i]!.value);
      else for (let i = 0; i < tokens.length; i++) out[i] = tokens[i]!.value;
      this.#fields = out;
    }
    return this.#fields;
  }
  /** Field n (1-based, as SetupAPI counts; 0 is the key), substituted; undefined when absent. */
  field(n: number): string | undefined {
    return n === 0 ? this.key : this.fields[n - 1];
  }
  /** Matches the key case-insensitively. */
  isKey(name: string): boolean {
    const key = this.lowerKey;
    return key !== undefined && key === lowerOf(name);
  }
}

export interface SectionHeader {
  name: string;
  line: number;
  span: Span;
}

export class InfSection {
  readonly headers: SectionHeader[] = [];
  readonly entries: InfEntry[] = [];
  /** The name in lower case, the key sections are looked up by. */
  readonly lowerName: string;
  constructor(
    readonly name: string,
    lowerName?: string,
  ) {
    this.lowerName = lowerName ?? name.toLowerCase();
  }

  get line(): number {
    return this.headers[0]?.line ?? 0;
  }
  /** First entry with this key (SetupFindFirstLine). */
  find(key: string): InfEntry | undefined {
    const lower = lowerOf(key);
    for (const e of this.entries) if (e.lowerKey === lower) return e;
    return undefined;
  }
  /** Every entry with this key (directives are processed on every matching line). */
  findAll(key: string): InfEntry[] {
    const lower = lowerOf(key);
    const out: InfEntry[] = [];
    for (const e of this.entries) if (e.lowerKey === lower) out.push(e);
    return out;
  }
  /** The first field of the first entry with this key. */
  value(key: string): string | undefined {
    return this.find(key)?.fields[0];
  }
}

export interface InfDocumentInit {
  file: string;
  text: string;
  encoding: InfEncoding;
  bom: boolean;
  eol: EolStyle;
  trailingByte?: number;
  lineStarts: number[];
  /** LANGID used to pick the [Strings] variant (default 0x0409). */
  langId?: number;
  dirids?: ReadonlyMap<number, string>;
  /** Only some entries were lexed (parseInfForStamp). */
  partial?: boolean;
}

export class InfDocument {
  readonly file: string;
  readonly text: string;
  readonly encoding: InfEncoding;
  readonly bom: boolean;
  readonly eol: EolStyle;
  readonly trailingByte?: number;
  readonly lineStarts: number[];
  readonly sections: InfSection[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** Entries that stand before the first section header (ignored by Windows). */
  readonly preamble: InfEntry[] = [];
  readonly langId: number;
  /** Only [Version] and the entries holding a `$` were lexed (parseInfForStamp): for the stamp only. */
  readonly partial: boolean;
  readonly #byName = new Map<string, InfSection>();
  /** Found sections by the spelling a lookup used (validation asks for the same names many times). */
  readonly #found = new Map<string, InfSection | null>();
  #strings: { section?: string; values: Map<string, string> } | undefined;
  #dirids: ReadonlyMap<number, string> | undefined;
  #expandDefaults: ExpandOptions | undefined;
  #unknownTokenSeen = false;
  /** Characters substitution has produced so far (bounded by limits().infExpansion). */
  #expanded = 0;

  constructor(init: InfDocumentInit) {
    this.file = init.file;
    this.text = init.text;
    this.encoding = init.encoding;
    this.bom = init.bom;
    this.eol = init.eol;
    if (init.trailingByte !== undefined) this.trailingByte = init.trailingByte;
    this.lineStarts = init.lineStarts;
    this.langId = init.langId ?? 0x0409;
    this.partial = init.partial === true;
    this.#dirids = init.dirids;
  }

  /** Adds a header, merging with an existing section of the same name. */
  openSection(header: SectionHeader): InfSection {
    const lower = header.name.toLowerCase();
    let section = this.#byName.get(lower);
    if (!section) {
      section = new InfSection(header.name, lower);
      this.#byName.set(lower, section);
      this.sections.push(section);
      if (this.#found.size > 0) this.#found.clear(); // forget remembered misses
    }
    section.headers.push(header);
    return section;
  }

  section(name: string): InfSection | undefined {
    let section = this.#found.get(name);
    if (section === undefined) {
      // A hit stays right (a section added later merges into the same object); a miss is
      // remembered as null until the next section is added.
      section = this.#byName.get(name.toLowerCase()) ?? null;
      this.#found.set(name, section);
    }
    return section ?? undefined;
  }

  /** section() for a name already in lower case (no case folding, no cache). */
  sectionLower(lowerName: string): InfSection | undefined {
    return this.#byName.get(lowerName);
  }

  has(name: string): boolean {
    return this.section(name) !== undefined;
  }

  /** The text of a 1-based physical line, without its line end. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The selected [Strings] table: key (lower case) → first field, first definition wins. */
  get strings(): { section?: string; values: Map<string, string> } {
    if (!this.#strings) {
      // Only names starting with "strings" can be a [Strings] variant.
      const candidates: string[] = [];
      for (const s of this.sections) if (s.lowerName.startsWith('strings')) candidates.push(s.name);
      const name = selectStringsSection(candidates, this.langId);
      const values = new Map<string, string>();
      const section = name ? this.section(name) : undefined;
      if (section) {
        for (const entry of section.entries) {
          const key = entry.rawKey;
          if (key === undefined) continue;
          const lower = key.toLowerCase();
          if (values.get(lower) === undefined) values.set(lower, entry.fieldTokens[0]?.value ?? '');
        }
      }
      this.#strings = name ? { section: name, values } : { values };
    }
    return this.#strings;
  }

  /** Substitutes %strkey%, %% and %dirid% tokens in raw text. */
  expand(raw: string, options?: Partial<ExpandOptions>): string {
    if (raw.indexOf('%') === -1) return raw;
    if (options === undefined) {
      // The fields' own substitution: one options object per document.
      this.#expandDefaults ??= {
        strings: this.strings.values,
        ...(this.#dirids ? { dirids: this.#dirids } : {}),
        onUnknown: (name) => {
          if (!DECIMAL.test(name)) this.#unknownTokenSeen = true;
        },
      };
      return this.#counted(expand(raw, this.#expandDefaults));
    }
    const dirids = options?.dirids ?? this.#dirids;
    const onUnknown = options?.onUnknown;
    return this.#counted(expand(raw, { strings: this.strings.values, ...(dirids ? { dirids } : {}), ...(onUnknown ? { onUnknown } : {}) }));
  }

  /**
   * Each field expands to at most 4,096 characters, but a 3-character %a% can
   * name a 4,096-character string: a small INF could make gigabytes of text.
   */
  #counted(value: string): string {
    this.#expanded += value.length;
    if (this.#expanded > limits().infExpansion) {
      throw new LimitError('infExpansion', `${this.file}: substituting its %tokens% makes too much text (a [Strings] bomb?)`);
    }
    return value;
  }

  /**
   * Whether some key or field read so far (entry.key, entry.fields) held a %name% token that is
   * neither a [Strings] key nor a number: lets infverif skip its token scan when none did.
   */
  get unknownTokenSeen(): boolean {
    return this.#unknownTokenSeen;
  }

  /** Every entry of every section, in section order. */
  *allEntries(): Iterable<InfEntry> {
    for (const section of this.sections) yield* section.entries;
  }
}

// One walk over an InfDocument that every rule shares: the Manufacturer →
// Models → DDInstall chain, every section reference made by a directive, the
// file copies, services and the source/destination tables. Computed once per
// document (lazily, on first use) so rules stay small set queries.
import type { InfDocument, InfEntry, InfSection } from '../inf/document.js';
import type { RawToken } from '../inf/lexer.js';
import { platformSectionNames } from '../inf/ddinstall.js';
import { type ArchOrToken, type Decoration, parseDecorationText } from './lib/decoration.js';
import { EXTENSION_GUID } from './lib/classes.js';
import { parseIntField } from './lib/numbers.js';
import { anyOffsetIn, charOffsets } from '../inf/char-offsets.js';

export type RefKind =
  | 'files'
  | 'delfiles'
  | 'renfiles'
  | 'registry'
  | 'delreg'
  | 'bitreg'
  | 'property'
  | 'legacy'
  | 'needs'
  | 'service'
  | 'eventlog'
  | 'interface'
  | 'wdf'
  | 'component'
  | 'software'
  | 'filter'
  | 'eventprovider'
  | 'powersetting'
  | 'trigger'
  | 'models'
  | 'install'
  | 'other';

export interface SectionRef {
  /** The line that makes the reference. */
  entry: InfEntry;
  /** Directive key as written (CopyFiles, AddService...). */
  directive: string;
  kind: RefKind;
  /** Target section name, substituted. */
  name: string;
  token?: RawToken;
  /** The target may live in an included INF (Needs). */
  external?: boolean;
}

export interface ManufacturerLine {
  entry: InfEntry;
  modelsName: string;
  decorations: { text: string; token?: RawToken; dec?: Decoration; error?: string }[];
}

export interface ModelsSectionRef {
  name: string;
  line: ManufacturerLine;
  dec?: Decoration;
  arch: ArchOrToken;
  section?: InfSection;
}

export class ModelEntry {
  /** Undecorated DDInstall name (field 1), substituted; '' when missing. */
  readonly installBase: string;
  constructor(
    readonly entry: InfEntry,
    readonly models: ModelsSectionRef,
  ) {
    this.installBase = (entry.fields[0] ?? '').trim();
  }
  /** The hardware and compatible IDs (fields 2 on), trimmed; built when a rule asks. */
  get hardwareIds(): string[] {
    return this.entry.fields.slice(1).map((f) => f.trim());
  }
}

export interface InstallTarget {
  model: ModelEntry;
  arch: ArchOrToken;
  /** The DDInstall section SetupAPI picks: X.NT<arch>, X.NT or X. */
  section?: InfSection;
}

export interface CopyOp {
  /** The CopyFiles line. */
  directive: InfEntry;
  /** The file-list entry, or the CopyFiles line for `@file`. */
  entry: InfEntry;
  /** The file-list section (undefined for `@file`). */
  list?: InfSection;
  dest: string;
  source: string;
}

export interface ServiceUse {
  ref: SectionRef | undefined;
  /** The AddService line. */
  entry: InfEntry;
  name: string;
  flags: number | undefined;
  section?: InfSection;
}

/** Companion sections that hang off an install section. */
export const COMPANIONS = [
  'Services',
  'HW',
  'CoInstallers',
  'Wdf',
  'Interfaces',
  'Filters',
  'Components',
  'Software',
  'Events',
  'WMI',
  'LogConfigOverride',
  'FactDef',
  // Class-specific: network uninstall (Remove, Remove.Services), still-image device data.
  'Remove',
  'Remove.Services',
  'DeviceData',
];

export interface DirectiveSpec {
  kind: RefKind;
  /** Field indexes (0-based into fields) that name sections; 'all' = every field. */
  fields: number[] | 'all';
  /** Walk the target as a section that holds directives itself. */
  walk: boolean;
}

export const DIRECTIVES: Record<string, DirectiveSpec> = {
  copyfiles: { kind: 'files', fields: 'all', walk: false },
  delfiles: { kind: 'delfiles', fields: 'all', walk: false },
  renfiles: { kind: 'renfiles', fields: 'all', walk: false },
  addreg: { kind: 'registry', fields: 'all', walk: false },
  delreg: { kind: 'delreg', fields: 'all', walk: false },
  bitreg: { kind: 'bitreg', fields: 'all', walk: false },
  addproperty: { kind: 'property', fields: 'all', walk: false },
  delproperty: { kind: 'property', fields: 'all', walk: false },
  logconfig: { kind: 'legacy', fields: 'all', walk: false },
  updateinis: { kind: 'legacy', fields: 'all', walk: false },
  updateinifields: { kind: 'legacy', fields: 'all', walk: false },
  ini2reg: { kind: 'legacy', fields: 'all', walk: false },
  registerdlls: { kind: 'legacy', fields: 'all', walk: false },
  unregisterdlls: { kind: 'legacy', fields: 'all', walk: false },
  profileitems: { kind: 'legacy', fields: 'all', walk: false },
  needs: { kind: 'needs', fields: 'all', walk: true },
  addservice: { kind: 'service', fields: [2], walk: true },
  addinterface: { kind: 'interface', fields: [2], walk: true },
  kmdfservice: { kind: 'wdf', fields: [1], walk: true },
  umdfservice: { kind: 'wdf', fields: [1], walk: true },
  addcomponent: { kind: 'component', fields: [2], walk: true },
  addsoftware: { kind: 'software', fields: [2], walk: true },
  addfilter: { kind: 'filter', fields: [2], walk: true },
  addeventprovider: { kind: 'eventprovider', fields: [1], walk: true },
  addpowersetting: { kind: 'powersetting', fields: 'all', walk: true },
  addtrigger: { kind: 'trigger', fields: 'all', walk: false },
  // Still-image (WIA) install sections name their event and device-data sections.
  events: { kind: 'other', fields: 'all', walk: false },
  devicedata: { kind: 'other', fields: 'all', walk: false },
};

// A Map, not DIRECTIVES[key]: a fresh key string looked up in a plain object costs an
// internalization per line, and a key such as `constructor` or `__proto__` found
// Object.prototype members there, which made every rule crash (9000).
const DIRECTIVE_SPECS = new Map(Object.entries(DIRECTIVES));
function directiveSpec(key: string): DirectiveSpec | undefined {
  return DIRECTIVE_SPECS.get(key);
}

/** Sections Windows reads by name, never through a reference. */
const ROOT_PATTERNS = [
  /^version$/i,
  /^strings(\..*)?$/i,
  /^sourcedisksnames(\..*)?$/i,
  /^sourcedisksfiles(\..*)?$/i,
  /^destinationdirs$/i,
  /^manufacturer$/i,
  /^controlflags$/i,
  /^signatureattributes(\..*)?$/i,
  /^packageinfo$/i,
  /^defaultinstall(\..*)?$/i,
  /^defaultuninstall(\..*)?$/i,
  /^classinstall32(\..*)?$/i,
  /^interfaceinstall32$/i,
];
const COMPANION_SUFFIXES = new Set([...COMPANIONS, 'security'].map((c) => `.${c.toLowerCase()}`));
/** 1 at the char code of each letter a companion suffix starts with. */
const COMPANION_FIRST = new Uint8Array(128);
for (const suffix of COMPANION_SUFFIXES) COMPANION_FIRST[suffix.charCodeAt(1)] = 1;
const COMPANION_END = new RegExp(`\\.(${COMPANIONS.map((c) => c.replace('.', '\\.')).join('|')})$`, 'i');
export function isCompanionName(name: string): boolean {
  return COMPANION_END.test(name);
}
const ROOT_FIRST = new Uint8Array(128);
for (const c of 'vsdmcpi') ROOT_FIRST[c.charCodeAt(0)] = 1;
/** Root sections that carry install directives. */
const INSTALL_ROOTS = [/^defaultinstall(\..*)?$/i, /^defaultuninstall(\..*)?$/i, /^classinstall32(\..*)?$/i];
/** ROOT_PATTERNS and INSTALL_ROOTS as one expression each, over a lower-case name. */
const ROOT_NAME = new RegExp(ROOT_PATTERNS.map((p) => `(?:${p.source})`).join('|'));
const INSTALL_ROOT_NAME = new RegExp(INSTALL_ROOTS.map((p) => `(?:${p.source})`).join('|'));

export function sourceArchSuffix(name: string): string | undefined {
  const m = /^sourcedisks(?:files|names)(?:\.(.*))?$/i.exec(name);
  return m ? (m[1] ?? '').toLowerCase() : undefined;
}

/** What directives() returns for a key no install section uses (shared, never written to). */
const NO_ENTRIES: readonly InfEntry[] = Object.freeze([]);

export class InfModel {
  readonly version: InfSection | undefined;
  readonly manufacturerLines: ManufacturerLine[] = [];
  readonly modelsSections: ModelsSectionRef[] = [];
  readonly modelEntries: ModelEntry[] = [];
  readonly installs: InstallTarget[] = [];
  readonly refs: SectionRef[] = [];
  readonly copies: CopyOp[] = [];
  readonly services: ServiceUse[] = [];
  /** Lower-case names of every section reached from a root. */
  readonly reached = new Set<string>();
  /** Lower-case names of sections walked as install-like sections (hold directives). */
  readonly installLike = new Set<string>();
  /** Architectures the Models sections target. */
  readonly archs = new Set<ArchOrToken>();
  /** SourceDisksFiles entries by lower-case file name. */
  readonly sourceFiles = new Map<string, { entry: InfEntry; arch: string }[]>();
  readonly sourceDisks = new Map<string, Set<string>>();
  readonly destinationDirs = new Map<string, InfEntry>();
  readonly defaultDestDir: InfEntry | undefined;

  constructor(readonly doc: InfDocument) {
    this.version = doc.section('Version');
    this.readSourceTables();
    const dd = doc.section('DestinationDirs');
    for (const e of dd?.entries ?? []) {
      const key = e.lowerKey;
      if (key === undefined) continue;
      if (key === 'defaultdestdir') (this as { defaultDestDir?: InfEntry }).defaultDestDir ??= e;
      else if (!this.destinationDirs.has(key)) this.destinationDirs.set(key, e);
    }
    this.readManufacturer();
    this.walk();
  }

  #serviceSections: InfSection[] | undefined;

  /** Each service-install section named by some AddService, once (rules check a section, not each use). */
  get serviceSections(): InfSection[] {
    if (!this.#serviceSections) {
      const seen = new Set<InfSection>();
      for (const use of this.services) if (use.section) seen.add(use.section);
      this.#serviceSections = [...seen];
    }
    return this.#serviceSections;
  }

  get className(): string | undefined {
    return this.version?.value('Class');
  }
  get classGuid(): string | undefined {
    return this.version?.value('ClassGuid');
  }
  get isExtension(): boolean {
    return this.className?.toLowerCase() === 'extension' || this.classGuid?.toLowerCase() === EXTENSION_GUID;
  }

  #installSections: InfSection[] | undefined;
  #directives: Map<string, InfEntry[]> | undefined;

  /** Sections that hold install directives (DDInstall and companions, service, event-log... sections), in file order. */
  get installSections(): InfSection[] {
    this.#installSections ??= this.doc.sections.filter((s) => this.installLike.has(s.lowerName));
    return this.#installSections;
  }

  /** Every `key = ...` line of the install sections with this (lower-case) key, in file order. */
  directives(lowerKey: string): readonly InfEntry[] {
    if (!this.#directives) {
      const index = new Map<string, InfEntry[]>();
      for (const section of this.installSections) {
        for (const entry of section.entries) {
          if (!entry.hasEquals) continue;
          const key = entry.lowerKey;
          if (key === undefined) continue;
          let list = index.get(key);
          if (!list) index.set(key, (list = []));
          list.push(entry);
        }
      }
      this.#directives = index;
    }
    return this.#directives.get(lowerKey) ?? NO_ENTRIES;
  }

  #offsets = new Map<string, number[]>();

  /** Whether the text in [start, end) contains `ch` (e.g. '%' or '$'); one scan of the file per character. */
  hasCharIn(ch: string, start: number, end: number): boolean {
    let offsets = this.#offsets.get(ch);
    if (!offsets) {
      offsets = charOffsets(this.doc.text, ch);
      this.#offsets.set(ch, offsets);
    }
    return anyOffsetIn(offsets, start, end);
  }

  /** An included INF may supply sections this one names. */
  hasInclude(section: InfSection): boolean {
    return section.findAll('Include').length > 0 || section.findAll('Needs').length > 0;
  }

  private readSourceTables(): void {
    for (const section of this.doc.sections) {
      if (!section.lowerName.startsWith('sourcedisks')) continue;
      const arch = sourceArchSuffix(section.name);
      if (arch === undefined) continue;
      const files = section.lowerName.startsWith('sourcedisksfiles');
      for (const e of section.entries) {
        const key = e.key;
        if (key === undefined) continue;
        if (files) {
          const lower = e.lowerKey!;
          const list = this.sourceFiles.get(lower);
          if (list) list.push({ entry: e, arch });
          else this.sourceFiles.set(lower, [{ entry: e, arch }]);
        } else {
          const set = this.sourceDisks.get(arch) ?? new Set<string>();
          set.add(key.trim());
          this.sourceDisks.set(arch, set);
        }
      }
    }
  }

  private readManufacturer(): void {
    const mfg = this.doc.section('Manufacturer');
    if (!mfg) return;
    for (const entry of mfg.entries) {
      // `name` alone: the manufacturer name is also the Models section name.
      const modelsName = (entry.hasEquals ? entry.fields[0] : (entry.key ?? entry.fields[0])) ?? '';
      const line: ManufacturerLine = { entry, modelsName: modelsName.trim(), decorations: [] };
      const tokens = entry.hasEquals ? entry.fieldTokens.slice(1) : [];
      tokens.forEach((token, i) => {
        const text = entry.fields[i + 1] ?? '';
        const parsed = parseDecorationText(text);
        line.decorations.push(parsed.ok ? { text: text.trim(), token, dec: parsed.value } : { text: text.trim(), token, error: parsed.message });
      });
      this.manufacturerLines.push(line);
      if (line.modelsName === '') continue;
      const add = (name: string, dec: Decoration | undefined): void => {
        const arch: ArchOrToken = dec?.arch ?? 'x86';
        this.archs.add(arch);
        const section = this.doc.section(name);
        this.modelsSections.push({ name, line, ...(dec ? { dec } : {}), arch, ...(section ? { section } : {}) });
      };
      // The undecorated section is consulted when no decoration applies (x86 / legacy).
      const decorated = line.decorations.filter((d) => d.dec);
      if (decorated.length === 0 || this.doc.has(line.modelsName)) add(line.modelsName, undefined);
      for (const d of decorated) add(`${line.modelsName}.${d.text}`, d.dec);
    }
  }

  /** Companion (and .security) sections by the lower-case name of the section they hang off. */
  private companionIndex(): Map<string, InfSection[]> {
    const index = new Map<string, InfSection[]>();
    for (const section of this.doc.sections) {
      const lower = section.lowerName;
      // The suffixes at the last two dots (after a non-empty base) that name a companion:
      // no companion suffix has more than two parts (Remove.Services).
      const last = lower.lastIndexOf('.');
      if (last < 1) continue;
      const before = lower.lastIndexOf('.', last - 1);
      for (let k = before >= 1 ? 0 : 1; k < 2; k++) {
        const dot = k === 0 ? before : last;
        // Most dotted names are decorations (.NTamd64...): the letter after the dot rules them out unsliced.
        if (COMPANION_FIRST[lower.charCodeAt(dot + 1)] !== 1 || !COMPANION_SUFFIXES.has(lower.slice(dot))) continue;
        const base = lower.slice(0, dot);
        const list = index.get(base);
        if (list) list.push(section);
        else index.set(base, [section]);
      }
    }
    return index;
  }

  private walk(): void {
    const companions = this.companionIndex();
    const queue: { section: InfSection; install: boolean }[] = [];
    const reach = (section: InfSection | undefined, install: boolean): void => {
      if (!section) return;
      const lower = section.lowerName;
      const attached = companions.get(lower);
      if (install && !this.installLike.has(lower)) {
        this.installLike.add(lower);
        this.reached.add(lower);
        queue.push({ section, install });
        if (attached) for (const c of attached) if (!c.lowerName.endsWith('.security')) reach(c, true);
      } else {
        this.reached.add(lower);
      }
      if (attached) for (const c of attached) if (c.lowerName.endsWith('.security')) this.reached.add(c.lowerName);
    };
    // A device INF (one with [Manufacturer]) is installed through its Models: its [DefaultUninstall]
    // sections are never run, and InfVerif reports them as unused (2083 on NetEbpfExt.inf,
    // microsoft/ebpf-for-windows#503). A DefaultInstall-based INF uses them.
    const deviceInf = this.doc.has('Manufacturer');
    for (const section of this.doc.sections) {
      // Every root name starts with one of these ASCII letters (either case): most sections skip the regexes.
      if (ROOT_FIRST[section.name.charCodeAt(0) | 0x20] !== 1) continue;
      if (!ROOT_NAME.test(section.lowerName)) continue;
      if (deviceInf && section.lowerName.startsWith('defaultuninstall')) continue;
      this.reached.add(section.lowerName);
      // Companions of a root install section are walked through it (the install roots are root names too).
      if (INSTALL_ROOT_NAME.test(section.lowerName) && !isCompanionName(section.name)) reach(section, true);
    }
    for (const m of this.modelsSections) {
      if (!m.section) continue;
      this.reached.add(m.section.lowerName);
      for (const entry of m.section.entries) {
        const model = new ModelEntry(entry, m);
        const installBase = model.installBase;
        this.modelEntries.push(model);
        if (installBase === '') continue;
        const section = this.resolveInstall(installBase, m.arch);
        const install: InstallTarget = { model, arch: m.arch };
        if (section) install.section = section;
        this.installs.push(install);
        reach(section, true);
      }
    }
    const iface = this.doc.section('InterfaceInstall32');
    for (const entry of iface?.entries ?? []) {
      const token = entry.fieldTokens[0];
      const name = entry.fields[0]?.trim();
      if (!name || !entry.hasEquals) continue;
      const ref: SectionRef = { entry, directive: 'InterfaceInstall32', kind: 'interface', name };
      if (token) ref.token = token;
      this.refs.push(ref);
      reach(this.doc.section(name), true);
    }
    for (let q = 0; q < queue.length; q++) {
      const { section } = queue[q]!;
      for (const entry of section.entries) {
        const key = entry.lowerKey;
        if (!key || !entry.hasEquals) continue;
        const spec = directiveSpec(key);
        if (!spec) continue;
        if (key === 'addservice') this.addService(entry);
        const fields = entry.fields;
        const all = spec.fields === 'all';
        const count = all ? fields.length : spec.fields.length;
        for (let n = 0; n < count; n++) {
          const i = all ? n : (spec.fields as number[])[n]!;
          const name = fields[i]?.trim();
          if (!name) continue;
          if (key === 'copyfiles' && name.startsWith('@')) {
            const file = name.slice(1).trim();
            this.copies.push({ directive: entry, entry, dest: file, source: file });
            continue;
          }
          const kind: RefKind = key === 'addservice' && i === 3 ? 'eventlog' : spec.kind;
          const token = entry.fieldTokens[i];
          // Optional fields assigned in the order the literal had them (no spread temporaries).
          const ref: SectionRef = { entry, directive: entry.rawKey ?? key, kind, name };
          if (token) ref.token = token;
          if (key === 'needs') ref.external = true;
          this.refs.push(ref);
          const target = this.doc.section(name);
          if (key === 'copyfiles' && target) this.addCopies(entry, target);
          reach(target, spec.walk);
        }
        if (key === 'addservice') {
          const name = entry.fields[3]?.trim();
          if (name) {
            const token = entry.fieldTokens[3];
            const ref: SectionRef = { entry, directive: entry.rawKey ?? key, kind: 'eventlog', name };
            if (token) ref.token = token;
            this.refs.push(ref);
            reach(this.doc.section(name), true);
          }
        }
      }
    }
  }

  private addService(entry: InfEntry): void {
    const name = (entry.fields[0] ?? '').trim();
    const sectionName = entry.fields[2]?.trim();
    const section = sectionName ? this.doc.section(sectionName) : undefined;
    const use: ServiceUse = { ref: undefined, entry, name, flags: parseIntField(entry.fields[1]) };
    if (section) use.section = section;
    this.services.push(use);
  }

  private addCopies(directive: InfEntry, list: InfSection): void {
    for (const entry of list.entries) {
      const dest = (entry.fields[0] ?? '').trim();
      const source = (entry.fields[1] ?? '').trim() || dest;
      this.copies.push({ directive, entry, list, dest, source });
    }
  }

  #resolved = new Map<ArchOrToken, Map<string, InfSection | null>>();

  /** X.NT<arch>, then X.NT, then X (inf-format.md §2.4). Many models share one DDInstall: each answer is kept. */
  resolveInstall(base: string, arch: ArchOrToken): InfSection | undefined {
    let byBase = this.#resolved.get(arch);
    if (!byBase) this.#resolved.set(arch, (byBase = new Map<string, InfSection | null>()));
    let section = byBase.get(base);
    if (section === undefined) {
      const lower = base.toLowerCase();
      const doc = this.doc;
      section = null;
      for (const name of platformSectionNames(lower, arch.toLowerCase())) {
        section = doc.sectionLower(name.toLowerCase()) ?? null;
        if (section) break;
      }
      byBase.set(base, section);
    }
    return section ?? undefined;
  }

  /** Where a file-list section's files go: its own entry or DefaultDestDir. */
  destinationOf(list: InfSection | undefined): InfEntry | undefined {
    if (list) return this.destinationDirs.get(list.lowerName) ?? this.defaultDestDir;
    return this.defaultDestDir;
  }

  /** Whether a section was reached from a root (used by Windows). */
  isReached(section: InfSection): boolean {
    return this.reached.has(section.lowerName);
  }
}

// Cached on the document itself: a WeakMap cache kept every document alive
// through young-generation GCs (ephemerons), which made validation slow.
const MODEL = Symbol('wdksim.infverif.model');
type WithModel = InfDocument & { [MODEL]?: InfModel };

export function modelOf(doc: InfDocument): InfModel {
  const holder = doc as WithModel;
  return (holder[MODEL] ??= new InfModel(doc));
}

// validate(): the library entry point. Runs the infverif rules over a parsed
// INF (or a path) and returns the diagnostics, parse problems folded in at
// the level the mode gives them. Used by `wdksim infverif`, inf2cat, the
// installer and doctor.
import type { Diagnostic } from '../diagnostic.js';
import type { InfDocument } from '../inf/document.js';
import { parseInfBytesChecked, parseInfForStamp, readInfFile, refuseBinary, type ParseOptions } from '../inf/parse.js';
import { runRules } from './engine.js';
import type { InfRule, InfRuleContext } from './context.js';
import { infRules, ruleById } from './index.js';
import { type InfModel, modelOf } from './model.js';
import { type Mode, type RuleReport, severityOf } from './types.js';
import { type Kit, NEWEST_KIT, kitLevel, kitMeaning, kitMessage, resolveKit } from './kits.js';
import { autoStampinf, hasStampToken, stampedForBuild } from './stamp-state.js';

export interface ValidateOptions {
  /** InfVerif mode: 'default' (no switch), 'k', 'u', 'w', 'h'. */
  mode?: Mode;
  /**
   * /stampinf: validate an unstamped INX ($ARCH$, empty DriverVer expected). 'auto' (the
   * default, as `wdksim infverif` without /stampinf or --as-is): an INF that still holds
   * stampinf's tokens is checked as the build stamps it before InfVerif runs; false checks
   * the file as it is.
   */
  stampinf?: boolean | 'auto';
  /** The WDK whose InfVerif to be: a kit or a version ("10.0.22621", "22621"); default the newest. */
  wdk?: Kit | string;
  /** Codes to leave out (InfVerif's /sw<code>, and /msft in the kits where it suppresses). */
  suppress?: ReadonlySet<string>;
  /** The rules to run (default: every infverif rule). */
  rules?: readonly InfRule[];
  /** Under test: a rule reporting an impossible position throws. */
  strict?: boolean;
  /** Parse options when a path is given. */
  parse?: ParseOptions;
}

/** A diagnostic with the TargetOSVersion it is specific to, when it is. */
export type RuleDiagnostic = Diagnostic & { targetOs?: string };

export interface ValidationResult {
  file: string;
  diagnostics: RuleDiagnostic[];
  document: InfDocument;
}

/**
 * The context every rule of one document shares. A class, not an object
 * literal with a getter: V8 pretenures such literals, which kept every
 * document alive until a full GC and made validation 4x slower.
 */
class DocumentContext implements InfRuleContext {
  report: (r: RuleReport) => void = () => {};
  constructor(
    readonly doc: InfDocument,
    readonly mode: Mode,
    readonly options: InfRuleContext['options'],
    readonly kit: Kit,
  ) {}
  /** Built on first use, inside a rule's try, so a model failure is a rule failure. */
  get model(): InfModel {
    return modelOf(this.doc);
  }
}

/** Parse problems that stop InfVerif: nothing else is checked after them. */
const FATAL = new Set(['1001', '1002']);

/** The kit an option names (the newest when none); throws on a version wdksim does not model. */
export function kitOf(wdk: Kit | string | undefined): Kit {
  if (wdk === undefined) return NEWEST_KIT;
  if (typeof wdk !== 'string') return wdk;
  const kit = resolveKit(wdk);
  if (!kit) throw new RangeError(`unknown WDK version "${wdk}"`);
  return kit;
}

/** A rule list with each rule's levels as the kit has them (a code the kit lacks is off). Cached per list and kit. */
const KIT_RULES = new WeakMap<readonly InfRule[], Map<string, readonly InfRule[]>>();
export function rulesForKit(rules: readonly InfRule[], kit: Kit): readonly InfRule[] {
  // Every kit, the newest too: a code can end before it (2086).
  let byKit = KIT_RULES.get(rules);
  if (!byKit) KIT_RULES.set(rules, (byKit = new Map<string, readonly InfRule[]>()));
  let list = byKit.get(kit.version);
  if (!list) {
    list = rules.map((rule) => {
      const levels = { ...rule.levels };
      let changed = false;
      for (const mode of Object.keys(levels) as Mode[]) {
        const level = kitLevel(rule.id, mode, rule.levels[mode], kit);
        if (level !== levels[mode]) {
          levels[mode] = level;
          changed = true;
        }
      }
      const meaning = kitMeaning(rule.id, kit); // 2084 in 10.0.22621
      return changed || meaning ? { ...rule, levels, ...meaning } : rule;
    });
    byKit.set(kit.version, list);
  }
  return list;
}

export function validateDocument(source: InfDocument, options: ValidateOptions = {}): ValidationResult {
  // A build input is checked as the build's stampinf leaves it, with the stamped file's lines.
  const stampOption = options.stampinf ?? 'auto';
  const buildInput = stampOption === 'auto' && autoStampinf(source);
  const doc = (buildInput && stampedForBuild(source)) || source;
  return validateChecked(doc, buildInput, options);
}

/**
 * parseInfBytesChecked then validateDocument, for a caller that keeps only the result: a build
 * input holding a stampinf token is parsed in full only as stamped (its source is skimmed for
 * the stamp: parseInfForStamp), so the rules' findings are the same for half the parsing. Throws
 * what parseInfBytesChecked throws (InputError for binary data, LimitError).
 */
export function validateInfBytes(bytes: Buffer, options: ValidateOptions & { file: string }): ValidationResult {
  if ((options.stampinf ?? 'auto') === 'auto') {
    const skimmed = parseInfForStamp(bytes, { file: options.file }, hasStampToken);
    if (skimmed) {
      refuseBinary(skimmed, options.file);
      const version = skimmed.section('Version');
      // The stamp reads the file's first assignment when [Version] has none: that needs every entry.
      if (version?.entries.some((e) => e.hasEquals && e.keyToken !== undefined)) {
        const stamped = stampedForBuild(skimmed);
        if (stamped && stamped !== skimmed) return validateChecked(stamped, true, options);
      }
    }
  }
  return validateDocument(parseInfBytesChecked(bytes, { file: options.file }), options);
}

/** The rules over `doc`, the document to check (a build input's stamped copy when `buildInput`). */
function validateChecked(doc: InfDocument, buildInput: boolean, options: ValidateOptions): ValidationResult {
  const stampOption = options.stampinf ?? 'auto';
  const mode = options.mode ?? 'default';
  const kit = kitOf(options.wdk);
  const rules = rulesForKit(options.rules ?? infRules, kit);
  const diagnostics: Diagnostic[] = [];
  for (const d of doc.diagnostics) {
    const rule = ruleById(d.code);
    const severity = rule ? severityOf(kitLevel(rule.id, mode, rule.levels[mode], kit)) : d.severity;
    if (!severity) continue;
    diagnostics.push({ ...d, severity, file: d.file ?? doc.file, ...(d.fix || !rule ? {} : { fix: rule.fix }) });
  }
  // InfVerif is stricter than the loader (inf-format.md 1.15): only "$Windows NT$" passes 1001.
  if (!diagnostics.some((d) => d.code === '1001')) {
    const signature = doc.section('Version')?.find('Signature');
    const value = signature?.fields[0]?.trim() ?? '';
    const rule = ruleById('1001')!;
    const severity = severityOf(rule.levels[mode]);
    if (signature && value.toLowerCase() !== '$windows nt$' && severity) {
      diagnostics.push({
        code: '1001',
        severity,
        file: doc.file,
        line: signature.line,
        column: signature.span.start.column,
        message: `Invalid INF: Signature is "${value}"; InfVerif requires a [Version] section with Signature="$Windows NT$"`,
        fix: 'Write Signature="$Windows NT$"',
      });
    }
  }
  const fatal = diagnostics.some((d) => FATAL.has(d.code) && d.severity === 'error');
  if (fatal) {
    const skipped = ruleById('1299')!;
    diagnostics.push({ code: '1299', severity: 'error', file: doc.file, line: 0, column: 0, message: 'Further checks were skipped because of the errors above', fix: skipped.fix });
  } else {
    const stampinf = stampOption === 'auto' ? buildInput : stampOption;
    const lineCount = doc.lineCount;
    // One context for the document; each rule gets its own report function.
    const ctx = new DocumentContext(doc, mode, { stampinf, ...(buildInput ? { restamped: true } : {}) }, kit);
    const found = runRules<InfRuleContext>(
      rules,
      { file: doc.file, lineCount, lineLength: (n) => lineLength(doc, n) },
      (_rule, report) => {
        ctx.report = report;
        return ctx;
      },
      { mode, ...(options.strict ? { strict: true } : {}) },
    );
    for (const d of found) diagnostics.push(d); // not push(...found): 130,000 findings overflow the stack
  }
  const suppress = options.suppress;
  const shown = suppress && suppress.size > 0 ? diagnostics.filter((d) => !suppress.has(d.code)) : diagnostics;
  if (kit !== NEWEST_KIT) for (const d of shown) d.message = kitMessage(d.code, d.message, kit);
  return { file: doc.file, diagnostics: dedupeSorted(sortDiagnostics(shown)), document: doc };
}

/** Validates a document, or reads and parses the INF at a path first (InputError if unreadable). */
export async function validate(input: InfDocument | string, options: ValidateOptions = {}): Promise<ValidationResult> {
  const doc = typeof input === 'string' ? await readInfFile(input, options.parse ?? { file: input }) : input;
  return validateDocument(doc, options);
}

/** doc.lineText(n).length without building the line's text. */
function lineLength(doc: InfDocument, line: number): number {
  const start = doc.lineStarts[line - 1];
  if (start === undefined) return 0;
  const next = doc.lineStarts[line];
  let end = next === undefined ? doc.text.length : next - 1;
  if (end > start && doc.text.charCodeAt(end - 1) === 13) end--;
  return end - start;
}

/**
 * Drops repeats (same code, line, column and message) from a sorted list, keeping the first.
 * The sort is stable and orders by line, column and code, so repeats sit in one run of equal
 * positions: only those short runs are compared, no key string per diagnostic.
 */
function dedupeSorted(list: Diagnostic[]): Diagnostic[] {
  if (list.length < 2) return list;
  const out: Diagnostic[] = [];
  let runStart = 0;
  for (const d of list) {
    const prev = out[out.length - 1];
    if (!prev || prev.line !== d.line || prev.column !== d.column || prev.code !== d.code) {
      runStart = out.length;
      out.push(d);
      continue;
    }
    let repeat = false;
    for (let i = runStart; i < out.length && !repeat; i++) repeat = out[i]!.message === d.message;
    if (!repeat) out.push(d);
  }
  return out;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => a.line - b.line || a.column - b.column || Number(a.code) - Number(b.code) || a.code.localeCompare(b.code));
}

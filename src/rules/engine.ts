// Runs rules and turns their reports into Diagnostics. The engine does not
// trust rules: every position is checked against the file, and a rule that
// throws becomes one diagnostic (code 9000) instead of a crash.
import type { Diagnostic, Severity } from '../diagnostic.js';
import { type BaseRuleContext, type Mode, type Rule, type RuleReport, severityOf } from './types.js';
import { LimitError } from '../limits.js';

export interface Source {
  file: string;
  /** Number of lines; a report may use 0 (whole file) .. lineCount. */
  lineCount: number;
  /** Length in UTF-16 units of a 1-based line. */
  lineLength(line: number): number;
}

export interface EngineOptions {
  mode: Mode;
  /** Under test: a bad report throws instead of being clamped. */
  strict?: boolean;
}

export const RULE_CRASHED = '9000';

export class InvalidReportError extends Error {}

/**
 * The rules a mode runs, with their severity: worked out once per rule list and mode
 * (and again if a caller changed its list since: the rules seen are kept and compared).
 */
const ACTIVE = new WeakMap<readonly Rule<never>[], { seen: readonly Rule<never>[]; byMode: Map<Mode, { rule: Rule<never>; severity: Severity }[]> }>();
function sameRules(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
function activeRules<C extends BaseRuleContext>(rules: readonly Rule<C>[], mode: Mode): { rule: Rule<C>; severity: Severity }[] {
  let entry = ACTIVE.get(rules as readonly Rule<never>[]);
  if (!entry || !sameRules(entry.seen, rules)) ACTIVE.set(rules as readonly Rule<never>[], (entry = { seen: [...rules] as Rule<never>[], byMode: new Map() }));
  const byMode = entry.byMode;
  let list = byMode.get(mode);
  if (!list) {
    list = [];
    for (const rule of rules) {
      const severity = rule.fromParser ? undefined : severityOf(rule.levels[mode]);
      if (severity) list.push({ rule: rule as Rule<never>, severity });
    }
    byMode.set(mode, list);
  }
  return list as { rule: Rule<C>; severity: Severity }[];
}

export function runRules<C extends BaseRuleContext>(
  rules: readonly Rule<C>[],
  source: Source,
  makeContext: (rule: Rule<C>, report: (r: RuleReport) => void) => C,
  options: EngineOptions,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const strict = options.strict ?? false;
  const active = activeRules(rules, options.mode);
  if (active.length === 0) return out;
  // One report function for the whole run (not a closure per rule): it reads the rule being run.
  let rule: Rule<C> = active[0]!.rule;
  let severity: Severity = 'error';
  const report = (r: RuleReport): void => {
    out.push(toDiagnostic(rule, severity, checkReport(rule, r, source, strict), source.file));
  };
  for (let i = 0; i < active.length; i++) {
    const a = active[i]!;
    rule = a.rule;
    severity = a.severity;
    try {
      rule.check(makeContext(rule, report));
    } catch (error) {
      if (error instanceof InvalidReportError || error instanceof LimitError) throw error; // a limit is the input's, not a rule's crash
      out.push({
        code: RULE_CRASHED,
        severity: 'error',
        file: source.file,
        line: 1,
        column: 1,
        message: `Rule ${rule.id} (${rule.name}) threw an exception: ${error instanceof Error ? error.message : String(error)}; this is a bug in wdksim, please report it with the INF`,
      });
    }
  }
  return out;
}

function checkReport<C extends BaseRuleContext>(rule: Rule<C>, r: RuleReport, source: Source, strict: boolean): RuleReport {
  if (reportIsValid(r, source)) return r; // the common case: nothing to clamp, nothing copied
  const problems: string[] = [];
  const fixed: RuleReport = { ...r };
  if (!Number.isInteger(r.line) || r.line < 0 || r.line > source.lineCount) {
    problems.push(`line ${r.line} is outside 0..${source.lineCount}`);
    fixed.line = Math.min(Math.max(0, Math.trunc(r.line) || 0), source.lineCount);
  }
  const len = fixed.line > 0 ? source.lineLength(fixed.line) : 0;
  if (r.column !== undefined && (!Number.isInteger(r.column) || r.column < 1 || r.column > len + 1)) {
    problems.push(`column ${r.column} is outside 1..${len + 1}`);
    fixed.column = 1;
  }
  if (r.endColumn !== undefined && r.endLine === undefined && (!Number.isInteger(r.endColumn) || r.endColumn < (fixed.column ?? 1) || r.endColumn > len + 1)) {
    problems.push(`endColumn ${r.endColumn} is outside ${fixed.column ?? 1}..${len + 1}`);
    delete fixed.endColumn;
  }
  if (r.endLine !== undefined && (!Number.isInteger(r.endLine) || r.endLine < fixed.line || r.endLine > source.lineCount)) {
    problems.push(`endLine ${r.endLine} is outside ${fixed.line}..${source.lineCount}`);
    delete fixed.endLine;
    delete fixed.endColumn;
  }
  if (!r.message) problems.push('empty message');
  if (problems.length > 0 && strict) {
    throw new InvalidReportError(`Rule ${rule.id} (${rule.name}) made a bad report: ${problems.join('; ')}`);
  }
  return fixed;
}

/** The same checks as checkReport, without building anything. */
function reportIsValid(r: RuleReport, source: Source): boolean {
  const line = r.line;
  if (!Number.isInteger(line) || line < 0 || line > source.lineCount || !r.message) return false;
  const len = line > 0 ? source.lineLength(line) : 0;
  const column = r.column;
  if (column !== undefined && (!Number.isInteger(column) || column < 1 || column > len + 1)) return false;
  const endColumn = r.endColumn;
  const endLine = r.endLine;
  if (endColumn !== undefined && endLine === undefined && (!Number.isInteger(endColumn) || endColumn < (column ?? 1) || endColumn > len + 1)) return false;
  if (endLine !== undefined && (!Number.isInteger(endLine) || endLine < line || endLine > source.lineCount)) return false;
  return true;
}

function toDiagnostic<C extends BaseRuleContext>(rule: Rule<C>, severity: Severity, r: RuleReport, file: string): Diagnostic {
  const d: Diagnostic = {
    code: rule.id,
    severity,
    message: r.message,
    file,
    line: r.line,
    column: r.line === 0 ? 0 : (r.column ?? 1),
    fix: r.fix ?? rule.fix,
  };
  if (r.line > 0 && r.endColumn !== undefined) {
    d.endLine = r.endLine ?? r.line;
    d.endColumn = r.endColumn;
  }
  if (r.targetOs) (d as Diagnostic & { targetOs?: string }).targetOs = r.targetOs;
  return d;
}

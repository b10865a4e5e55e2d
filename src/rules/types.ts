// The rule contract, generic over what a rule checks (an INF document for
// infverif; doctor will pass a project). A rule is metadata plus check(ctx);
// it reports through ctx.report and never prints or throws on purpose.
import type { Severity } from '../diagnostic.js';

/** InfVerif's modes: none given, /k, /u, /w, /h. */
export type Mode = 'default' | 'k' | 'u' | 'w' | 'h';
export const MODES: readonly Mode[] = ['default', 'k', 'u', 'w', 'h'];

export type Level = 'error' | 'warning' | 'off';

export interface RuleReport {
  message: string;
  /** 1-based line; 0 = the whole file. */
  line: number;
  /** 1-based column (UTF-16 units); default 1. */
  column?: number;
  endLine?: number;
  /** Exclusive end column on endLine (or line). */
  endColumn?: number;
  /** Overrides the rule's fix hint for this finding. */
  fix?: string;
  /** TargetOSVersion the finding is specific to (InfVerif prints ", target OS <dec>"). */
  targetOs?: string;
}

export interface RuleMeta {
  /** InfVerif code as a string ("1203"); wdksim's own from "9000". */
  id: string;
  /** Short kebab-case alias. */
  name: string;
  /** Level in each mode. */
  levels: Readonly<Record<Mode, Level>>;
  /** One line: what the rule finds. */
  summary: string;
  /** One line: how to fix it. */
  fix: string;
  docsUrl: string;
  /** Reported by the INF parser (doc.diagnostics); the rule only carries metadata and level. */
  fromParser?: boolean;
}

export interface BaseRuleContext {
  report(report: RuleReport): void;
}

export interface Rule<C extends BaseRuleContext = BaseRuleContext> extends RuleMeta {
  check(ctx: C): void;
}

export const INFVERIF_DOCS = 'https://learn.microsoft.com/en-us/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings';
export const INF_SYNTAX_DOCS = 'https://learn.microsoft.com/en-us/windows-hardware/drivers/install/general-syntax-rules-for-inf-files';

type Letter = 'E' | 'W' | '-';
const LEVEL: Record<Letter, Level> = { E: 'error', W: 'warning', '-': 'off' };

/**
 * Levels from the reference's notation: "E" (all modes) or "k/u/w" letters
 * such as "W/E/-". /h follows /w. With no mode InfVerif does basic checks and
 * reports mode-specific findings as warnings: a rule that is an error in
 * every mode stays an error, one that /k does not report stays off, any
 * other becomes a warning.
 */
export function levels(spec: string, h?: Letter): Record<Mode, Level> {
  const parts = spec.split('/') as Letter[];
  const [k, u, w] = parts.length === 1 ? [parts[0]!, parts[0]!, parts[0]!] : [parts[0]!, parts[1]!, parts[2]!];
  const all = [k, u, w];
  const def: Level = all.every((l) => l === 'E') ? 'error' : k === '-' ? 'off' : all.some((l) => l !== '-') ? 'warning' : 'off';
  return { default: def, k: LEVEL[k], u: LEVEL[u], w: LEVEL[w], h: LEVEL[h ?? w] };
}

/**
 * Levels of a mode-specific rule (the 1300-1341 universal / declarative /
 * isolation ranges): with no mode switch InfVerif reports them as warnings.
 */
export function modeLevels(spec: string, h?: Letter): Record<Mode, Level> {
  const l = levels(spec, h);
  return { ...l, default: l.k === 'off' ? 'off' : 'warning' };
}

export function severityOf(level: Level): Severity | undefined {
  return level === 'off' ? undefined : level;
}

/** Identity helper that keeps a rule's context type checked. */
export function defineRule<C extends BaseRuleContext>(rule: Rule<C>): Rule<C> {
  return rule;
}

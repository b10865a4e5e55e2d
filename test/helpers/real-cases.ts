// Real InfVerif runs as test cases: each case is a folder holding the INF as it
// was at the commit the run was made on and a case.json naming the source (the
// public issue or build log), the mode and kit of the run and the findings it
// printed as "code@line". Used by test/rules/real-output.test.ts and by
// scripts/real-infverif.ts (which also reads a local folder of cases that may not
// be committed because of their licence).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInf } from '../../src/inf/parse.js';
import { validateDocument } from '../../src/rules/validate.js';
import type { Mode } from '../../src/rules/types.js';

export interface RealCase {
  name: string;
  dir: string;
  file: string;
  source: string;
  mode: Mode;
  wdk: string;
  stampinf?: boolean;
  /** The quoted output is not the whole output (a screenshot, one line of a log). */
  partial?: boolean;
  expected: string[];
  /** Why wdksim is known not to match this case (the test then checks that it still does not). */
  knownDifference?: string;
}

export function loadCases(root: string): RealCase[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'case.json')))
    .map((e) => ({ ...(JSON.parse(readFileSync(join(root, e.name, 'case.json'), 'utf8')) as RealCase), dir: join(root, e.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface CaseResult {
  name: string;
  partial: boolean;
  expected: string[];
  actual: string[];
  exact: boolean;
  /** Findings wdksim printed whose code the real output does not have. */
  extraCodes: string[];
  reported: number;
}

export function runCase(c: RealCase): CaseResult {
  const doc = parseInf(readFileSync(join(c.dir, c.file)), { file: c.file });
  const result = validateDocument(doc, { mode: c.mode, wdk: c.wdk, ...(c.stampinf ? { stampinf: true } : {}) });
  const actual = result.diagnostics.map((d) => `${d.code}@${d.line}`).sort();
  const expected = [...c.expected].sort();
  const realCodes = new Set(expected.map((e) => e.split('@')[0]));
  const extraCodes = actual.filter((a) => !realCodes.has(a.split('@')[0]));
  const covered = c.partial ? expected.every((e) => actual.includes(e)) : false;
  return {
    name: c.name,
    partial: c.partial ?? false,
    expected,
    actual,
    exact: c.partial ? covered : actual.join(' ') === expected.join(' '),
    extraCodes,
    reported: actual.length,
  };
}

export interface Score {
  cases: number;
  exact: number;
  reported: number;
  inReal: number;
  precision: number;
}

/** Exact matches (codes and lines) and the share of reported findings whose code the real run printed. */
export function score(results: CaseResult[]): Score {
  const reported = results.reduce((n, r) => n + r.reported, 0);
  const extra = results.reduce((n, r) => n + r.extraCodes.length, 0);
  return {
    cases: results.length,
    exact: results.filter((r) => r.exact).length,
    reported,
    inReal: reported - extra,
    precision: reported === 0 ? 1 : (reported - extra) / reported,
  };
}

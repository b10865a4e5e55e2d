// The engine does not trust rules: a throw becomes one 9000 diagnostic, a
// position outside the file is refused under test and clamped otherwise,
// levels follow the mode.
import { describe, expect, it } from 'vitest';
import { parseInf } from '../../src/inf/parse.js';
import { InvalidReportError, runRules } from '../../src/rules/engine.js';
import { defineRule, levels, modeLevels } from '../../src/rules/types.js';
import type { InfRuleContext } from '../../src/rules/context.js';
import { validateDocument } from '../../src/rules/validate.js';
import { infRules } from '../../src/rules/index.js';

const doc = () => parseInf('[Version]\nSignature="$Windows NT$"\n', { file: 'x.inf' });
const rule = (check: (ctx: InfRuleContext) => void) =>
  defineRule<InfRuleContext>({
    id: '9999',
    name: 'test-rule',
    levels: levels('E'),
    summary: 's',
    fix: 'f',
    docsUrl: 'https://example.invalid',
    check,
  });

describe('rule engine', () => {
  it('turns a rule that throws into one 9000 diagnostic', () => {
    const r = validateDocument(doc(), {
      rules: [
        rule(() => {
          throw new Error('boom');
        }),
      ],
    });
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['9000', 'error', 1]]);
    expect(r.diagnostics[0]!.message).toContain('9999 (test-rule) threw an exception: boom');
  });

  it('refuses a report outside the file under test, clamps it otherwise', () => {
    const bad = rule((ctx) => ctx.report({ line: 50, message: 'far away' }));
    expect(() => validateDocument(doc(), { rules: [bad], strict: true })).toThrow(InvalidReportError);
    const r = validateDocument(doc(), { rules: [bad] });
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['9999', 3]]); // the last line (after the final LF)
  });

  it('refuses a column past the end of the line under test', () => {
    const bad = rule((ctx) => ctx.report({ line: 1, column: 40, message: 'm' }));
    expect(() => validateDocument(doc(), { rules: [bad], strict: true })).toThrow(/column 40/);
  });

  it('skips a rule that is off in the mode and uses the mode level', () => {
    const isolation = defineRule<InfRuleContext>({ ...rule((ctx) => ctx.report({ line: 1, message: 'm' })), levels: modeLevels('-/-/E') });
    expect(validateDocument(doc(), { rules: [isolation] }).diagnostics).toEqual([]);
    expect(validateDocument(doc(), { rules: [isolation], mode: 'w' }).diagnostics.map((d) => d.severity)).toEqual(['error']);
    expect(levels('W/E/-')).toEqual({ default: 'warning', k: 'warning', u: 'error', w: 'off', h: 'off' });
    expect(modeLevels('E')).toMatchObject({ default: 'warning', k: 'error' });
  });

  it('stops after a fatal parse error with 1299, as InfVerif does', () => {
    const r = validateDocument(parseInf('[Version]\nSignature=foo\n[X]\nCopyFiles=missing\n', { file: 'x.inf' }));
    expect(r.diagnostics.map((d) => `${d.code}@${d.line}`)).toEqual(['1299@0', '1001@2']);
  });

  it('lists rules in code order, each id once, with metadata', () => {
    const ids = infRules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => Number(a) - Number(b)));
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of infRules) {
      expect(r.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.summary.length).toBeGreaterThan(10);
      expect(r.fix.length).toBeGreaterThan(5);
      expect(r.docsUrl).toMatch(/^https:\/\/learn\.microsoft\.com\//);
      expect(Number(r.id) >= 9000 || r.docsUrl.includes('inf-validation-errors-and-warnings')).toBe(true);
    }
  });
});

describe('runRules active-rule cache', () => {
  it('sees a rule list the caller changed after an earlier run', () => {
    const source = { file: 'x.inf', lineCount: 1, lineLength: () => 10 };
    const rule = (id: string) => ({
      id,
      name: `r${id}`,
      levels: levels('E'),
      summary: 's',
      fix: 'f',
      docsUrl: 'u',
      check: (ctx: { report: (r: { line: number; message: string }) => void }) => ctx.report({ line: 1, message: id }),
    });
    const rules = [rule('9990')];
    const run = () => runRules(rules, source, (_r, report) => ({ report }), { mode: 'default' }).map((d) => d.code);
    expect(run()).toEqual(['9990']);
    rules[0] = rule('9991');
    expect(run()).toEqual(['9991']);
    rules.push(rule('9992'));
    expect(run()).toEqual(['9991', '9992']);
  });
});

// Scenario fixtures: every fixtures/rules/*.inf marks the findings it expects
// on the offending line (`; expect: 1203`, `1299@0` for a whole-file finding,
// `1203@+1` for the next line) and may set options in a
// `; wdksim-config: {"mode":"w","stampinf":true,"wdk":"10.0.19041","ignore":["1309"]}` line.
// One test per file compares the exact set of code@line pairs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInf } from '../../src/inf/parse.js';
import { infRules } from '../../src/rules/index.js';
import { validateDocument } from '../../src/rules/validate.js';
import type { Mode } from '../../src/rules/types.js';

const dir = join(import.meta.dirname, '../../fixtures/rules');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.inf'))
  .sort();

interface Config {
  mode?: Mode;
  stampinf?: boolean;
  wdk?: string;
  ignore?: string[];
}

function load(name: string) {
  const doc = parseInf(readFileSync(join(dir, name)), { file: name });
  const lines = doc.text.split('\n');
  const cfg = /;\s*wdksim-config:\s*(\{.*\})/.exec(doc.text);
  const config: Config = cfg ? JSON.parse(cfg[1]!) : {};
  const expected: string[] = [];
  lines.forEach((text, i) => {
    const m = /;\s*expect:\s*([^;\r]*)/.exec(text);
    if (!m) return;
    for (const tok of m[1]!.trim().split(/[\s,]+/)) {
      const t = /^(\d+)(?:@([+-]?)(\d+))?$/.exec(tok);
      if (!t) throw new Error(`${name}:${i + 1}: bad expect marker "${tok}"`);
      const line = t[3] === undefined ? i + 1 : t[2] === '+' ? i + 1 + Number(t[3]) : t[2] === '-' ? i + 1 - Number(t[3]) : Number(t[3]);
      expected.push(`${t[1]}@${line}`);
    }
  });
  return { doc, config, expected: expected.sort() };
}

describe('rule fixtures', () => {
  it.each(files)('%s', (name) => {
    const { doc, config, expected } = load(name);
    const result = validateDocument(doc, { mode: config.mode ?? 'default', stampinf: config.stampinf ?? false, ...(config.wdk ? { wdk: config.wdk } : {}), strict: true });
    const actual = result.diagnostics
      .filter((d) => !(config.ignore ?? []).includes(d.code))
      .map((d) => `${d.code}@${d.line}`)
      .sort();
    expect(actual, result.diagnostics.map((d) => `${d.code}@${d.line} ${d.message}`).join('\n')).toEqual(expected);
    for (const d of result.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(0);
      expect(d.line).toBeLessThanOrEqual(doc.lineCount);
    }
  });

  it('every rule has an invalid and a valid fixture, named after it', () => {
    for (const rule of infRules) {
      if (rule.id === '9000') continue; // a crash cannot be written as an INF; see engine.test.ts
      const stem = `${rule.id}-${rule.name}`;
      const invalid = files.find((f) => f === `${stem}.invalid.inf`);
      const valid = files.find((f) => f === `${stem}.valid.inf`);
      expect(invalid, `${stem}.invalid.inf`).toBeDefined();
      expect(valid, `${stem}.valid.inf`).toBeDefined();
      const bad = load(invalid!);
      expect(
        bad.expected.some((e) => e.startsWith(`${rule.id}@`)),
        `${invalid} expects ${rule.id}`,
      ).toBe(true);
      const good = load(valid!);
      expect(
        good.expected.some((e) => e.startsWith(`${rule.id}@`)),
        `${valid} must not expect ${rule.id}`,
      ).toBe(false);
      if (!rule.fromParser) expect(rule.levels[good.config.mode ?? 'default'], `${valid} runs ${rule.id} in a mode where it is on`).not.toBe('off');
    }
  });

  it('no fixture is named after a rule that does not exist', () => {
    const ids = new Set(infRules.map((r) => `${r.id}-${r.name}`));
    for (const f of files) expect(ids.has(f.replace(/(\.[a-z0-9-]+)?\.(valid|invalid)\.inf$/, '')), f).toBe(true);
  });
});

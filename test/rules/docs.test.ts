// docs/infverif.md lists every rule with its levels, and no rule that does not exist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { infRules } from '../../src/rules/index.js';

const doc = readFileSync(join(import.meta.dirname, '../../docs/infverif.md'), 'utf8');
const L = { error: 'E', warning: 'W', off: '–' } as const;

describe('docs/infverif.md', () => {
  it('has a row per rule with its name and levels', () => {
    for (const r of infRules) {
      const row = `| ${r.id} | ${r.name} | ${L[r.levels.default]} | ${L[r.levels.k]} | ${L[r.levels.u]} | ${L[r.levels.w]} | ${L[r.levels.h]} |`;
      expect(doc, r.id).toContain(row);
    }
  });

  it('lists no rule row for a code that is not a rule', () => {
    const ids = new Set(infRules.map((r) => r.id));
    const rows = [...doc.matchAll(/^\| (\d{4}) \| [a-z0-9-]+ \|/gm)].map((m) => m[1]!);
    expect(rows.filter((id) => !ids.has(id))).toEqual([]);
    expect(rows.length).toBe(infRules.length);
  });
});

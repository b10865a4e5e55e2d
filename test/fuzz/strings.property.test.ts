// Property tests for %token% expansion (inf-format §1.12-1.13): one
// left-to-right pass (a value is inserted as written, never re-expanded), %%
// is a literal %, an unknown token stays as written and is reported, and a
// result is never longer than MAX_INF_STRING_LENGTH (4096). The oracle is an
// independent regex model of the same rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInf } from '../../src/inf/parse.js';
import { expand, MAX_STRING } from '../../src/inf/strings.js';
import { PROPERTY_RUNS } from '../stress/budget.js';

// Letter-only names: a decimal name would be a DIRID, which the model leaves out.
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.]{0,6}$/);
const piece = fc.oneof(
  fc.constantFrom('%', '%%', 'x', ' ', '\\', '"', 'é'),
  name.map((n) => `%${n}%`),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: 1, max: 3000 }).map((n) => 'L'.repeat(n)),
);
const rawText = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));
const table = fc.dictionary(
  name.map((n) => n.toLowerCase()),
  fc.oneof(rawText, fc.string({ maxLength: 20 })),
  { maxKeys: 8 },
);

function model(raw: string, strings: Map<string, string>): { out: string; unknown: string[] } {
  const unknown: string[] = [];
  if (!raw.includes('%')) return { out: raw, unknown };
  let out = '';
  let last = 0;
  const token = /%([^%]*)%/g;
  for (let m = token.exec(raw); m; m = token.exec(raw)) {
    out += raw.slice(last, m.index);
    const n = m[1]!;
    if (n === '') out += '%';
    else {
      const value = strings.get(n.toLowerCase());
      if (value === undefined) unknown.push(n);
      out += value ?? m[0];
    }
    last = token.lastIndex;
    // The field limit: once the expansion reaches MAX_STRING characters nothing after it is read (nor reported).
    if (out.length >= MAX_STRING) return { out: out.slice(0, MAX_STRING), unknown };
  }
  out += raw.slice(last);
  return { out: out.slice(0, MAX_STRING), unknown };
}

describe('string expansion properties', () => {
  it('matches the single-pass model: values inserted verbatim, %% is %, unknown tokens kept and reported', () => {
    fc.assert(
      fc.property(rawText, table, (raw, dict) => {
        // Decimal tokens are DIRIDs (an unknown one reads as <System32>\unknown): outside this model.
        fc.pre(![...raw.matchAll(/%([^%]*)%/g)].some((m) => /^-?\d+$/.test(m[1]!)));
        const strings = new Map(Object.entries(dict));
        const unknown: string[] = [];
        const got = expand(raw, { strings, dirids: new Map(), onUnknown: (n) => unknown.push(n) });
        const want = model(raw, strings);
        expect(got).toBe(want.out);
        expect(unknown).toEqual(want.unknown);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('never returns more than 4096 characters when anything is substituted, even from nested or huge values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5000 }), (copies, size) => {
        const strings = new Map([
          ['big', 'b'.repeat(size)],
          ['nest', '%big%%nest%'],
        ]);
        const raw = '%big%'.repeat(copies) + '%nest%';
        const got = expand(raw, { strings });
        expect(got.length).toBeLessThanOrEqual(MAX_STRING);
        // Single pass: the value of nest is inserted as written, its tokens stay.
        if (size * copies < MAX_STRING - 12) expect(got.endsWith('%big%%nest%')).toBe(true);
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 300) },
    );
  });

  it('every substituted key and field of a parsed INF is at most 4096 characters', () => {
    const line = fc.oneof(
      rawText.map((r) => `k=${r}`),
      rawText.map((r) => `${r}=1`),
      rawText.map((r) => `a,${r},"${r}"`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), table, (lines, dict) => {
        const strings = Object.entries(dict).map(([k, v]) => `${k} = "${v.replace(/"/g, '""')}"`);
        const text = `[Version]\nSignature="$Windows NT$"\n[S]\n${lines.join('\n')}\n[Strings]\n${strings.join('\n')}\n`;
        const doc = parseInf(text);
        for (const section of doc.sections) {
          for (const entry of section.entries) {
            expect(entry.key?.length ?? 0).toBeLessThanOrEqual(MAX_STRING);
            for (const f of entry.fields) expect(f.length).toBeLessThanOrEqual(MAX_STRING);
          }
        }
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 300) },
    );
  });
});

// wdksim infverif against real InfVerif output (fixtures/infverif-real): each
// case runs in the mode and kit of the real run, and must print the findings
// the real run printed, codes and lines, and nothing the real run did not.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCases, runCase, score } from '../helpers/real-cases.js';

const cases = loadCases(join(import.meta.dirname, '../../fixtures/infverif-real'));

describe('real InfVerif output', () => {
  it('has the vendored cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(16);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = runCase(c);
    if (c.knownDifference) {
      // Still different: when this fails, wdksim has come to match; drop knownDifference.
      expect(r.exact, `${c.name}: ${c.knownDifference}`).toBe(false);
      return;
    }
    if (c.partial) for (const e of r.expected) expect(r.actual, `${e} quoted in ${c.source}`).toContain(e);
    else expect(r.actual, c.source).toEqual(r.expected);
  });

  it('every finding on a complete output has a code the real run printed', () => {
    const s = score(cases.filter((c) => !c.partial).map(runCase));
    expect(s.inReal).toBe(s.reported);
  });
});

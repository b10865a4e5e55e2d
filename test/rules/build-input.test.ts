// A build input (an INF that still holds stampinf's tokens) is checked as the WDK's build hands
// it to InfVerif: the UMDF version a UMDF 1 driver's project stamps, and without the framework
// co-installer lines the build's stampinf -x takes out (frankmorgner/vsmartcard#321).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInf } from '../../src/inf/parse.js';
import type { Mode } from '../../src/rules/types.js';
import { validateDocument } from '../../src/rules/validate.js';

const file = 'umdf1-coinstaller.inf';
const doc = parseInf(readFileSync(join(import.meta.dirname, '../../fixtures/rules-build', file)), { file });
const found = (mode: Mode, stampinf?: boolean) =>
  validateDocument(doc, { mode, strict: true, ...(stampinf !== undefined ? { stampinf } : {}) }).diagnostics.map((d) => `${d.code}@${d.line}: ${d.message}`);

describe('a build input', () => {
  it('reports UMDF 1.11 deprecated for a UMDF 1 driver (a DriverCLSID) in /w and /h', () => {
    for (const mode of ['w', 'h'] as const) {
      expect(found(mode)).toContain('1402@47: UMDF version 1.11 has been deprecated, driver should be ported to use version UMDF 2 driver model.');
    }
    expect(found('u').some((f) => f.startsWith('1402@'))).toBe(false);
  });

  it('does not report the framework co-installer named by its version token (stampinf -x removes it)', () => {
    for (const mode of ['w', 'h', 'k', 'u'] as const) {
      expect(
        found(mode).filter((f) => /^(1303|1322)@/.test(f)),
        mode,
      ).toEqual([]);
    }
  });

  it('checked as it is (/stampinf), the co-installer lines are reported', () => {
    // 10.0.26100 places 1303 and 1322 one line above the entry (55 and 52).
    const codes = found('w', true).map((f) => f.split(':')[0]);
    expect(codes).toContain('1303@54');
    expect(codes).toContain('1322@51');
  });
});

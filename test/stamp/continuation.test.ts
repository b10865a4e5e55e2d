// A DriverVer inserted after a line that ends in a `\` continuation must not
// be swallowed by it (found by the property test), and stamping stays idempotent.
import { describe, expect, it } from 'vitest';
import { parseInf } from '../../src/inf/parse.js';
import { stampInf } from '../../src/stamp/index.js';
import { fixedClock } from '../../src/time/clock.js';

const clock = fixedClock('2026-11-24T12:00:00Z', 'UTC');
const options = { date: '01/02/2026', version: '1.2.3.4' };

describe('inserting after a continued line', () => {
  it.each([
    ['at the end of the file', '[Version]\r\ncontinued = a, \\'],
    ['before more text', '[Version]\r\ncontinued = a, \\\r\n\r\n[Other]\r\nx=1\r\n'],
    ['after a quoted backslash (not a continuation)', '[Version]\r\npath = "C:\\"\r\n'],
  ])('%s', (_name, text) => {
    const once = stampInf(Buffer.from(text, 'latin1'), options, clock).bytes;
    const doc = parseInf(once);
    expect(doc.section('Version')!.value('DriverVer')).toBe('01/02/2026');
    expect(doc.section('Version')!.find('DriverVer')!.fields).toEqual(['01/02/2026', '1.2.3.4']);
    const twice = stampInf(once, options, clock).bytes;
    expect(twice.equals(once)).toBe(true);
  });
});

// MSBuild condition expressions as driver projects write them.
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../../src/project/condition.js';

const props: Record<string, string> = { Configuration: 'Debug', Platform: 'x64', ConfigurationType: 'Driver', Empty: '' };
const host = {
  expand: (t: string) => t.replace(/\$\((\w+)\)/g, (_m, n: string) => props[n] ?? ''),
  exists: (p: string) => p === 'here.props',
};
const ev = (c: string | undefined) => evaluateCondition(c, host);

describe('evaluateCondition', () => {
  it('compares configuration|platform pairs case-insensitively', () => {
    expect(ev("'$(Configuration)|$(Platform)'=='Debug|x64'")).toBe(true);
    expect(ev("'$(Configuration)|$(Platform)'=='debug|X64'")).toBe(true);
    expect(ev("'$(Configuration)|$(Platform)'=='Release|x64'")).toBe(false);
    expect(ev("'$(Configuration)|$(Platform)' != 'Release|x64'")).toBe(true);
  });
  it('empty checks, and/or, not, parentheses, Exists, HasTrailingSlash', () => {
    expect(ev(undefined)).toBe(true);
    expect(ev("'$(Empty)' == ''")).toBe(true);
    expect(ev("'$(ConfigurationType)'=='Driver' or '$(ConfigurationType)'=='DynamicLibrary'")).toBe(true);
    expect(ev("'$(Platform)'=='x64' and !('$(Configuration)'=='Release')")).toBe(true);
    expect(ev("exists('here.props')")).toBe(true);
    expect(ev("Exists('missing.props') or false")).toBe(false);
    expect(ev("HasTrailingSlash('x64\\Debug\\')")).toBe(true);
    expect(ev("'10' >= '6'")).toBe(true);
  });
  it("and/or short-circuit as MSBuild's (learn.microsoft.com/visualstudio/msbuild/msbuild-conditions): an unneeded side is not evaluated", () => {
    expect(ev("'$(Empty)' == '' or '$(Empty)' < '16.0'")).toBe(true);
    expect(ev("'$(Empty)' != '' and '$(Empty)' < '16.0'")).toBe(false);
    expect(() => ev("'$(Empty)' != '' or '$(Empty)' < '16.0'")).toThrow(/needs numbers/);
  });
  it('<, >, <=, >= compare numbers (decimal or hex) and versions (msbuild-conditions)', () => {
    expect(ev("'17.14.0' < '16.0'")).toBe(false);
    expect(ev("'10.0.22621.0' >= '10.0.19041.0'")).toBe(true);
    expect(ev("'0xA000006' > '0xA000005'")).toBe(true);
    expect(ev("'9' < '10'")).toBe(true);
  });
  it('rejects what it cannot evaluate (the evaluator then counts the condition as false)', () => {
    expect(() => ev("'$(Empty)'<'5'")).toThrow(/needs numbers/);
    expect(() => ev("'a' == ")).toThrow();
  });
});

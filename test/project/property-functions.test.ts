// Property functions as MSBuild documents them. Each block names the
// Microsoft Learn page whose semantics it checks:
//   https://learn.microsoft.com/visualstudio/msbuild/property-functions
//   https://learn.microsoft.com/visualstudio/msbuild/msbuild-reserved-and-well-known-properties
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandProperties, UnsupportedConstruct, type ExpandHost } from '../../src/project/expand.js';
import { fixedClock } from '../../src/time/clock.js';
import { tempDir } from '../helpers/cli.js';

function host(props: Record<string, string>, baseDir = '/proj', extra: Partial<ExpandHost> = {}): ExpandHost {
  const lower = new Map(Object.entries(props).map(([k, v]) => [k.toLowerCase(), v]));
  return { property: (n) => lower.get(n.toLowerCase()) ?? '', env: {}, baseDir, ...extra };
}
const x = (text: string, props: Record<string, string> = {}, baseDir?: string) => expandProperties(text, host(props, baseDir));

describe('property-functions: "String property functions" (instance methods of System.String)', () => {
  const p = { Configuration: 'Win10 Release', Name: '  Toaster  ', Ver: '1.2.3.4' };
  it('Replace, ToLower/ToUpper, Trim/TrimStart/TrimEnd, chained calls', () => {
    expect(x("$(Configuration.Replace(' ',''))", p)).toBe('Win10Release');
    expect(x("$(Configuration.Replace(' ','').ToLower())", p)).toBe('win10release');
    expect(x('$(Configuration.ToUpper())', p)).toBe('WIN10 RELEASE');
    expect(x('[$(Name.Trim())]', p)).toBe('[Toaster]');
    expect(x('[$(Name.TrimStart())]', p)).toBe('[Toaster  ]');
    expect(x("$(Ver.TrimEnd('.4'))", p)).toBe('1.2.3');
    expect(x("x64\\Debug\\ -> $(Configuration.TrimEnd('e'))", p)).toBe('x64\\Debug\\ -> Win10 Releas');
  });
  it('boolean results print as True/False (MSBuild converts the return value to a string)', () => {
    expect(x("$(Configuration.EndsWith('Release'))", p)).toBe('True');
    expect(x("$(Configuration.StartsWith('Win11'))", p)).toBe('False');
    expect(x("$(Configuration.Contains('10 R'))", p)).toBe('True');
    // Ordinal, case-sensitive comparisons, as System.String does by default for Contains.
    expect(x("$(Configuration.Contains('release'))", p)).toBe('False');
  });
  it('Substring, IndexOf, LastIndexOf, Length, Split (an array joins with ;), indexers', () => {
    expect(x('$(Ver.Substring(2))', p)).toBe('2.3.4');
    expect(x('$(Ver.Substring(0, 3))', p)).toBe('1.2');
    expect(x("$(Ver.IndexOf('.'))", p)).toBe('1');
    expect(x("$(Ver.LastIndexOf('.'))", p)).toBe('5');
    expect(x('$(Ver.Length)', p)).toBe('7');
    expect(x("$(Ver.Split('.'))", p)).toBe('1;2;3;4');
    expect(x("$(Ver.Split('.')[2])", p)).toBe('3');
    expect(x("$(Ver.Substring(0, $(Ver.IndexOf('.'))))", p)).toBe('1');
  });
  it('a Substring out of range is an error MSBuild reports, not an empty string', () => {
    expect(() => x('$(Ver.Substring(20))', p)).toThrow(UnsupportedConstruct);
  });
  it('an undefined property is empty, and methods apply to the empty string', () => {
    expect(x('[$(Nope)]')).toBe('[]');
    expect(x('$(Nope.Length)')).toBe('0');
  });
});

describe('property-functions: "Static property functions" ([System.String]::, [System.IO.Path]::, Regex)', () => {
  it('[System.String]::IsNullOrEmpty, Copy, Concat, Format, Join', () => {
    expect(x("$([System.String]::IsNullOrEmpty('$(Nope)'))")).toBe('True');
    expect(x("$([System.String]::Copy('$(A)'))", { A: 'a b' })).toBe('a b');
    expect(x("$([System.String]::Concat('a', 'b', 'c'))")).toBe('abc');
    expect(x("$([System.String]::Format('{0}-{1}', 'x', 'y'))")).toBe('x-y');
    expect(x("$([System.String]::Join('.', '1', '2'))")).toBe('1.2');
  });
  it('[System.IO.Path]::Combine, GetFileName, GetFileNameWithoutExtension, GetExtension, GetDirectoryName', () => {
    expect(x("$([System.IO.Path]::Combine('a\\b', 'c.sys'))")).toBe('a\\b\\c.sys');
    expect(x("$([System.IO.Path]::GetFileName('x64\\Debug\\drv.sys'))")).toBe('drv.sys');
    expect(x("$([System.IO.Path]::GetFileNameWithoutExtension('x64\\Debug\\drv.sys'))")).toBe('drv');
    expect(x("$([System.IO.Path]::GetExtension('drv.inx'))")).toBe('.inx');
    expect(x("$([System.IO.Path]::GetDirectoryName('x64\\Debug\\drv.sys'))")).toBe('x64\\Debug');
  });
  it('Regex.Match(...).Groups[n].Value, as HidHide and others read version parts', () => {
    const props = { V: '1.4.186.0' };
    const m = '$([System.Text.RegularExpressions.Regex]::Match($(V), "(\\d{1,3}).(\\d{1,3}).(\\d{1,5}).(\\d{1,3})").Groups[3].Value)';
    expect(x(m, props)).toBe('186');
    expect(x('$([System.Text.RegularExpressions.Regex]::IsMatch($(V), "^1\\."))', props)).toBe('True');
  });
  it("[System.DateTime]::Now.ToString(format) reads wdksim's clock (--now, TZ)", () => {
    const h = host({}, '/p', { clock: fixedClock('2026-11-24T12:30:00Z', 'UTC') });
    expect(expandProperties('$([System.DateTime]::Now.ToString(`yyyy`)).$([System.DateTime]::Now.ToString("MMdd"))', h)).toBe('2026.1124');
    expect(expandProperties('$([System.DateTime]::UtcNow.DayOfYear.ToString(`000`))', h)).toBe('328');
  });
  it('a function wdksim does not know is an UnsupportedConstruct naming it', () => {
    expect(() => x('$([System.Guid]::NewGuid())')).toThrow(/\$\(\[System\.Guid\]::NewGuid\(\)\).*not a function wdksim evaluates/);
    expect(() => x('$(Configuration.Normalize())', { Configuration: 'a' })).toThrow(/string method Normalize is not supported/);
    expect(() => x('$(Registry:HKEY_LOCAL_MACHINE\\Software\\X@Y)')).toThrow(/registry/);
  });
});

describe('property-functions: "MSBuild property functions" ([MSBuild]::...)', () => {
  it('Add, Subtract, Multiply, Divide, Modulo', () => {
    expect(x('$([MSBuild]::Add($(A), 1))', { A: '14' })).toBe('15');
    expect(x('$([MSBuild]::Subtract(10, 4))')).toBe('6');
    expect(x('$([MSBuild]::Multiply(3, 5))')).toBe('15');
    expect(x('$([MSBuild]::Modulo(10, 4))')).toBe('2');
  });
  it('ValueOrDefault: the first argument unless it is empty', () => {
    expect(x("$([MSBuild]::ValueOrDefault('$(Nope)', '25'))")).toBe('25');
    expect(x("$([MSBuild]::ValueOrDefault('$(A)', '25'))", { A: '31' })).toBe('31');
  });
  it('VersionGreaterThanOrEquals and friends compare versions, not strings', () => {
    expect(x("$([MSBuild]::VersionGreaterThanOrEquals('10.0.22621.0', '10.0.9600'))")).toBe('True');
    expect(x("$([MSBuild]::VersionLessThan('1.9', '1.15'))")).toBe('True');
    expect(x("$([MSBuild]::VersionEquals('2.0', '2.0.0.0'))")).toBe('True');
  });
  it('EnsureTrailingSlash, NormalizeDirectory, MakeRelative', () => {
    expect(x("$([MSBuild]::EnsureTrailingSlash('x64\\Debug'))")).toBe('x64\\Debug\\');
    expect(x("$([MSBuild]::EnsureTrailingSlash('x64\\Debug\\'))")).toBe('x64\\Debug\\');
    expect(x("$([MSBuild]::NormalizeDirectory('/proj', 'obj', 'x64'))")).toBe('/proj/obj/x64/');
    expect(x("$([MSBuild]::MakeRelative('/proj/src/', '/proj/out/x64/'))")).toBe('..\\out\\x64\\');
  });
  it('GetDirectoryNameOfFileAbove and GetPathOfFileAbove search the folder and its parents', () => {
    const root = tempDir();
    mkdirSync(join(root, 'a', 'b', 'c'), { recursive: true });
    writeFileSync(join(root, 'a', 'build.common.props'), '<Project/>');
    expect(x('$([MSBuild]::GetDirectoryNameOfFileAbove($(MSBuildThisFileDirectory), build.common.props))', { MSBuildThisFileDirectory: join(root, 'a', 'b', 'c') })).toBe(
      join(root, 'a'),
    );
    expect(x("$([MSBuild]::GetPathOfFileAbove('build.common.props', '$(D)'))", { D: join(root, 'a', 'b') })).toBe(join(root, 'a', 'build.common.props'));
    expect(x("$([MSBuild]::GetDirectoryNameOfFileAbove('$(D)', 'nowhere.props'))", { D: join(root, 'a') })).toBe('');
  });
  it('[System.IO.File]::Exists against the project folder', () => {
    const root = tempDir();
    writeFileSync(join(root, 'here.txt'), 'x');
    expect(x("$([System.IO.File]::Exists('here.txt'))", {}, root)).toBe('True');
    expect(x("$([System.IO.File]::Exists('gone.txt'))", {}, root)).toBe('False');
  });
});

// Windows hosts, simulated: with node:path swapped for path.win32 (as on a
// Windows runner), the paths wdksim prints for files under the working folder
// are relative with forward slashes, found case-insensitively (C:\Work vs
// c:\work), and a file on another drive is shown in full, never as ..\..\D:.
import { Chalk } from 'chalk';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:path', async () => {
  const actual = await vi.importActual<typeof import('node:path')>('node:path');
  return { ...actual.win32, default: actual.win32 };
});

const { displayPath } = await import('../src/doctor/evidence.js');
const { github } = await import('../src/report/github.js');
const { sarif } = await import('../src/report/sarif.js');
import type { ReportInput } from '../src/report/types.js';

const CWD = 'C:\\Work\\drivers';

function input(absolute: string): ReportInput {
  return {
    files: [{ file: 'x.inf', absolute, diagnostics: [{ code: '1203', severity: 'error', message: 'Section [X] not found', line: 3, column: 1 }] }],
    rules: new Map(),
    cwd: CWD,
    chalk: new Chalk({ level: 0 }),
    tool: { name: 'wdksim infverif', version: '0.0.0' },
    mode: 'default' as ReportInput['mode'],
    verbose: false,
  };
}

describe('paths on a Windows host (path.win32)', () => {
  it('doctor shows a file under the working folder relative, with /, whatever the case of the drive and folders', () => {
    expect(displayPath('C:\\Work\\drivers\\echo\\echo.inx', CWD)).toBe('echo/echo.inx');
    expect(displayPath('c:\\work\\DRIVERS\\echo\\echo.inx', CWD)).toBe('echo/echo.inx');
    expect(displayPath('D:\\other\\echo.inx', CWD)).toBe('D:\\other\\echo.inx');
    expect(displayPath('C:\\Work\\elsewhere\\echo.inx', CWD)).toBe('C:\\Work\\elsewhere\\echo.inx');
  });

  it('GitHub annotations name the file relative with /', () => {
    expect(github(input('C:\\Work\\drivers\\pkg\\x.inf'))).toContain('file=pkg/x.inf,line=3');
  });

  it('SARIF gives a %SRCROOT%-relative URI for a file under the folder, and no relative URI across drives', () => {
    const inside = JSON.parse(sarif(input('c:\\work\\drivers\\pkg\\x.inf'))).runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    expect(inside).toMatchObject({ uri: 'pkg/x.inf', uriBaseId: '%SRCROOT%' });
    const other = JSON.parse(sarif(input('D:\\pkg\\x.inf'))).runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    expect(other.uriBaseId).toBeUndefined();
    expect(other.uri).not.toMatch(/^\.\./);
  });
});

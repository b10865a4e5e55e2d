// `wdksim inf parse` run as a process: the --json contract and bad input.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, wdksim } from '../helpers/cli.js';

const ECHO = 'fixtures/corpus/windows-driver-samples/general/echo/kmdf/driver/AutoSync/echo.inx';

describe('wdksim inf parse', () => {
  it('prints the --json contract for a corpus INX', async () => {
    const r = await wdksim(['inf', 'parse', ECHO, '--json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.file).toBe(ECHO);
    expect(doc.encoding).toBe('ansi');
    const version = doc.sections.find((s: { name: string }) => s.name === 'Version');
    expect(version.line).toBeGreaterThan(0);
    const signature = version.entries.find((e: { key: string }) => e.key === 'Signature');
    expect(signature.fields).toEqual(['$WINDOWS NT$']);
    expect(doc.diagnostics).toEqual([]);
    expect(r.stderr).toBe('');
  });

  it('expands strings and DIRIDs, keeps unknown tokens, merges sections', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'a.inf'),
      '[Version]\r\nSignature="$Windows NT$"\r\n[A]\r\nx=%Name%,%12%\\a.sys,%Undefined%\r\n[a]\r\nHKR,,"v",,"q""uote"\r\n[Strings]\r\nName="My Device"\r\n',
    );
    const r = await wdksim(['inf', 'parse', 'a.inf', '--json'], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    expect(doc.sections.map((s: { name: string }) => s.name)).toEqual(['Version', 'A', 'Strings']);
    expect(doc.sections[1].entries).toEqual([
      { line: 4, key: 'x', fields: ['My Device', 'C:\\Windows\\System32\\drivers\\a.sys', '%Undefined%'] },
      { line: 6, key: null, fields: ['HKR', '', 'v', '', 'q"uote'] },
    ]);
  });

  it('reads standard input with -', async () => {
    const r = await wdksim(['inf', 'parse', '-', '--json'], { input: '[Version]\nSignature=$Chicago$\n' });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).file).toBe('<stdin>');
  });

  it('prints a readable outline without --json', async () => {
    const r = await wdksim(['inf', 'parse', ECHO]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^\[Version\]  line \d+, \d+ entries$/m);
  });

  it('reports a syntax error with code, line and column, exit 1', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.inf'), '[Version]\nSignature="$Windows NT$"\n[Broken\n');
    const r = await wdksim(['inf', 'parse', 'bad.inf', '--json'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    const diag = JSON.parse(r.stdout).diagnostics;
    expect(diag).toEqual([expect.objectContaining({ code: '1002', severity: 'error', line: 3, column: 1 })]);
  });

  describe('bad input: one clear line, no stack trace', () => {
    const cases: [string, (dir: string) => string, number, RegExp][] = [
      ['an empty file', (d) => (writeFileSync(join(d, 'e.inf'), ''), 'e.inf'), 1, /e\.inf: error 1001: The file is empty/],
      [
        'binary garbage',
        (d) => (writeFileSync(join(d, 'g.inf'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256))), 'g.inf'),
        2,
        /^wdksim: g\.inf: binary data, not an INF file/,
      ],
      ['a missing file', () => 'nope.inf', 2, /^wdksim: nope\.inf: no such file or directory/],
      ['a directory', (d) => (mkdirSync(join(d, 'd.inf')), 'd.inf'), 2, /^wdksim: d\.inf: is a directory/],
      ['a 50 MB single line', (d) => (writeFileSync(join(d, 'big.inf'), 'a'.repeat(50 * 1024 * 1024)), 'big.inf'), 1, /big\.inf: error 1001/],
    ];
    it.each(cases)('%s', async (_name, make, code, message) => {
      const dir = tempDir();
      const file = make(dir);
      const r = await wdksim(['inf', 'parse', file], { cwd: dir });
      expect(r.exitCode).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.length).toBeLessThan(1000);
    });
  });
});

// A Windows checkout (core.autocrlf=true) must not change the bytes of test
// inputs: .gitattributes marks fixtures and goldens -text, and each checked-out
// file has the line endings it has in the repository (CRLF INFs stay CRLF, LF
// stays LF). Skips outside a git work tree (an unpacked tarball).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';

const git = (...args: string[]) => spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const inWorkTree = git('rev-parse', '--is-inside-work-tree').stdout?.trim() === 'true';
if (!inWorkTree) console.warn('skipped: the line-ending checks need a git work tree (this is not one)');

describe.skipIf(!inWorkTree)('line endings of fixtures on checkout', () => {
  it('fixtures, goldens and INF/INX files are never converted', () => {
    const paths = [
      'fixtures/packages/KmdfHelloWorld/KmdfHelloWorld.inf',
      'fixtures/demo/KmdfHelloWorld/KmdfHelloWorld.vcxproj',
      'test/machine/goldens/toastpkg.setupapi.dev.log',
      'test/e2e/__golden__/x.txt',
      'some/where/driver.inx',
    ];
    const out = git('check-attr', 'text', '--', ...paths).stdout;
    for (const p of paths) expect(out).toContain(`${p}: text: unset`);
  });

  it('source files are checked out with LF on every OS', () => {
    expect(git('check-attr', 'eol', '--', 'src/cli.ts').stdout).toContain('src/cli.ts: eol: lf');
  });

  it('every fixture in the work tree has the line endings it has in the repository', () => {
    const rows = git('ls-files', '--eol', '--', 'fixtures', 'test').stdout.trim().split('\n');
    expect(rows.length).toBeGreaterThan(100);
    const changed = rows
      .map((row) => {
        const [info = '', path = ''] = row.split('\t');
        const [index = '', work = ''] = info.split(/\s+/).map((f) => f.replace(/^[iw]\//, ''));
        return { index, work, path };
      })
      // A file is converted when its work-tree ending differs from the repository's (unknown endings aside).
      .filter((f) => f.work !== '' && f.index !== f.work && !['-text', 'none'].includes(f.index))
      .map((f) => `${f.path}: ${f.index} in the repository, ${f.work} here`);
    expect(changed).toEqual([]);
    expect(rows.some((r) => r.startsWith('i/crlf'))).toBe(true);
  });
});

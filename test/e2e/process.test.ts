// What only a real process shows, through the built bin (`node bin/wdksim.js`):
// the launcher, exit codes as the shell sees them, standard input, a reader that
// closes the pipe early, and terminal detection. Every other CLI test runs
// in-process (test/helpers/cli.ts).
import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, wdksimProcess } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const INVALID = 'fixtures/rules/1203-section-not-found.invalid.inf';
const VALID = 'fixtures/rules/1203-section-not-found.valid.inf';

describe('the wdksim process', () => {
  it('bin/wdksim.js prints the package version and exits 0', async () => {
    const r = await wdksimProcess(['--version']);
    expect(r).toEqual({ exitCode: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('exit codes reach the shell: 0 valid, 1 errors found, 2 unknown tool (one line, no stack)', async () => {
    expect((await wdksimProcess(['infverif', VALID])).exitCode).toBe(0);
    const invalid = await wdksimProcess(['infverif', INVALID]);
    expect(invalid.exitCode).toBe(1);
    expect(invalid.stdout).toContain('ERROR(1203)');
    const unknown = await wdksimProcess(['frobnicate']);
    expect(unknown).toEqual({ exitCode: 2, stdout: '', stderr: 'wdksim: unknown tool "frobnicate"; run "wdksim --help" for the list\n' });
  });

  it('reads standard input for -', async () => {
    const r = await wdksimProcess(['infverif', '-'], { input: readFileSync(join(REPO_ROOT, INVALID)) });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('ERROR(1203) in <stdin>, line 27');
  });

  it.skipIf(process.platform === 'win32')('stops quietly when the reader closes the pipe (`wdksim infverif /stampinf fixtures | head -c 1`)', async () => {
    // About 170 kB of findings: more than a pipe holds, so the writer meets the closed pipe.
    const r = await execa('sh', ['-c', `'${process.execPath}' '${BIN}' infverif /stampinf fixtures | head -c 1`], { cwd: REPO_ROOT, reject: false, env: { NO_COLOR: '1' } });
    expect(r.stdout).toMatch(/^E/);
    expect(r.stderr).toBe('');
  });

  it.skipIf(process.platform !== 'linux' || !existsSync('/usr/bin/script'))('on a terminal, infverif picks the stylish format; in a pipe, InfVerif text', async () => {
    const inner = `'${process.execPath}' '${BIN}' infverif ${INVALID}`;
    const tty = await execa('script', ['-qefc', inner, '/dev/null'], { cwd: REPO_ROOT, reject: false, stdin: 'ignore', env: { NO_COLOR: '1' } });
    expect(tty.exitCode).toBe(1);
    expect(tty.stdout).toContain('error');
    expect(tty.stdout).not.toContain('ERROR(1203) in');
    const piped = await wdksimProcess(['infverif', INVALID]);
    expect(piped.stdout).toContain('ERROR(1203) in');
  });
});

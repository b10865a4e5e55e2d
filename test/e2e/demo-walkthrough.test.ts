// The README walkthrough, command by command, runs as written: every ```sh
// block of its "Walkthrough" section in order, in a fresh folder, with
// `npx wdksim` standing for the built CLI; the build output it shows is what
// the build prints; the install commands name this version's tarball.
import { execa } from 'execa';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, tempDir } from '../helpers/cli.js';

function walkthroughBlocks(): string[] {
  const text = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = text.indexOf('## Walkthrough');
  if (start < 0) throw new Error('no "## Walkthrough" section in README.md');
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe('README walkthrough', () => {
  // The blocks are POSIX shell (mkdir, cp -r, cd); Windows users run them in Git Bash or WSL.
  it.skipIf(process.platform === 'win32')(
    'runs verbatim: build, target init, deploy, devcon install/status, verify, log, reg export',
    async () => {
      const blocks = walkthroughBlocks();
      expect(blocks.length).toBeGreaterThanOrEqual(5);
      const script = ['set -e', ...blocks].join('\n').replaceAll('npx wdksim', `node "${BIN}"`).replaceAll(' fixtures/', ` ${REPO_ROOT}/fixtures/`);
      const dir = tempDir();
      const r = await execa('bash', ['-c', script], { cwd: dir, reject: false, env: { TZ: 'UTC', NO_COLOR: '1' } });
      expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('Build succeeded.');
      expect(r.stdout).toContain('Driver is running.');
      expect(r.stdout).toMatch(/is consistent/);
      expect(existsSync(join(dir, 'my-first-driver', 'service.reg'))).toBe(true);
      // The build output shown in the walkthrough is what the build printed (date, time,
      // certificate number and the folder aside).
      const sample = walkthroughText()[0]!;
      const here = [realpathSync(dir), dir].map((d) => join(d, 'my-first-driver'));
      const printed = here.reduce((text, d) => text.split(d).join('/home/you/my-first-driver'), r.stdout);
      expect(normalise(printed)).toContain(normalise(sample));
    },
    120_000,
  );

  it('the install commands name the tarball `npm pack` writes for this version', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const text = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const install = text.slice(text.indexOf('## Install'), text.indexOf('\n## ', text.indexOf('## Install') + 1));
    const tarballs = [...install.matchAll(/wdksim-(\d+\.\d+\.\d+)\.tgz/g)].map((m) => m[1]);
    expect(tarballs.length).toBeGreaterThan(0);
    expect(new Set(tarballs)).toEqual(new Set([pkg.version]));
  });
});

/** The ```text blocks of the walkthrough (sample output). */
function walkthroughText(): string[] {
  const text = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = text.indexOf('## Walkthrough');
  const end = text.indexOf('\n## ', start + 1);
  return [...text.slice(start, end).matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** What changes from run to run: the stamped date and time, the test certificate's subject. */
function normalise(text: string): string {
  return text.replace(/DriverVer=\d\d\/\d\d\/\d{4},[\d.]+/g, 'DriverVer=<date>,<version>').replace(/CN=WDKTestCert [^,"]*,\d+/g, 'CN=WDKTestCert <user>,<number>');
}

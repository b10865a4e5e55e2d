// The README's quick start on a fresh clone: `npm ci`, then `npx wdksim demo`.
// The clone is the committed tree (git archive HEAD); `npm ci` is stood in for
// by the installed node_modules (linked) plus the `prepare` script npm ci runs.
import { execa } from 'execa';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/cli.js';

describe('README quick start', () => {
  // git archive | tar and a node_modules symlink: POSIX hosts (the same flow runs in CI's Linux jobs).
  it.skipIf(process.platform === 'win32')(
    'npm ci (prepare builds dist), then npx wdksim demo',
    async () => {
      const clone = tempDir('wdksim-clone-');
      await execa('sh', ['-c', `git -C "${REPO_ROOT}" archive HEAD | tar -x -C "${clone}"`]);
      expect(existsSync(join(clone, 'dist'))).toBe(false);
      symlinkSync(join(REPO_ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
      await execa('npm', ['run', 'prepare'], { cwd: clone });
      const demo = await execa('npx', ['--no-install', 'wdksim', 'demo'], { cwd: clone, reject: false, env: { NO_COLOR: '1' } });
      expect(demo.stdout).toContain('Build succeeded.');
      expect(demo.exitCode, demo.stdout + demo.stderr).toBe(0);
      expect(demo.stdout).toContain('Done: every step of the tutorial worked.');
    },
    300_000,
  );
});

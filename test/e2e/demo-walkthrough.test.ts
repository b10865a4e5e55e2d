// The README walkthrough, command by command, runs as written: every ```sh
// block of its "Walkthrough" section in order, in a fresh folder, with
// `npx wdksim` standing for the built CLI.
import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
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
  it('runs verbatim: build, target init, deploy, devcon install/status, verify, log, reg export', async () => {
    const blocks = walkthroughBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const script = ['set -e', ...blocks]
      .join('\n')
      .replaceAll('npx wdksim', `node "${BIN}"`)
      .replaceAll(' fixtures/', ` ${REPO_ROOT}/fixtures/`);
    const dir = tempDir();
    const r = await execa('bash', ['-c', script], { cwd: dir, reject: false, env: { TZ: 'UTC', NO_COLOR: '1' } });
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('Build succeeded.');
    expect(r.stdout).toContain('Driver is running.');
    expect(r.stdout).toMatch(/is consistent/);
    expect(existsSync(join(dir, 'my-first-driver', 'service.reg'))).toBe(true);
  }, 120_000);
});

// The hashing progress bar: on stderr, only on a terminal, never with --json.
// Runs the command in-process so stderr can claim to be a TTY.
import { cpSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/inf2cat.js';
import { memoryContext } from '../../src/io.js';
import { REPO_ROOT, tempDir } from '../helpers/cli.js';

function setup(stderrIsTTY: boolean) {
  const dir = realpathSync(tempDir('wdksim-inf2cat-progress-'));
  cpSync(join(REPO_ROOT, 'fixtures', 'packages', 'KmdfHelloWorld'), join(dir, 'KmdfHelloWorld'), { recursive: true });
  const ctx = memoryContext({ cwd: dir, now: '2026-11-24T12:00:00Z', env: { TZ: 'UTC', WDKSIM_PROGRESS_DELAY_MS: '0' } });
  ctx.io.stderrIsTTY = stderrIsTTY;
  return ctx;
}

describe('inf2cat progress bar', () => {
  it('draws on stderr when stderr is a terminal, leaving stdout to the report', async () => {
    const ctx = setup(true);
    expect(await run(['/driver:KmdfHelloWorld', '/os:10_VB_X64'], ctx)).toBe(0);
    expect(ctx.err.join('')).toContain('hashing');
    expect(ctx.out.join('')).not.toContain('hashing');
    expect(ctx.out.join('')).toContain('Catalog generation complete.');
  });

  it('stays silent when stderr is not a terminal', async () => {
    const ctx = setup(false);
    expect(await run(['/driver:KmdfHelloWorld', '/os:10_VB_X64'], ctx)).toBe(0);
    expect(ctx.err).toEqual([]);
  });

  it('stays silent with --json', async () => {
    const ctx = setup(true);
    expect(await run(['/driver:KmdfHelloWorld', '/os:10_VB_X64', '--json'], ctx)).toBe(0);
    expect(ctx.err).toEqual([]);
    expect(JSON.parse(ctx.out.join('')).catalogs).toHaveLength(1);
  });
});

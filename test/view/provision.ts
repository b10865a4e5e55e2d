// A freshly provisioned target on disk (the path `wdksim target init` takes),
// for view tests that need a machine: Windows 11 23H2 x64, test signing on.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { memoryContext } from '../../src/io.js';
import { findOs } from '../../src/target/os.js';
import { provisionTarget } from '../../src/target/provision.js';

export const NOW = '2026-11-25T12:00:00Z';

export async function provisionedTarget(prefix = 'wdksim-view-'): Promise<{ base: string; root: string }> {
  const base = await mkdtemp(join(tmpdir(), prefix));
  const root = join(base, 'target');
  const ctx = memoryContext({ cwd: base, now: NOW, env: { TZ: 'UTC' } });
  await provisionTarget(root, ctx, { os: findOs('win11-23h2')!, arch: 'amd64', testsigning: true, kdnet: { port: 50000, key: '1.2.3.4' } });
  return { base, root };
}

export async function removeTemp(base: string): Promise<void> {
  await rm(base, { recursive: true, force: true });
}
export { dirname };

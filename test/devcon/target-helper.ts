// Creates a simulated target seeded with the inbox devices, classes and
// packages, through the target's own provisioning (the same path `wdksim
// target init` takes), for tests that need a machine on disk.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { memoryContext } from '../../src/io.js';
import { inboxClasses, inboxDevices, inboxPackages } from '../../src/machine/inbox.js';
import { provisionTarget } from '../../src/machine/provision.js';
import { findOs } from '../../src/machine/os.js';

export async function makeInboxTarget(prefix = 'wdksim-devcon-'): Promise<string> {
  const root = join(await mkdtemp(join(tmpdir(), prefix)), 'target');
  const ctx = memoryContext({ now: '2026-07-05T12:00:00Z' });
  const os = findOs('win11-23h2')!;
  await provisionTarget(root, ctx, {
    os,
    arch: 'amd64',
    testsigning: true,
    inbox: { devices: inboxDevices({ build: os.build }), classes: inboxClasses(), packages: inboxPackages({ build: os.build }) },
  });
  return root;
}

/** Deletes a target made by makeInboxTarget (and its temporary parent). */
export async function removeTarget(root: string): Promise<void> {
  await rm(dirname(root), { recursive: true, force: true });
}

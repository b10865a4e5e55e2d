// A target made by wdksim before the state moved to per-record files (one
// document, wdksim-state.json, vendored in fixtures/target/v1-one-document) is
// read as it is by read-only commands and migrated by the first command that
// takes the lock, with a notice; the machine after the migration is the one
// before, record for record, and the target keeps working.
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inProcess, remove, tempBase } from '../faults/world.js';
import { stateOnDisk } from '../helpers/state-on-disk.js';

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'target', 'v1-one-document', 'target');
let dir = '';
afterEach(() => remove(dir));

function oldTarget(): { root: string; before: Record<string, unknown> } {
  dir = tempBase('wdksim-migrate-');
  const root = join(dir, 'target');
  cpSync(FIXTURE, root, { recursive: true });
  return { root, before: JSON.parse(readFileSync(join(root, 'wdksim-state.json'), 'utf8')) as Record<string, unknown> };
}

describe('a one-document target of an earlier wdksim', () => {
  it('is read as it is by a read-only command (nothing written)', async () => {
    const { root } = oldTarget();
    const r = await inProcess(dir, ['pnputil', '/enum-drivers']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('oem0.inf');
    expect(r.stdout).toContain('real0001.inf');
    expect(existsSync(join(root, '.wdksim', 'state'))).toBe(false);
    expect(r.stderr).toBe('');
  });

  it('is migrated under the lock by the first command that takes it, with a notice, and holds the same machine', async () => {
    const { root, before } = oldTarget();
    const verify = await inProcess(dir, ['target', 'verify']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stderr).toMatch(
      /migrated the target state .*wdksim-state\.json from one document to per-record files under \.wdksim\/state \(\d+ driver package\(s\), \d+ device\(s\)\)/,
    );
    const head = JSON.parse(readFileSync(join(root, 'wdksim-state.json'), 'utf8')) as Record<string, unknown>;
    expect(head.version).toBe(2);
    expect(head.devices).toBeUndefined();
    expect(existsSync(join(root, '.wdksim', 'state', 'packages'))).toBe(true);
    // Record for record, in the same order: the migrated state is the old document.
    expect(JSON.stringify(stateOnDisk(root))).toBe(JSON.stringify(before));
    // Once only.
    const again = await inProcess(dir, ['target', 'verify']);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
  });

  it('keeps working after the migration: a change, a listing and a consistent target', async () => {
    const { root } = oldTarget();
    const disable = await inProcess(dir, ['devcon', 'disable', 'Root\\real0001']);
    expect(disable.code, disable.stderr).toBe(0);
    expect(disable.stderr).toMatch(/migrated the target state/);
    expect(disable.stdout).toContain('1 device(s) disabled.');
    const status = await inProcess(dir, ['devcon', 'status', 'Root\\real0001']);
    expect(status.stdout).toContain('Device is disabled.');
    const device = stateOnDisk(root).devices.find((d) => d.hardwareIds.includes('Root\\real0001'));
    expect(device?.disabled).toBe(true);
    expect((await inProcess(dir, ['target', 'verify'])).code).toBe(0);
  });

  it('a migration cut short (record files written, the old document still in force) is done again from the document', async () => {
    const { root, before } = oldTarget();
    // What a killed migration leaves: a partial, stale record folder; the head is still the old document.
    mkdirSync(join(root, '.wdksim', 'state', 'packages'), { recursive: true });
    writeFileSync(join(root, '.wdksim', 'state', 'packages', '0ab.json'), 'stale\n[[0,{"publishedName":"oem9.inf"}]]\n');
    const verify = await inProcess(dir, ['target', 'verify']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(existsSync(join(root, '.wdksim', 'state', 'packages', '0ab.json'))).toBe(false);
    expect(JSON.stringify(stateOnDisk(root))).toBe(JSON.stringify(before));
  });
});

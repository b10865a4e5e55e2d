// Eight devcon install processes at once on one target, and a process killed
// at each named point of an install: the target stays consistent.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir, wdksim } from '../helpers/cli.js';
import { makePackage } from '../machine/helpers.js';
import { FAULT_STEPS } from '../../src/machine/fault.js';
import { helloInf } from '../faults/world.js';
import { stateOnDisk } from '../helpers/state-on-disk.js';

async function setup(count: number) {
  const dir = tempDir();
  const env = { WDKSIM_TARGET: join(dir, 'target'), WDKSIM_LOCK_STALE_MS: '2000' };
  expect((await wdksim(['target', 'init'], { cwd: dir, env })).exitCode).toBe(0);
  for (let n = 0; n < count; n++) await makePackage(join(dir, `pkg${n}`), `hello${n}.inf`, helloInf(n), { [`hello${n}.sys`]: `MZ driver ${n}` });
  // Trust the test certificate the packages are signed with (deploy imports package.cer).
  expect((await wdksim(['deploy', 'pkg0'], { cwd: dir, env })).exitCode).toBe(0);
  return { dir, env };
}

describe('concurrency and crashes', () => {
  it('8 devcon install processes in parallel all succeed with distinct devices and published names', async () => {
    const { dir, env } = await setup(8);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, n) => wdksim(['devcon', 'install', `pkg${n}/hello${n}.inf`, `Root\\Hello${n}`], { cwd: dir, env, spawn: true })),
    );
    for (const r of results) expect(r.stderr).toBe('');
    expect(results.map((r) => r.exitCode)).toEqual(Array(8).fill(0));
    const state = stateOnDisk(join(dir, 'target')); // the head and its per-record files
    const oem = state.packages
      .filter((p: { inbox?: boolean }) => !p.inbox)
      .map((p: { publishedName: string }) => p.publishedName)
      .sort();
    expect(oem).toEqual(['oem0.inf', 'oem1.inf', 'oem2.inf', 'oem3.inf', 'oem4.inf', 'oem5.inf', 'oem6.inf', 'oem7.inf']);
    const devices = state.devices
      .filter((d: { instanceId: string }) => d.instanceId.startsWith('ROOT\\SAMPLE\\'))
      .map((d: { instanceId: string; problem: number }) => `${d.instanceId} ${d.problem}`)
      .sort();
    expect(devices).toEqual(Array.from({ length: 8 }, (_, n) => `ROOT\\SAMPLE\\000${n} 0`));
    expect((await wdksim(['target', 'verify'], { cwd: dir, env })).exitCode).toBe(0);
  }, 60_000);

  for (const step of FAULT_STEPS) {
    it(`a process killed at "${step}" leaves a target that verifies, and the next install completes`, async () => {
      const { dir, env } = await setup(1);
      const killed = await wdksim(['devcon', 'install', 'pkg0/hello0.inf', 'Root\\Hello0'], { cwd: dir, env: { ...env, WDKSIM_FAULT: step } });
      expect(killed.exitCode).not.toBe(0);
      expect(killed.stderr).toContain(`WDKSIM_FAULT=${step}`);
      const verify = await wdksim(['target', 'verify'], { cwd: dir, env });
      expect(verify.stdout).toContain('is consistent');
      expect(verify.exitCode).toBe(0);
      const next = await wdksim(['devcon', 'install', 'pkg0/hello0.inf', 'Root\\Hello0'], { cwd: dir, env });
      expect(next.exitCode).toBe(0);
      const status = await wdksim(['devcon', 'status', 'Root\\Hello0'], { cwd: dir, env });
      expect(status.stdout).toContain('Driver is running.');
      expect((await wdksim(['target', 'verify'], { cwd: dir, env })).exitCode).toBe(0);
    }, 60_000);
  }
});

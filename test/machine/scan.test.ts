// LazyState.scan: a read-only listing's pass over a collection that keeps only
// what it picks of each record. It sees the same records as the collection
// loaded whole, and the collection in memory once this state changed it.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployPackage, installDriverOnDevices } from '../../src/machine/index.js';
import { LazyState } from '../../src/machine/lazy-state.js';
import { readState } from '../../src/machine/state-store.js';
import { makePackage, newTarget } from './helpers.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/packages/KmdfHelloWorld');

describe('LazyState.scan', () => {
  it('picks from every record on disk, or from the collection this state changed', async () => {
    const t = await newTarget();
    const inf = (await readFile(join(FIXTURE, 'KmdfHelloWorld.inf'), 'utf8')).replace(/\r\n/g, '\n');
    const sys = await readFile(join(FIXTURE, 'KmdfHelloWorld.sys'));
    for (let i = 0; i < 2; i++) {
      const hwid = `Root\\Scan${i}`;
      await makePackage(join(t.base, `p${i}`), `scan${i}.inf`, inf.replace(/Root\\KmdfHelloWorld/g, hwid).replace(/KmdfHelloWorld\.cat/g, `scan${i}.cat`), {
        'KmdfHelloWorld.sys': sys,
      });
      const deployed = await t.target.transaction('deploy', (tx) => deployPackage(tx, `p${i}`));
      await t.target.transaction('install', (tx) => installDriverOnDevices(tx, { infPath: deployed.infs[0]!, hardwareId: hwid, createRootDevice: true, force: true }));
    }
    const whole = await readState(t.root);
    const scanned = (await readState(t.root)) as unknown as LazyState;
    expect(scanned).toBeInstanceOf(LazyState);
    const names = scanned.scan('packages', (p) => p.publishedName);
    expect([...names].sort()).toEqual(whole.packages.map((p) => p.publishedName).sort());
    expect(names).toEqual(expect.arrayContaining(['oem0.inf', 'oem1.inf']));
    const ids = scanned.scan('devices', (d) => d.instanceId);
    expect([...ids].sort()).toEqual(whole.devices.map((d) => d.instanceId).sort());
    // A record added in memory is seen (the collection this state holds, not the disk).
    const changed = (await readState(t.root)) as unknown as LazyState;
    const pkg = { ...whole.packages.find((p) => p.publishedName === 'oem1.inf')!, publishedName: 'oem7.inf' };
    changed.addPackage(pkg);
    expect(changed.scan('packages', (p) => p.publishedName)).toContain('oem7.inf');
  }, 60_000);
});

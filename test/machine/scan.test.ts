// LazyState.scan: a read-only listing's pass over a collection that keeps only
// what it picks of each record. It sees the same records as the collection
// loaded whole, and the collection in memory once this state changed it.
import { describe, expect, it } from 'vitest';
import { LazyState } from '../../src/machine/lazy-state.js';
import { readState } from '../../src/machine/state-store.js';
import { installHelloWorldCopies, newTarget } from './helpers.js';

describe('LazyState.scan', () => {
  it('picks from every record on disk, or from the collection this state changed', async () => {
    const t = await newTarget();
    await installHelloWorldCopies(t, 'scan', 2);
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

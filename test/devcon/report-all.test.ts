// runReportAll (devcon find|findall|status * from one pass over the device listings) must print
// what runReport prints over the whole view: the same devices, order and text.
import { describe, expect, it } from 'vitest';
import { LazyState } from '../../src/machine/lazy-state.js';
import { readState } from '../../src/machine/state-store.js';
import { viewOf } from '../../src/pnp/machine.js';
import { runReport, runReportAll } from '../../src/devcon/report.js';
import { installHelloWorldCopies, newTarget } from '../machine/helpers.js';

describe('runReportAll', () => {
  it('prints find, findall and status * as runReport does', async () => {
    const t = await newTarget();
    await installHelloWorldCopies(t, 'r', 3);
    for (const kind of ['find', 'findall', 'status'] as const) {
      const state = (await readState(t.root)) as unknown as LazyState;
      expect(state).toBeInstanceOf(LazyState);
      const fast = runReportAll(kind, (pick) => state.scanListings('devices', pick), 'm1');
      const whole = runReport(viewOf(await readState(t.root)), kind, ['*'], 'm1');
      expect(fast.out).toBe(whole.out);
      // Not empty: the inbox devices and the three installed ones (ROOT\SAMPLE\0000-0002), in order.
      expect(fast.out).toMatch(/^ACPI\\[\s\S]*ROOT\\SAMPLE\\0000[\s\S]*ROOT\\SAMPLE\\0001[\s\S]*ROOT\\SAMPLE\\0002/);
    }
  }, 60_000);
});

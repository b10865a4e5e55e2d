// A non-PnP device (ROOT\LEGACY_BEEP) has a service and no driver node: it keeps running across reboots.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { memoryContext } from '../../src/io.js';
import { run } from '../../src/commands/devcon.js';
import { openTarget } from '../../src/machine/target.js';
import { rebootTarget } from '../../src/machine/engine.js';
import { makeInboxTarget, removeTarget } from './target-helper.js';

let root = '';
beforeAll(async () => {
  root = await makeInboxTarget();
});
afterAll(() => removeTarget(root));

it('status of ROOT\\LEGACY_BEEP\\0000 after the target reboots', async () => {
  const ctx = memoryContext({ env: { WDKSIM_TARGET: root } });
  const target = await openTarget(ctx);
  await target.transaction('reboot', (tx) => rebootTarget(tx));
  expect(await run(['status', '@ROOT\\LEGACY_BEEP\\0000'], ctx)).toBe(0);
  expect(ctx.out.join('')).toBe('ROOT\\LEGACY_BEEP\\0000\n    Name: Beep\n    Driver is running.\n1 matching device(s) found.\n');
});

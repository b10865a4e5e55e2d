// Device state changes as devcon and pnputil make them, inside a target
// transaction: the tree policy of src/devcon/devices.ts (devices that cannot
// be disabled, boot-path devices that change at the next reboot, removal of
// the subtree, bus hardware coming back on a rescan) on top of the engine's
// operations, which set the Enum keys, re-evaluate the problem code and log.
import type { Transaction } from '../target/target.js';
import type { DeviceRecord } from '../target/model.js';
import { rebootTarget, removeDevice, rescan, restartDevice, setDeviceEnabled } from '../target/engine.js';
import { isBootDevice, isDisableable, removalSet, rescanDevices, type ChangeOutcome } from './devices.js';
import { fold } from './view.js';

function find(tx: Transaction, instanceId: string): DeviceRecord | undefined {
  return tx.state.devices.find((d) => fold(d.instanceId) === fold(instanceId));
}

/** A non-PnP (legacy) device has a service but no driver node: it runs without one. */
function keepLegacyRunning(tx: Transaction): void {
  for (const d of tx.state.devices) if (!d.driver && d.service && !d.disabled && d.problem === 1) d.problem = 0;
}

export async function changeEnabled(tx: Transaction, instanceId: string, enabled: boolean): Promise<ChangeOutcome> {
  const device = find(tx, instanceId);
  if (!device || !device.present) return 'failed';
  if (!enabled && !isDisableable(device)) return 'failed';
  const before = device.disabled;
  await setDeviceEnabled(tx, device.instanceId, enabled);
  keepLegacyRunning(tx);
  if (before !== !enabled && isBootDevice(device)) {
    device.rebootRequired = true;
    return 'reboot';
  }
  return 'done';
}

export async function changeRestart(tx: Transaction, instanceId: string): Promise<ChangeOutcome> {
  const device = find(tx, instanceId);
  if (!device || !device.present) return 'failed';
  if (isBootDevice(device) && !device.disabled) {
    device.rebootRequired = true;
    return 'reboot';
  }
  await restartDevice(tx, device.instanceId);
  keepLegacyRunning(tx);
  return 'done';
}

export async function changeRemove(tx: Transaction, instanceId: string): Promise<ChangeOutcome> {
  const device = find(tx, instanceId);
  if (!device) return 'failed';
  const boot = isBootDevice(device);
  for (const id of removalSet(tx.state, device.instanceId)) await removeDevice(tx, id);
  return boot ? 'reboot' : 'done';
}

export async function rescanTarget(tx: Transaction): Promise<string[]> {
  const added = rescanDevices(tx.state, tx.registry);
  for (const id of added) tx.log(`Device Install (Hardware initiated) - ${id}`).entry('dvi:', `Device ${id} reported by its bus again; installed with its inbox driver.`);
  await rescan(tx);
  keepLegacyRunning(tx);
  return added;
}

export async function rebootMachine(tx: Transaction): Promise<void> {
  await rebootTarget(tx);
  keepLegacyRunning(tx);
}

// Device state changes as devcon and pnputil make them, inside a target
// transaction: the tree policy of src/pnp/devices.ts (devices that cannot
// be disabled, boot-path devices that change at the next reboot, removal of
// the subtree, bus hardware coming back on a rescan) on top of the engine's
// operations, which set the Enum keys, re-evaluate the problem code and log.
import type { Transaction } from '../machine/target.js';
import type { DeviceRecord } from '../machine/model.js';
import { rebootTarget, removeDevice, rescan, restartDevice, setDeviceEnabled } from '../machine/engine.js';
import { classKeyOf, enumKeyOf, isBootDevice, isDisableable, removalSet, rescanDevices, writeEnumKey, type ChangeOutcome } from './devices.js';
import { editDevice } from '../machine/device-json.js';
import { newRootInstanceId } from '../machine/install.js';
import { fold, isAscii, sameText } from './view.js';

function find(tx: Transaction, instanceId: string): DeviceRecord | undefined {
  // By its record where the state keeps them (an ASCII ID: the records are keyed upper-cased):
  // the devices array would load every device (10,000 in a lab target) for one.
  if (tx.records && isAscii(instanceId)) return tx.records.getDevice(instanceId);
  return tx.state.devices.find((d) => fold(d.instanceId) === fold(instanceId));
}

/**
 * A non-PnP (legacy) device has a service but no driver node: it runs without one. `only`: the
 * one device a command re-evaluated (enable, disable, restart change no other device's problem).
 */
function keepLegacyRunning(tx: Transaction, only?: DeviceRecord): void {
  for (const d of only ? [only] : tx.state.devices) if (!d.driver && d.service && !d.disabled && d.problem === 1) editDevice(d).problem = 0;
}

export async function changeEnabled(tx: Transaction, instanceId: string, enabled: boolean): Promise<ChangeOutcome> {
  const device = find(tx, instanceId);
  if (!device || !device.present) return 'failed';
  if (!enabled && !isDisableable(device)) return 'failed';
  const before = device.disabled;
  await setDeviceEnabled(tx, device.instanceId, enabled);
  keepLegacyRunning(tx, device);
  if (before !== !enabled && isBootDevice(device)) {
    editDevice(device).rebootRequired = true;
    return 'reboot';
  }
  return 'done';
}

export async function changeRestart(tx: Transaction, instanceId: string): Promise<ChangeOutcome> {
  const device = find(tx, instanceId);
  if (!device || !device.present) return 'failed';
  if (isBootDevice(device) && !device.disabled) {
    editDevice(device).rebootRequired = true;
    return 'reboot';
  }
  await restartDevice(tx, device.instanceId);
  keepLegacyRunning(tx, device);
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

/**
 * devcon install registers the devnode before it installs a driver, so when
 * the install fails the device stays, driverless, with CM_PROB_FAILED_INSTALL.
 */
export function registerDriverlessDevice(tx: Transaction, cls: { name: string; guid: string }, hwid: string): string {
  const known = tx.state.classes.find((c) => (cls.guid && sameText(c.guid, cls.guid)) || (!cls.guid && sameText(c.name, cls.name)));
  const className = cls.name || known?.name || 'Unknown';
  const classGuid = known?.guid ?? cls.guid.toLowerCase();
  // Through the per-record state where there is one (as install does): the devices array would load every device.
  const instanceId = tx.records ? tx.records.newRootInstanceId(className) : newRootInstanceId(tx.state.devices, className);
  const device: DeviceRecord = {
    instanceId,
    hardwareIds: [hwid],
    compatibleIds: [],
    classGuid,
    className,
    description: '',
    parent: 'HTREE\\ROOT\\0',
    present: true,
    rootEnumerated: true,
    disabled: false,
    problem: 28,
  };
  if (tx.records) tx.records.addDevice(device);
  else tx.state.devices.push(device);
  writeEnumKey(tx.registry, device);
  tx.registry.setValue(enumKeyOf(instanceId), 'ConfigFlags', { type: 'REG_DWORD', data: 0x40 }); // CONFIGFLAG_FAILEDINSTALL
  tx.log(`Device Install (DiCreateDeviceInfo) - ${instanceId}`).entry('dvi:', `Created device node ${instanceId}; no driver was installed (problem 28).`);
  return instanceId;
}

/** sethwid: the device's HardwareID list (the value goes when the list is empty). */
export function setHardwareIds(tx: Transaction, instanceId: string, ids: string[]): void {
  const device = find(tx, instanceId);
  if (!device) return;
  editDevice(device).hardwareIds = ids;
  if (ids.length) tx.registry.setValue(enumKeyOf(device.instanceId), 'HardwareID', { type: 'REG_MULTI_SZ', data: ids });
  else tx.registry.deleteValue(enumKeyOf(device.instanceId), 'HardwareID');
}

/** classfilter: the class's UpperFilters/LowerFilters (the value goes when the list is empty). */
export function setClassFilters(tx: Transaction, guid: string, value: 'UpperFilters' | 'LowerFilters', filters: string[]): void {
  const cls = tx.state.classes.find((c) => sameText(c.guid, guid));
  if (!cls) return;
  const key = value === 'UpperFilters' ? 'upperFilters' : 'lowerFilters';
  if (filters.length) {
    cls[key] = filters;
    tx.registry.setValue(classKeyOf(cls.guid), value, { type: 'REG_MULTI_SZ', data: filters });
  } else {
    delete cls[key];
    tx.registry.deleteValue(classKeyOf(cls.guid), value);
  }
}

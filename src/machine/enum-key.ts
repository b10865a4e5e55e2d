// The values setup writes under a device's Enum key when the device appears;
// shared by provisioning (inbox devices) and devcon/pnputil (rescan, install).
import { enumKey } from './keys.js';
import type { DeviceRecord } from './model.js';

type Data = string | number | string[];

export function writeEnumKey(reg: { setValue(path: string, name: string, value: { type: string; data: Data }): void }, device: DeviceRecord): void {
  const key = enumKey(device.instanceId);
  reg.setValue(key, 'DeviceDesc', { type: 'REG_SZ', data: device.description });
  if (device.hardwareIds.length) reg.setValue(key, 'HardwareID', { type: 'REG_MULTI_SZ', data: [...device.hardwareIds] });
  if (device.compatibleIds.length) reg.setValue(key, 'CompatibleIDs', { type: 'REG_MULTI_SZ', data: [...device.compatibleIds] });
  reg.setValue(key, 'ClassGUID', { type: 'REG_SZ', data: device.classGuid });
  reg.setValue(key, 'Class', { type: 'REG_SZ', data: device.className });
  if (device.service) reg.setValue(key, 'Service', { type: 'REG_SZ', data: device.service });
}

// devcon's output primitives (dump.cpp): the 60-column device line, 4-space
// padding, the find tails and the status lines.
import type { DeviceRecord } from '../machine/model.js';
import { deviceDescription, deviceState, problemOf } from '../pnp/view.js';
export { deviceState, type DeviceState } from '../pnp/view.js';

export function pad(level: number): string {
  return '    '.repeat(level);
}

/** `printf("%-60s: %s\n")`, or the bare instance ID when there is no info. */
export function deviceLine(instanceId: string, info?: string): string {
  if (info === undefined) return `${instanceId}\n`;
  return `${instanceId.padEnd(60)}: ${info}\n`;
}

/** A device with its description (DumpDevice). */
export function dumpDevice(device: Pick<DeviceRecord, 'instanceId' | 'friendlyName' | 'description'>): string {
  return deviceLine(device.instanceId, deviceDescription(device));
}

/** `    Name: <desc>` when the device has a description (DumpDeviceDescr). */
export function dumpName(device: Pick<DeviceRecord, 'friendlyName' | 'description'>): string {
  const desc = deviceDescription(device);
  return desc === undefined ? '' : `${pad(1)}Name: ${desc}\n`;
}

/** The status line(s) of DumpDeviceStatus. */
export function dumpStatus(device: Pick<DeviceRecord, 'present' | 'disabled' | 'problem'>): string {
  switch (deviceState(device)) {
    case 'not-present':
      return `${pad(1)}Device is not present.\n`;
    case 'disabled':
      return `${pad(1)}Device is disabled.\n`;
    case 'problem':
      return `${pad(1)}The device has the following problem: ${String(problemOf(device)).padStart(2, '0')}\n`;
    case 'running':
      return `${pad(1)}Driver is running.\n`;
    default:
      return `${pad(1)}Device is currently stopped.\n`;
  }
}

export function findTail(count: number, machine?: string): string {
  if (count === 0) return machine ? `No matching devices found on ${machine}.\n` : 'No matching devices found.\n';
  return machine ? `${count} matching device(s) found on ${machine}.\n` : `${count} matching device(s) found.\n`;
}

/** DumpArray: one entry per line at the given padding. */
export function dumpArray(level: number, items: readonly string[]): string {
  return items.map((i) => `${pad(level)}${i}\n`).join('');
}

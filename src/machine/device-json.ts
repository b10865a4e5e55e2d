// Device records are the one big part of the machine state the engine changes in
// place (problem codes, drivers, filters). Writing the state re-serialises only the
// records changed since their text was made: every change goes through editDevice
// (the stored type is read-only, so the compiler finds any other writer).
import type { DeviceRecord, MutableDeviceRecord } from './model.js';

const text = new WeakMap<object, string>();

/** A stored device record, to change: its cached JSON text is dropped first. */
export function editDevice(device: DeviceRecord): MutableDeviceRecord {
  text.delete(device);
  return device as MutableDeviceRecord;
}

/** JSON.stringify(device), reused while the record has not been edited. */
export function deviceJson(device: DeviceRecord): string {
  let t = text.get(device);
  if (t === undefined) {
    t = JSON.stringify(device);
    text.set(device, t);
  }
  return t;
}

// The part of the simulated machine devcon and pnputil look at, as plain data,
// so every command is a pure function over it and unit-testable without a
// target directory.
import type { DeviceRecord, DriverPackageRecord, SetupClassRecord } from '../machine/model.js';

export interface MachineView {
  devices: DeviceRecord[];
  classes: SetupClassRecord[];
  packages: DriverPackageRecord[];
  /** Names of the installed services (classfilter refuses a filter that is not one). */
  services: string[];
  /** %SystemRoot% as Windows spells it (C:\Windows). */
  windowsDir: string;
  /**
   * The device with this instance ID, as `devices` would give it, without loading every device
   * where the state keeps them as records (absent: search `devices`).
   */
  deviceById?: (instanceId: string) => DeviceRecord | undefined;
}

// eslint-disable-next-line no-control-regex
export const isAscii = (text: string): boolean => /^[\x00-\x7f]*$/.test(text);

/** Windows compares IDs and names with an ASCII-only case fold (the C locale's _tcsicmp). */
export function fold(text: string): string {
  // ASCII text (nearly every ID and name): the native upper-casing is that fold, and fast enough to sort 10,000 packages.
  return isAscii(text) ? text.toUpperCase() : text.replace(/[a-z]/g, (c) => c.toUpperCase());
}

export function sameText(a: string, b: string): boolean {
  return fold(a) === fold(b);
}

/**
 * Devices in the order SetupDiGetClassDevs hands them out: the registry's Enum
 * key order, which is case-insensitive alphabetical by instance ID.
 */
export function enumerationOrder(devices: readonly DeviceRecord[]): DeviceRecord[] {
  return inEnumerationOrder(devices.map((d) => [enumerationKey(d), d]));
}

/** A device's place in enumeration order (its instance ID folded). */
export function enumerationKey(device: Pick<DeviceRecord, 'instanceId'>): string {
  return fold(device.instanceId);
}

/** Values keyed by enumerationKey, in enumeration order (a listing that keeps only what it prints of each device). */
export function inEnumerationOrder<T>(keyed: [key: string, value: T][]): T[] {
  return keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((k) => k[1]);
}

/** Registry subkey order (uppercase fold, then code units). */
export function compareNames(a: string, b: string): number {
  const fa = fold(a);
  const fb = fold(b);
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/** Setup classes in the order SetupDiBuildClassInfoList returns them (Class key order: by GUID). */
export function classOrder(classes: readonly SetupClassRecord[]): SetupClassRecord[] {
  return [...classes].sort((a, b) => compareNames(a.guid, b.guid));
}

/** Every class with that name (the registry may hold more than one GUID per name). */
export function classesNamed(view: MachineView, name: string): SetupClassRecord[] {
  return classOrder(view.classes).filter((c) => sameText(c.name, name));
}

/** Per class list: folded GUID → the first class with it (a listing looks a class up per package). */
const byGuid = new WeakMap<readonly SetupClassRecord[], Map<string, SetupClassRecord>>();

export function classByGuid(view: MachineView, guid: string): SetupClassRecord | undefined {
  let index = byGuid.get(view.classes);
  if (!index || index.size > view.classes.length) {
    index = new Map();
    for (const c of view.classes) if (!index.has(fold(c.guid))) index.set(fold(c.guid), c);
    byGuid.set(view.classes, index);
  }
  const hit = index.get(fold(guid));
  // The list may have grown since (a class added in place): fall back to the walk.
  return hit ?? view.classes.find((c) => sameText(c.guid, guid));
}

/** What devcon prints for a device: friendly name, else device description. */
export function deviceDescription(device: Pick<DeviceRecord, 'friendlyName' | 'description'>): string | undefined {
  if (device.friendlyName) return device.friendlyName;
  if (device.description) return device.description;
  return undefined;
}

/** DN_STARTED: present, enabled, no problem and no change waiting for a reboot. */
export function isStarted(device: Pick<DeviceRecord, 'present' | 'disabled' | 'problem'>): boolean {
  return device.present && !device.disabled && device.problem === 0;
}

/** The problem code CM reports: CM_PROB_DISABLED for a disabled device. */
export function problemOf(device: Pick<DeviceRecord, 'disabled' | 'problem'>): number {
  if (device.disabled) return 22;
  return device.problem;
}

/** Third-party packages: the published oem<N>.inf files, in directory (name) order. */
export function oemPackages(view: MachineView): DriverPackageRecord[] {
  const keyed = view.packages.filter((p) => /^oem\d+\.inf$/i.test(p.publishedName) && !p.inbox).map((p) => ({ p, key: fold(p.publishedName) }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ p }) => p);
}

/** A device's state as devcon and pnputil both report it. */
export type DeviceState = 'not-present' | 'disabled' | 'problem' | 'running' | 'stopped';

export function deviceState(device: Pick<DeviceRecord, 'present' | 'disabled' | 'problem'>): DeviceState {
  if (!device.present) return 'not-present';
  const problem = problemOf(device);
  if (problem === 22) return 'disabled';
  if (problem !== 0) return 'problem';
  return isStarted(device) ? 'running' : 'stopped';
}

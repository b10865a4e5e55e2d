// Device state changes shared by devcon and pnputil: enable, disable, restart,
// remove (with its subtree) and rescan, applied to a draft of the machine state
// and its registry so the device tree, the Enum keys and the class keys stay
// consistent. The caller runs them inside a target transaction.
import type { DeviceRecord, SetupClassRecord } from '../machine/model.js';
import { inboxDevices } from '../machine/inbox.js';
import { fold, sameText } from './view.js';
import { writeEnumKey } from '../machine/enum-key.js';

/** The registry operations these changes need (src/machine/registry.ts provides them). */
export interface RegistryLike {
  getValue(path: string, name: string): { type: string; data: string | number | string[] } | undefined;
  setValue(path: string, name: string, value: { type: string; data: string | number | string[] }): void;
  deleteValue(path: string, name: string): boolean;
  deleteKey(path: string): boolean;
}

export interface DeviceDraft {
  devices: DeviceRecord[];
  classes: SetupClassRecord[];
  os?: { build: number; arch: string };
}

/** The target's own key paths, under the names devcon's code uses. */
export { enumKey as enumKeyOf, classKey as classKeyOf } from '../machine/keys.js';
export { writeEnumKey } from '../machine/enum-key.js';

export type ChangeOutcome = 'done' | 'reboot' | 'failed';

/** Devices Windows will not disable (no DN_DISABLEABLE): the HAL, the ACPI system and the processors. */
export function isDisableable(device: DeviceRecord): boolean {
  if (['Computer', 'Processor'].some((c) => sameText(c, device.className))) return false;
  return !/^ACPI_HAL\\/i.test(device.instanceId);
}

/** Devices on the boot path: changing them takes effect at the next reboot. */
export function isBootDevice(device: DeviceRecord): boolean {
  return ['DiskDrive', 'Volume', 'hdc', 'SCSIAdapter'].some((c) => sameText(c, device.className)) && device.present;
}

function find(draft: DeviceDraft, instanceId: string): DeviceRecord | undefined {
  return draft.devices.find((d) => fold(d.instanceId) === fold(instanceId));
}

/** The device and the present devices below it, children after their parents (phantoms below stay remembered). */
export function removalSet(draft: DeviceDraft, instanceId: string): string[] {
  const device = find(draft, instanceId);
  if (!device) return [];
  const order = [device.instanceId];
  const doomed = new Set<string>([fold(device.instanceId)]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of draft.devices) {
      if (d.present && d.parent && doomed.has(fold(d.parent)) && !doomed.has(fold(d.instanceId))) {
        doomed.add(fold(d.instanceId));
        order.push(d.instanceId);
        grew = true;
      }
    }
  }
  return order;
}

/**
 * CM_Reenumerate_DevNode from the root: the buses report their hardware again,
 * so a removed bus-enumerated device (PCI, ACPI, USB...) whose hardware is
 * still attached comes back with its inbox driver. Root-enumerated devices
 * exist only as software: once removed they stay removed.
 */
export function rescanDevices(draft: DeviceDraft, reg: RegistryLike): string[] {
  const hardware = inboxDevices({ build: draft.os?.build, arch: draft.os?.arch }).filter((d) => d.present && !d.rootEnumerated);
  const added: string[] = [];
  // Parents first, so a restored child always has its parent in the tree.
  let progress = true;
  while (progress) {
    progress = false;
    for (const hw of hardware) {
      if (find(draft, hw.instanceId)) continue;
      if (hw.parent && hw.parent !== 'HTREE\\ROOT\\0' && !find(draft, hw.parent)) continue;
      draft.devices.push(hw);
      writeEnumKey(reg, hw);
      added.push(hw.instanceId);
      progress = true;
    }
  }
  return added;
}

export type SetHwidResult = { kind: 'usage' } | { kind: 'ok'; ids: string[] };

/** sethwid subcommands on one hardware-ID list (cmds.cpp SetHwidCallback). */
export function applyHwidOps(list: readonly string[], ops: readonly string[]): SetHwidResult {
  let ids = [...list];
  let mark = -1;
  for (const raw of ops) {
    let op = raw;
    if (op.startsWith('=')) {
      ids = [];
      mark = 0;
      op = op.slice(1);
    } else if (op.startsWith('+')) {
      mark = 0;
      op = op.slice(1);
    } else if (op.startsWith('-')) {
      mark = -1;
      op = op.slice(1);
    } else if (op.startsWith('!')) {
      mark = -2;
      op = op.slice(1);
    }
    if (!op) return { kind: 'usage' };
    const cnt = ids.length;
    if (mark === -1 || mark > cnt) mark = cnt;
    const out: string[] = [];
    let ent = 0;
    for (; ent < mark; ent++) if (!sameText(ids[ent]!, op)) out.push(ids[ent]!);
    if (mark >= 0) out.push(op);
    for (; ent < cnt; ent++) if (!sameText(ids[ent]!, op)) out.push(ids[ent]!);
    ids = out;
    mark++;
  }
  return { kind: 'ok', ids };
}

export type FilterResult = { kind: 'usage' } | { kind: 'fail' } | { kind: 'ok'; filters: string[]; modified: boolean };

/** classfilter subcommands with devcon's cursor (cmds.cpp cmdClassFilter). */
export function applyFilterOps(list: readonly string[], ops: readonly string[], serviceExists: (name: string) => boolean): FilterResult {
  const filters = [...list];
  let after = -1;
  let span = 1;
  let modified = false;
  for (const arg of ops) {
    let op = arg.charAt(0);
    let serv = arg.slice(1);
    if (op === '=') {
      after = -1;
      span = 1;
      op = serv.charAt(0);
      if (!op) continue;
      serv = serv.slice(1);
    }
    if (!serv) return { kind: 'usage' };
    if (op === '@' || op === '!') {
      let i = after + span;
      while (i < filters.length && !sameText(filters[i]!, serv)) i++;
      if (i >= filters.length) return { kind: 'fail' };
      after = i;
      if (op === '@') {
        span = 1;
        continue;
      }
      filters.splice(after, 1);
      span = 0;
      modified = true;
      continue;
    }
    let mark: number;
    if (op === '+') mark = after < 0 ? filters.length : after + span;
    else if (op === '-') mark = after < 0 ? 0 : after;
    else return { kind: 'usage' };
    if (!serviceExists(serv)) return { kind: 'fail' };
    filters.splice(mark, 0, serv);
    modified = true;
    span = 1;
    after = mark;
  }
  return { kind: 'ok', filters, modified };
}

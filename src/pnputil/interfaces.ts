// Device interfaces on the simulated machine. The state has no interface
// records, so they are derived from what registers them on Windows:
//  * a driver package's INF: each AddInterface={guid}[,ref] line of the
//    [<DDInstall>.Interfaces] section the installed driver used (inf-format,
//    INF AddInterface directive);
//  * the inbox class and bus drivers, which register the standard interface
//    of their device type (keyboard, mouse, disk, volume, COM port, display
//    adapter, network adapter, HID collection, USB device/hub/host controller;
//    GUIDs from ntddkbd.h, ntddmou.h, ntddstor.h, ntddser.h, ntddvdeo.h,
//    ndisguid.h, hidclass.h, usbiodef.h).
// An interface is enabled while its device is started (the driver enables it
// when it starts); otherwise it is registered but disabled, which is what
// pnputil /enum-interfaces shows for a removed or failed device.
import type { InfDocument } from '../inf/document.js';
import { compareNames, isStarted, sameText, type MachineView } from '../pnp/view.js';
import { storedInf } from '../pnp/nodes.js';
import type { DeviceRecord } from '../machine/model.js';

export interface DeviceInterface {
  /** The symbolic link: \\?\<instance id with # for \>#{guid}[\<reference string>]. */
  path: string;
  /** Interface class GUID, lower case with braces. */
  classGuid: string;
  referenceString?: string;
  instanceId: string;
  enabled: boolean;
  /** Where the record comes from: the INF's AddInterface line, or the inbox driver of the device type. */
  source: 'inf' | 'inbox';
}

export const INTERFACE_GUID = {
  keyboard: '{884b96c3-56ef-11d1-bc8c-00a0c91405dd}',
  mouse: '{378de44c-56ef-11d1-bc8c-00a0c91405dd}',
  disk: '{53f56307-b6bf-11d0-94f2-00a0c91efb8b}',
  volume: '{53f5630d-b6bf-11d0-94f2-00a0c91efb8b}',
  comPort: '{86e0d1e0-8089-11d0-9ce4-08003e301f73}',
  displayAdapter: '{5b45201d-f2f2-4f3b-85bb-30ff1f953599}',
  net: '{cac88484-7515-4c03-82e6-71a87abac361}',
  hid: '{4d1e55b2-f16f-11cf-88cb-001111000030}',
  usbDevice: '{a5dcbf10-6530-11d2-901f-00c04fb951ed}',
  usbHub: '{f18a0e88-c30c-11d0-8815-00a0c906bed8}',
  usbHostController: '{3abf6f2d-71c4-462a-8a92-1e6861e6af27}',
} as const;

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/** {xxxxxxxx-...} in lower case, or undefined when the text is not a GUID. */
export function normalizeGuid(text: string): string | undefined {
  const m = GUID.exec(text.trim());
  return m ? `{${m[1]!.toLowerCase()}}` : undefined;
}

export function interfacePath(instanceId: string, classGuid: string, referenceString?: string): string {
  return `\\\\?\\${instanceId.replace(/\\/g, '#')}#${classGuid}${referenceString ? `\\${referenceString}` : ''}`;
}

/** The interface classes the inbox drivers register for a device of this kind. */
function inboxInterfaceClasses(d: DeviceRecord): string[] {
  const cls = d.className.toLowerCase();
  const id = d.instanceId.toUpperCase();
  const out: string[] = [];
  if (cls === 'keyboard') out.push(INTERFACE_GUID.keyboard);
  if (cls === 'mouse') out.push(INTERFACE_GUID.mouse);
  if (cls === 'diskdrive') out.push(INTERFACE_GUID.disk);
  if (cls === 'volume') out.push(INTERFACE_GUID.volume);
  if (cls === 'ports' && /\(COM\d+\)/i.test(d.friendlyName ?? '')) out.push(INTERFACE_GUID.comPort);
  if (cls === 'display') out.push(INTERFACE_GUID.displayAdapter);
  if (cls === 'net') out.push(INTERFACE_GUID.net);
  if (id.startsWith('HID\\')) out.push(INTERFACE_GUID.hid);
  if (id.startsWith('USB\\ROOT_HUB')) out.push(INTERFACE_GUID.usbHub);
  else if (id.startsWith('USB\\')) out.push(INTERFACE_GUID.usbDevice);
  if (cls === 'usb' && /^(USBXHCI|USBEHCI|usbohci|usbuhci)$/i.test(d.service ?? '')) out.push(INTERFACE_GUID.usbHostController);
  return out;
}

/** AddInterface lines of [<section>.Interfaces]: class GUID and reference string. */
function addInterfaceLines(doc: InfDocument, section: string): { classGuid: string; referenceString?: string }[] {
  const out: { classGuid: string; referenceString?: string }[] = [];
  for (const entry of doc.section(`${section}.Interfaces`)?.findAll('AddInterface') ?? []) {
    const guid = normalizeGuid(entry.fields[0] ?? '');
    if (!guid) continue;
    const ref = (entry.fields[1] ?? '').trim();
    out.push(ref ? { classGuid: guid, referenceString: ref } : { classGuid: guid });
  }
  return out;
}

/**
 * Every interface registered on the machine, sorted as pnputil lists them
 * here: by interface class GUID, then by path (case-insensitive).
 */
export async function machineInterfaces(root: string, view: MachineView): Promise<DeviceInterface[]> {
  const docs = new Map<string, Promise<InfDocument | undefined>>();
  const out: DeviceInterface[] = [];
  for (const d of view.devices) {
    const enabled = isStarted(d);
    const add = (classGuid: string, source: DeviceInterface['source'], referenceString?: string) => {
      const path = interfacePath(d.instanceId, classGuid, referenceString);
      if (out.some((i) => sameText(i.path, path))) return;
      out.push({ path, classGuid, ...(referenceString ? { referenceString } : {}), instanceId: d.instanceId, enabled, source });
    };
    const binding = d.driver;
    const pkg = binding ? view.packages.find((p) => !p.inbox && sameText(p.publishedName, binding.publishedName)) : undefined;
    if (binding && pkg) {
      let doc = docs.get(pkg.publishedName.toLowerCase());
      if (!doc) docs.set(pkg.publishedName.toLowerCase(), (doc = storedInf(root, pkg)));
      const inf = await doc;
      if (inf) for (const line of addInterfaceLines(inf, binding.section)) add(line.classGuid, 'inf', line.referenceString);
    }
    for (const guid of inboxInterfaceClasses(d)) add(guid, 'inbox');
  }
  return out.sort((a, b) => compareNames(a.classGuid, b.classGuid) || compareNames(a.path, b.path));
}

export function interfacesOf(all: readonly DeviceInterface[], instanceId: string): DeviceInterface[] {
  return all.filter((i) => sameText(i.instanceId, instanceId));
}

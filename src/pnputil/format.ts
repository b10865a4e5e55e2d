// pnputil's record layouts: labels left-justified in a 20-column field for
// driver packages, 28 for devices and classes; multi-valued fields continue
// on the next lines at the same indent; a blank line after each block.
import type { DeviceRecord, DriverPackageRecord, SetupClassRecord } from '../machine/model.js';
import { deviceState } from '../pnp/view.js';
import type { DriverNode } from '../pnp/nodes.js';
import type { PackageListing } from '../machine/state-listing.js';
import type { DeviceInterface } from './interfaces.js';
import { classByGuid, compareNames, deviceDescription, enumerationOrder, fold, problemOf, sameText, type MachineView } from '../pnp/view.js';

export function field(label: string, width: number, values: string | readonly string[], indent = ''): string {
  // One value (nearly every field): no list made (a listing of 10,000 packages prints 70,000 fields).
  if (typeof values === 'string') return `${indent}${`${label}:`.padEnd(width - indent.length)}${values}\n`;
  if (values.length === 0) return '';
  const head = `${indent}${`${label}:`.padEnd(width - indent.length)}`;
  let out = '';
  for (let i = 0; i < values.length; i++) out += `${i === 0 ? head : ' '.repeat(width)}${values[i]}\n`;
  return out;
}

/** Published packages in store order (oem number). */
export function oemInOrder(view: MachineView): DriverPackageRecord[] {
  return oemInOrderOf(view.packages);
}

/** The published ones of these packages in store order (oem number). */
export function oemInOrderOf<P extends Pick<DriverPackageRecord, 'publishedName' | 'inbox'>>(packages: readonly P[]): P[] {
  const keyed: [number, string, P][] = [];
  for (const p of packages) {
    const n = oemNumber(p);
    if (n !== undefined) keyed.push([n, p.publishedName, p]);
  }
  return inOemOrder(keyed);
}

/** N of a published third-party package's oemN.inf; undefined for an inbox one. */
export function oemNumber(p: Pick<DriverPackageRecord, 'publishedName' | 'inbox'>): number | undefined {
  const m = p.inbox ? null : /^oem(\d+)\.inf$/i.exec(p.publishedName);
  return m ? Number(m[1]) : undefined;
}

/** Values keyed by [oem number, published name], in store order (sort keys made once per package: 10,000 packages). */
export function inOemOrder<T>(keyed: [n: number, publishedName: string, value: T][]): T[] {
  return keyed.sort((a, b) => a[0] - b[0] || compareNames(a[1], b[1])).map((k) => k[2]);
}

export function classMatches(view: MachineView, guid: string, filter: string): boolean {
  if (/^\{[0-9a-f-]+\}$/i.test(filter.trim())) return sameText(guid, filter.trim());
  const cls = classByGuid(view, guid);
  return cls !== undefined && sameText(cls.name, filter);
}

/** The labels of a driver package block, padded once. */
const DRIVER_HEADS = ['Published Name', 'Original Name', 'Provider Name', 'Class Name', 'Class GUID', 'Driver Version', 'Signer Name'].map((l) => `${l}:`.padEnd(20));

/** A package's block of /enum-drivers; with the package's files (its whole record), /files' lines too. */
export function driverBlock(view: MachineView, p: PackageListing, files?: Pick<DriverPackageRecord, 'files' | 'storeFolder'>): string {
  const cls = classByGuid(view, p.classGuid);
  const h = DRIVER_HEADS;
  let out = `${h[0]}${p.publishedName}\n${h[1]}${p.originalName}\n${h[2]}${p.provider}\n${h[3]}${cls ? cls.description || cls.name : p.className}\n`;
  out += `${h[4]}${cls?.guid ?? p.classGuid.toLowerCase()}\n${h[5]}${p.driverDate} ${p.driverVersion}\n${h[6]}${p.signer ?? ''}\n`;
  if (files)
    out += field(
      'Driver Files',
      20,
      files.files.map((f) => `C:\\Windows\\System32\\DriverStore\\FileRepository\\${files.storeFolder}\\${f.path.split('/').join('\\')}`),
    );
  return out + '\n';
}

const PROBLEM_NAMES: Record<number, string> = {
  1: 'CM_PROB_NOT_CONFIGURED',
  10: 'CM_PROB_FAILED_START',
  19: 'CM_PROB_REGISTRY',
  22: 'CM_PROB_DISABLED',
  24: 'CM_PROB_DEVICE_NOT_THERE',
  28: 'CM_PROB_FAILED_INSTALL',
  31: 'CM_PROB_FAILED_ADD',
  37: 'CM_PROB_FAILED_DRIVER_ENTRY',
  39: 'CM_PROB_DRIVER_FAILED_LOAD',
  45: 'CM_PROB_PHANTOM',
  52: 'CM_PROB_UNSIGNED_DRIVER',
};

/** The NTSTATUS pnputil shows as Problem Status for the problems wdksim produces. */
const PROBLEM_STATUS: Record<number, string> = {
  1: '0xC0000490',
  10: '0xC00000E5',
  // A filter or service the stack names has no key: STATUS_OBJECT_NAME_NOT_FOUND.
  19: '0xC0000034',
  22: '0xC0000022',
  28: '0xC0000490',
  31: '0xC0000001',
  37: '0xC0000001',
  39: '0xC0000034',
  52: '0xC0000428',
};

export function problemText(code: number): string {
  return `${code} (0x${code.toString(16).toUpperCase()})${PROBLEM_NAMES[code] ? ` [${PROBLEM_NAMES[code]}]` : ''}`;
}

export function statusWord(device: DeviceRecord): string {
  switch (deviceState(device)) {
    case 'not-present':
      return 'Disconnected';
    case 'disabled':
      return 'Disabled';
    case 'problem':
      return 'Problem';
    case 'running':
      return 'Started';
    default:
      return 'Stopped';
  }
}

export interface DeviceFilter {
  connected?: boolean;
  disconnected?: boolean;
  instanceId?: string;
  deviceId?: string;
  className?: string;
  /** true: any problem; a number: that code. */
  problem?: boolean | number;
  bus?: string;
}

export function enumeratorOf(instanceId: string): string {
  return instanceId.split('\\')[0] ?? '';
}

export function filterDevices(view: MachineView, filter: DeviceFilter): DeviceRecord[] {
  return enumerationOrder(view.devices).filter((d) => {
    if (filter.connected && !d.present) return false;
    if (filter.disconnected && d.present) return false;
    if (filter.instanceId !== undefined && !sameText(d.instanceId, filter.instanceId)) return false;
    if (filter.deviceId !== undefined && ![...d.hardwareIds, ...d.compatibleIds].some((id) => sameText(id, filter.deviceId!))) return false;
    if (filter.className !== undefined && !classMatches(view, d.classGuid, filter.className)) return false;
    if (filter.bus !== undefined && !sameText(enumeratorOf(d.instanceId), filter.bus)) return false;
    if (filter.problem !== undefined) {
      const p = d.present ? problemOf(d) : 0;
      if (filter.problem === true ? p === 0 : p !== filter.problem) return false;
    }
    return true;
  });
}

export interface DeviceDetail {
  deviceIds?: boolean;
  services?: boolean;
  stack?: boolean;
  drivers?: boolean;
  bus?: boolean;
}

function stackOf(view: MachineView, device: DeviceRecord): string[] {
  const cls = classByGuid(view, device.classGuid);
  const parent = view.devices.find((d) => device.parent !== undefined && fold(d.instanceId) === fold(device.parent));
  const bus = parent?.service ?? (device.rootEnumerated || /^ROOT\\/i.test(device.instanceId) ? 'PnpManager' : undefined);
  const names = [
    ...(device.upperFilters ?? []),
    ...(cls?.upperFilters ?? []),
    ...(device.service ? [device.service] : []),
    ...(device.lowerFilters ?? []),
    ...(cls?.lowerFilters ?? []),
    ...(bus ? [bus] : []),
  ];
  return names.map((n) => `\\Driver\\${n}`);
}

export function deviceBlock(view: MachineView, d: DeviceRecord, detail: DeviceDetail, nodes?: readonly DriverNode[], interfaces?: readonly DeviceInterface[], base = ''): string {
  const w = 28 + base.length;
  const sub = `${base}    `;
  const cls = classByGuid(view, d.classGuid);
  let out = field('Instance ID', w, d.instanceId, base);
  out += field('Device Description', w, deviceDescription(d) ?? '', base);
  out += field('Class Name', w, cls?.name ?? d.className, base);
  out += field('Class GUID', w, d.classGuid, base);
  if (d.manufacturer) out += field('Manufacturer Name', w, d.manufacturer, base);
  out += field('Status', w, statusWord(d), base);
  const problem = d.present ? problemOf(d) : 0;
  if (problem !== 0) {
    out += field('Problem Code', w, problemText(problem), base);
    if (PROBLEM_STATUS[problem]) out += field('Problem Status', w, PROBLEM_STATUS[problem]!, base);
  }
  if (d.driver) out += field('Driver Name', w, d.driver.publishedName, base);
  if (detail.bus) out += field('Bus Enumerator Name', w, enumeratorOf(d.instanceId), base);
  if (detail.deviceIds) {
    out += field('Hardware IDs', w, d.hardwareIds, base);
    out += field('Compatible IDs', w, d.compatibleIds, base);
  }
  if (detail.services && d.service) out += field('Service Name', w, d.service, base);
  if (detail.stack) out += field('Stack', w, stackOf(view, d), base);
  if (detail.drivers && nodes && nodes.length > 0) {
    out += `${base}Matching Drivers:\n`;
    nodes.forEach((node, i) => {
      const pkg = view.packages.find((p) => sameText(p.publishedName, node.publishedName));
      const nodeClass = classByGuid(view, pkg?.classGuid ?? d.classGuid);
      const status = i === 0 ? (node.installed ? 'Best Ranked / Installed' : 'Best Ranked') : node.installed ? 'Installed' : 'Outranked';
      out += field('Driver Name', w, node.publishedName, sub);
      out += field('Original Name', w, node.originalName, sub);
      out += field('Provider Name', w, node.provider, sub);
      out += field('Class Name', w, nodeClass ? nodeClass.description || nodeClass.name : d.className, sub);
      out += field('Class GUID', w, nodeClass?.guid ?? (pkg?.classGuid ?? d.classGuid).toLowerCase(), sub);
      out += field('Driver Version', w, `${node.date} ${node.version}`, sub);
      out += field('Signer Name', w, node.signer ?? '', sub);
      out += field('Matching Device ID', w, node.matchingId, sub);
      out += field('Driver Rank', w, `0x${(node.rank >>> 0).toString(16).toUpperCase()}`, sub);
      out += field('Driver Status', w, status, sub);
    });
  }
  if (interfaces && interfaces.length > 0) {
    out += `${base}Interfaces:\n`;
    for (const i of interfaces) out += interfaceFields(i, w, sub, false);
  }
  return out + '\n';
}

/** One interface's fields (labels 24 wide in /enum-interfaces; nested under a device, after a 4-space indent). */
export function interfaceFields(i: DeviceInterface, width: number, indent: string, withDevice: boolean): string {
  let out = field('Interface Path', width, i.path, indent);
  out += field('Interface Description', width, 'Unknown', indent);
  out += field('Interface Class GUID', width, i.classGuid, indent);
  if (i.referenceString) out += field('Reference String', width, i.referenceString, indent);
  if (withDevice) out += field('Device Instance ID', width, i.instanceId, indent);
  out += field('Interface Status', width, i.enabled ? 'Enabled' : 'Disabled', indent);
  return out;
}

/** One /enum-interfaces record; with /properties, the interface's device properties follow. */
export function interfaceBlock(i: DeviceInterface, properties: { containerId: string } | undefined): string {
  let block = interfaceFields(i, 24, '', true);
  if (properties) {
    const prop = (key: string, type: string, value: string) => `    ${key} [${type}]:\n        ${value}\n`;
    block += 'Interface Properties:\n';
    block += prop('DEVPKEY_DeviceInterface_Enabled', 'Boolean', i.enabled ? 'TRUE' : 'FALSE');
    block += prop('DEVPKEY_Device_InstanceId', 'String', i.instanceId);
    block += prop('DEVPKEY_DeviceInterface_ClassGuid', 'GUID', i.classGuid);
    if (i.referenceString) block += prop('DEVPKEY_DeviceInterface_ReferenceString', 'String', i.referenceString);
    block += prop('DEVPKEY_Device_ContainerId', 'GUID', properties.containerId);
  }
  return block + '\n';
}

export function classBlock(c: SetupClassRecord, services: boolean): string {
  let out = field('Class Name', 28, c.name);
  out += field('Class Description', 28, c.description);
  out += field('Class GUID', 28, c.guid);
  if (services) {
    out += field('Upper Filters', 28, c.upperFilters ?? []);
    out += field('Lower Filters', 28, c.lowerFilters ?? []);
  }
  return out + '\n';
}

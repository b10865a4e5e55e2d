// pnputil's record layouts: labels left-justified in a 20-column field for
// driver packages, 28 for devices and classes; multi-valued fields continue
// on the next lines at the same indent; a blank line after each block.
import type { DeviceRecord, DriverPackageRecord, SetupClassRecord } from '../target/model.js';
import { deviceState } from '../devcon/format.js';
import type { DriverNode } from '../devcon/nodes.js';
import { classByGuid, compareNames, deviceDescription, enumerationOrder, fold, problemOf, sameText, type MachineView } from '../devcon/view.js';

export function field(label: string, width: number, values: string | readonly string[], indent = ''): string {
  const list = typeof values === 'string' ? [values] : values;
  if (list.length === 0) return '';
  const head = `${indent}${`${label}:`.padEnd(width - indent.length)}`;
  return list.map((v, i) => `${i === 0 ? head : ' '.repeat(width)}${v}\n`).join('');
}

/** Published packages in store order (oem number). */
export function oemInOrder(view: MachineView): DriverPackageRecord[] {
  const num = (p: DriverPackageRecord) => Number(/^oem(\d+)\.inf$/i.exec(p.publishedName)?.[1] ?? Number.MAX_SAFE_INTEGER);
  return view.packages.filter((p) => !p.inbox && /^oem\d+\.inf$/i.test(p.publishedName)).sort((a, b) => num(a) - num(b) || compareNames(a.publishedName, b.publishedName));
}

export function classMatches(view: MachineView, guid: string, filter: string): boolean {
  if (/^\{[0-9a-f-]+\}$/i.test(filter.trim())) return sameText(guid, filter.trim());
  const cls = classByGuid(view, guid);
  return cls !== undefined && sameText(cls.name, filter);
}

export function driverBlock(view: MachineView, p: DriverPackageRecord, files: boolean): string {
  const cls = classByGuid(view, p.classGuid);
  let out = field('Published Name', 20, p.publishedName);
  out += field('Original Name', 20, p.originalName);
  out += field('Provider Name', 20, p.provider);
  out += field('Class Name', 20, cls ? cls.description || cls.name : p.className);
  out += field('Class GUID', 20, cls?.guid ?? p.classGuid.toLowerCase());
  out += field('Driver Version', 20, `${p.driverDate} ${p.driverVersion}`);
  out += field('Signer Name', 20, p.signer ?? '');
  if (files) out += field('Driver Files', 20, p.files.map((f) => `C:\\Windows\\System32\\DriverStore\\FileRepository\\${p.storeFolder}\\${f.path.split('/').join('\\')}`));
  return out + '\n';
}

const PROBLEM_NAMES: Record<number, string> = {
  1: 'CM_PROB_NOT_CONFIGURED',
  10: 'CM_PROB_FAILED_START',
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
  const names = [...(device.upperFilters ?? []), ...(cls?.upperFilters ?? []), ...(device.service ? [device.service] : []), ...(device.lowerFilters ?? []), ...(cls?.lowerFilters ?? []), ...(bus ? [bus] : [])];
  return names.map((n) => `\\Driver\\${n}`);
}

export function deviceBlock(view: MachineView, d: DeviceRecord, detail: DeviceDetail, nodes?: readonly DriverNode[]): string {
  const cls = classByGuid(view, d.classGuid);
  let out = field('Instance ID', 28, d.instanceId);
  out += field('Device Description', 28, deviceDescription(d) ?? '');
  out += field('Class Name', 28, cls?.name ?? d.className);
  out += field('Class GUID', 28, d.classGuid);
  if (d.manufacturer) out += field('Manufacturer Name', 28, d.manufacturer);
  out += field('Status', 28, statusWord(d));
  const problem = d.present ? problemOf(d) : 0;
  if (problem !== 0) {
    out += field('Problem Code', 28, problemText(problem));
    if (PROBLEM_STATUS[problem]) out += field('Problem Status', 28, PROBLEM_STATUS[problem]!);
  }
  if (d.driver) out += field('Driver Name', 28, d.driver.publishedName);
  if (detail.bus) out += field('Bus Enumerator Name', 28, enumeratorOf(d.instanceId));
  if (detail.deviceIds) {
    out += field('Hardware IDs', 28, d.hardwareIds);
    out += field('Compatible IDs', 28, d.compatibleIds);
  }
  if (detail.services && d.service) out += field('Service Name', 28, d.service);
  if (detail.stack) out += field('Stack', 28, stackOf(view, d));
  if (detail.drivers && nodes && nodes.length > 0) {
    out += 'Matching Drivers:\n';
    nodes.forEach((node, i) => {
      const pkg = view.packages.find((p) => sameText(p.publishedName, node.publishedName));
      const nodeClass = classByGuid(view, pkg?.classGuid ?? d.classGuid);
      const status = i === 0 ? (node.installed ? 'Best Ranked / Installed' : 'Best Ranked') : node.installed ? 'Installed' : 'Outranked';
      out += field('Driver Name', 28, node.publishedName, '    ');
      out += field('Original Name', 28, node.originalName, '    ');
      out += field('Provider Name', 28, node.provider, '    ');
      out += field('Class Name', 28, nodeClass ? nodeClass.description || nodeClass.name : d.className, '    ');
      out += field('Class GUID', 28, nodeClass?.guid ?? (pkg?.classGuid ?? d.classGuid).toLowerCase(), '    ');
      out += field('Driver Version', 28, `${node.date} ${node.version}`, '    ');
      out += field('Signer Name', 28, node.signer ?? '', '    ');
      out += field('Matching Device ID', 28, node.matchingId, '    ');
      out += field('Driver Rank', 28, `0x${(node.rank >>> 0).toString(16).toUpperCase()}`, '    ');
      out += field('Driver Status', 28, status, '    ');
    });
  }
  return out + '\n';
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

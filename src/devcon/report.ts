// The read-only device commands (find, findall, status, hwids, stack,
// resources, driverfiles, drivernodes): FindCallback with its FIND_* controls,
// as pure functions from the machine view to text and a JSON record.
import type { DeviceRecord } from '../machine/model.js';
import type { DeviceListing } from '../machine/state-listing.js';
import { deviceLine, deviceState, dumpArray, dumpDevice, dumpName, dumpStatus, findTail, pad } from './format.js';
import { selectDevices } from '../pnp/select.js';
import { classByGuid, deviceDescription, enumerationKey, inEnumerationOrder, isStarted, problemOf, type MachineView } from '../pnp/view.js';
import { legacyAsRunning } from '../pnp/machine.js';
import { DevconExit } from '../exit-codes.js';
import { flatString } from '../flat-string.js';
import { installedNode, type DriverNode } from '../pnp/nodes.js';

export type ReportKind = 'find' | 'findall' | 'status' | 'hwids' | 'stack' | 'resources' | 'driverfiles' | 'drivernodes';

export interface CommandResult {
  code: number;
  /** Text for stdout. */
  out: string;
  /** The same result for --json. */
  json: Record<string, unknown>;
}

export function deviceJson(view: MachineView, device: DeviceRecord): Record<string, unknown> {
  const cls = classByGuid(view, device.classGuid);
  return {
    instanceId: device.instanceId,
    description: deviceDescription(device) ?? null,
    className: cls?.name ?? device.className,
    classGuid: device.classGuid,
    hardwareIds: device.hardwareIds,
    compatibleIds: device.compatibleIds,
    present: device.present,
    status: deviceState(device),
    problem: problemOf(device),
    service: device.service ?? null,
    driver: device.driver?.publishedName ?? null,
  };
}

function dumpHwIds(device: DeviceRecord): string {
  let out = '';
  if (device.hardwareIds.length) out += `${pad(1)}Hardware IDs:\n${dumpArray(2, device.hardwareIds)}`;
  if (device.compatibleIds.length) out += `${pad(1)}Compatible IDs:\n${dumpArray(2, device.compatibleIds)}`;
  return out || `${pad(1)}No hardware/compatible IDs found for this device.\n`;
}

function dumpClass(device: DeviceRecord): string {
  if (!device.className && !device.classGuid) return `${pad(1)}Device is not set up.\n`;
  return `${pad(1)}Setup Class: ${device.classGuid || '{}'} ${device.className || '(?)'}\n`;
}

function dumpStack(view: MachineView, device: DeviceRecord): string {
  const cls = classByGuid(view, device.classGuid);
  let out = '';
  if (cls?.upperFilters?.length) out += `${pad(1)}Upper class filters:\n${dumpArray(2, cls.upperFilters)}`;
  if (device.upperFilters?.length) out += `${pad(1)}Upper filters:\n${dumpArray(2, device.upperFilters)}`;
  out += `${pad(1)}Controlling service:\n${pad(2)}${device.service ? device.service : '(none)'}\n`;
  if (cls?.lowerFilters?.length) out += `${pad(1)}Class lower filters:\n${dumpArray(2, cls.lowerFilters)}`;
  if (device.lowerFilters?.length) out += `${pad(1)}Lower filters:\n${dumpArray(2, device.lowerFilters)}`;
  return out;
}

function dumpResources(device: DeviceRecord): string {
  // CM_Get_DevNode_Status fails for a device that is not present: nothing is printed.
  if (!device.present) return '';
  const started = isStarted(device);
  const resources = device.resources ?? [];
  if (resources.length === 0) return `${pad(1)}${started ? 'Device is not using any resources.' : 'Device has no reserved resources.'}\n`;
  return `${pad(1)}${started ? 'Device is currently using the following resources:' : 'Device has the following reserved resources:'}\n${dumpArray(2, resources)}`;
}

export function infPath(view: MachineView, publishedName: string): string {
  return `${view.windowsDir}\\INF\\${publishedName}`;
}

function dumpDriverFiles(view: MachineView, device: DeviceRecord): string {
  const drv = device.driver;
  if (!drv) return `${pad(1)}No driver information available for the device.\n`;
  const from = `${infPath(view, drv.publishedName)} [${drv.section}]`;
  if (drv.files.length === 0) return `${pad(1)}Driver installed from ${from}. The driver is not using any files.\n`;
  return `${pad(1)}Driver installed from ${from}. ${drv.files.length} file(s) used by driver:\n${dumpArray(2, drv.files)}`;
}

/** Locale short date (en-US, M/d/yyyy) from an INF mm/dd/yyyy date. */
export function shortDate(mmddyyyy: string): string {
  const m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(mmddyyyy.trim());
  if (!m) return mmddyyyy;
  return `${Number(m[1])}/${Number(m[2])}/${m[3]}`;
}

/** SP_DRVINSTALL_PARAMS flags wdksim reports: DNF_INF_IS_SIGNED (0x2000), DNF_AUTHENTICODE_SIGNED (0x20000) for non-Windows signers. */
export function driverNodeFlags(signer: string | undefined): number {
  if (!signer) return 0;
  return signer === 'Microsoft Windows' ? 0x2000 : 0x22000;
}

function dumpDriverNodes(view: MachineView, nodes: readonly DriverNode[]): string {
  if (nodes.length === 0) return `${pad(1)}No driver nodes found for this device.\n`;
  return nodes
    .map((node, i) => {
      const flags = driverNodeFlags(node.signer);
      let out = `Driver node #${i}:\n`;
      out += `${pad(1)}Inf file is ${infPath(view, node.publishedName)}\n`;
      out += `${pad(1)}Inf section is ${node.section}\n`;
      out += `${pad(1)}Driver description is ${node.description}\n`;
      out += `${pad(1)}Manufacturer name is ${node.manufacturer}\n`;
      out += `${pad(1)}Provider name is ${node.provider}\n`;
      out += `${pad(1)}Driver date is ${shortDate(node.date)}\n`;
      out += `${pad(1)}Driver version is ${node.version}\n`;
      out += `${pad(1)}Driver node rank is ${node.rank >>> 0}\n`;
      out += `${pad(1)}Driver node flags are ${flags.toString(16).toUpperCase().padStart(8, '0')}\n`;
      if (flags & 0x2000) out += `${pad(2)}Inf is digitally signed\n`;
      return out;
    })
    .join('');
}

/** The text find, findall and status print for one device. */
export function deviceText(
  kind: 'find' | 'findall' | 'status',
  device: Pick<DeviceRecord, 'instanceId' | 'friendlyName' | 'description' | 'present' | 'disabled' | 'problem'>,
): string {
  return kind === 'status' ? deviceLine(device.instanceId) + dumpName(device) + dumpStatus(device) : dumpDevice(device);
}

/**
 * find/findall/status over `*` from one pass over the devices' listings (`scan`: each
 * device's listing, state-listing.ts, handed to `pick` as it is read, only what it returns
 * kept): at 10,000 devices only each device's text is held, never the collection. The
 * same devices, order and text as runReport.
 */
export function runReportAll(
  kind: 'find' | 'findall' | 'status',
  scan: (pick: (device: DeviceListing) => [string, string] | undefined) => ([string, string] | undefined)[],
  machine?: string,
): CommandResult {
  const blocks = scan((record) => {
    const device = legacyAsRunning(record);
    return kind === 'findall' || device.present ? [enumerationKey(device), flatString(deviceText(kind, device))] : undefined;
  });
  const listed = inEnumerationOrder(blocks.filter((b) => b !== undefined));
  return { code: DevconExit.ok, out: listed.join('') + findTail(listed.length, machine), json: {} };
}

/** find/findall/status/hwids/stack/resources/driverfiles/drivernodes over `<id>...` arguments. */
export function runReport(view: MachineView, kind: ReportKind, args: readonly string[], machine?: string, nodes?: ReadonlyMap<string, DriverNode[]>): CommandResult {
  const selection = selectDevices(view, args, { includePhantoms: kind === 'findall' });
  if (selection.kind === 'usage') return { code: DevconExit.usage, out: '', json: { devices: [] } };
  const nodesOf = (device: DeviceRecord) => nodes?.get(device.instanceId) ?? installedNode(device);
  let out = '';
  for (const device of selection.devices) {
    if (kind === 'find' || kind === 'findall' || kind === 'status') {
      out += deviceText(kind, device);
      continue;
    }
    out += deviceLine(device.instanceId);
    out += dumpName(device);
    if (kind === 'stack') out += dumpClass(device) + dumpStack(view, device);
    if (kind === 'resources') out += dumpResources(device);
    if (kind === 'driverfiles') out += dumpDriverFiles(view, device);
    if (kind === 'hwids') out += dumpHwIds(device);
    if (kind === 'drivernodes') out += dumpDriverNodes(view, nodesOf(device));
  }
  out += findTail(selection.devices.length, machine);
  /** The --json record of a device (made only when printed: `devcon status *` lists 10,000 devices as text). */
  const record = (device: DeviceRecord): Record<string, unknown> => {
    const r = deviceJson(view, device);
    if (kind === 'stack') {
      const cls = classByGuid(view, device.classGuid);
      r.upperClassFilters = cls?.upperFilters ?? [];
      r.lowerClassFilters = cls?.lowerFilters ?? [];
      r.upperFilters = device.upperFilters ?? [];
      r.lowerFilters = device.lowerFilters ?? [];
    }
    if (kind === 'resources') r.resources = device.resources ?? [];
    if (kind === 'driverfiles')
      r.driverFiles = device.driver ? { inf: infPath(view, device.driver.publishedName), section: device.driver.section, files: device.driver.files } : null;
    if (kind === 'drivernodes') r.driverNodes = nodesOf(device).map((n) => ({ ...n, inf: infPath(view, n.publishedName) }));
    return r;
  };
  const devices = selection.devices;
  return {
    code: DevconExit.ok,
    out,
    json: {
      get devices() {
        return devices.map(record);
      },
      count: devices.length,
    },
  };
}

// Device containers (DEVPKEY_Device_ContainerId) on the simulated machine.
// The state has no container IDs, so they are derived as the PnP manager
// assigns them: HTREE\ROOT\0 and every device that is part of the computer
// (root-enumerated, ACPI, PCI, internal buses) belong to the system container
// {00000000-0000-0000-ffff-ffffffffffff}; a removable device (a USB device
// other than a root hub) starts a container of its own that its child
// devnodes inherit. Windows derives that ID from the bus's unique ID (serial
// number); wdksim derives a stable name-based GUID from the instance ID.
// Text, XML and CSV layouts: see docs/devcon-pnputil.md.
import { createHash } from 'node:crypto';
import { compareNames, deviceDescription, fold, problemOf, sameText, type MachineView } from '../pnp/view.js';
import type { DeviceRecord } from '../machine/model.js';
import { field, statusWord } from './format.js';

export const SYSTEM_CONTAINER = '{00000000-0000-0000-ffff-ffffffffffff}';

export interface DeviceContainer {
  containerId: string;
  description: string;
  manufacturer?: string;
  /** Connected when any of its devices is present. */
  connected: boolean;
  /** A present device of the container has a problem code. */
  problem: boolean;
  devices: DeviceRecord[];
}

function isRemovable(d: DeviceRecord): boolean {
  return /^USB\\/i.test(d.instanceId) && !/^USB\\ROOT_HUB/i.test(d.instanceId);
}

/** A name-based (SHA-1, version 5 layout) GUID for a removable device's container. */
export function containerIdFor(instanceId: string): string {
  const h = createHash('sha1')
    .update(`wdksim-container:${fold(instanceId)}`)
    .digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `{${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}}`;
}

/** Container ID of every device, by folded instance ID. */
export function containerIds(view: MachineView): Map<string, string> {
  const byId = new Map(view.devices.map((d) => [fold(d.instanceId), d]));
  const memo = new Map<string, string>();
  const of = (d: DeviceRecord, seen: Set<string>): string => {
    const key = fold(d.instanceId);
    const known = memo.get(key);
    if (known) return known;
    let id = SYSTEM_CONTAINER;
    if (isRemovable(d)) id = containerIdFor(d.instanceId);
    else if (d.parent !== undefined && !seen.has(key)) {
      const parent = byId.get(fold(d.parent));
      if (parent) id = of(parent, new Set([...seen, key]));
    }
    memo.set(key, id);
    return id;
  };
  for (const d of view.devices) of(d, new Set());
  return memo;
}

/** The containers in container ID order, each with its devices in instance ID order. */
export function machineContainers(view: MachineView, computerName: string | undefined): DeviceContainer[] {
  const ids = containerIds(view);
  const groups = new Map<string, DeviceRecord[]>();
  for (const d of [...view.devices].sort((a, b) => compareNames(a.instanceId, b.instanceId))) {
    const id = ids.get(fold(d.instanceId)) ?? SYSTEM_CONTAINER;
    groups.set(id, [...(groups.get(id) ?? []), d]);
  }
  const out: DeviceContainer[] = [];
  for (const [containerId, devices] of groups) {
    const head = containerId === SYSTEM_CONTAINER ? undefined : devices.find(isRemovable);
    const description = head ? (deviceDescription(head) ?? 'Unknown') : (computerName ?? 'Unknown');
    const container: DeviceContainer = {
      containerId,
      description,
      connected: containerId === SYSTEM_CONTAINER || devices.some((d) => d.present),
      problem: devices.some((d) => d.present && problemOf(d) !== 0),
      devices,
    };
    if (head?.manufacturer) container.manufacturer = head.manufacturer;
    out.push(container);
  }
  return out.sort((a, b) => compareNames(a.containerId, b.containerId));
}

export interface ContainerFilter {
  containerId?: string;
  connected?: boolean;
  disconnected?: boolean;
  problem?: boolean;
}

export function filterContainers(all: readonly DeviceContainer[], filter: ContainerFilter): DeviceContainer[] {
  return all.filter((c) => {
    if (filter.containerId !== undefined && !sameText(c.containerId, filter.containerId)) return false;
    if (filter.connected && !c.connected) return false;
    if (filter.disconnected && c.connected) return false;
    if (filter.problem && !c.problem) return false;
    return true;
  });
}

export const NO_CONTAINERS = 'No device containers were found on the system.\n';

export function containerText(containers: readonly DeviceContainer[], devices: boolean): string {
  if (containers.length === 0) return NO_CONTAINERS;
  return containers
    .map((c) => {
      let out = field('Container ID', 28, c.containerId);
      out += field('Description', 28, c.description);
      if (c.manufacturer) out += field('Manufacturer', 28, c.manufacturer);
      out += field('Status', 28, c.connected ? 'Connected' : 'Disconnected');
      if (devices && c.devices.length > 0) {
        out += 'Devices:\n';
        for (const d of c.devices) {
          out += field('Instance ID', 28, d.instanceId, '    ');
          out += field('Device Description', 28, deviceDescription(d) ?? '', '    ');
          out += field('Status', 28, statusWord(d), '    ');
        }
      }
      return out + '\n';
    })
    .join('');
}

export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The XML document pnputil writes with /format xml (4-space indent, a PnpUtil root naming the version and command line). */
export function containerXml(containers: readonly DeviceContainer[], devices: boolean, version: string, command: string): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<PnpUtil Version="${xmlEscape(version)}" Command="${xmlEscape(command)}">`];
  for (const c of containers) {
    lines.push(`    <Container ContainerId="${xmlEscape(c.containerId)}">`);
    lines.push(`        <Description>${xmlEscape(c.description)}</Description>`);
    if (c.manufacturer) lines.push(`        <Manufacturer>${xmlEscape(c.manufacturer)}</Manufacturer>`);
    lines.push(`        <Status>${c.connected ? 'Connected' : 'Disconnected'}</Status>`);
    if (devices && c.devices.length > 0) {
      lines.push('        <Devices>');
      for (const d of c.devices) {
        lines.push(`            <Device InstanceId="${xmlEscape(d.instanceId)}">`);
        lines.push(`                <DeviceDescription>${xmlEscape(deviceDescription(d) ?? '')}</DeviceDescription>`);
        lines.push(`                <Status>${statusWord(d)}</Status>`);
        lines.push('            </Device>');
      }
      lines.push('        </Devices>');
    }
    lines.push('    </Container>');
  }
  lines.push('</PnpUtil>');
  return lines.join('\n') + '\n';
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV (RFC 4180 quoting): one row per container, or with /devices one row per container device. */
export function containerCsv(containers: readonly DeviceContainer[], devices: boolean): string {
  const head = ['ContainerId', 'Description', 'Manufacturer', 'Status', ...(devices ? ['InstanceId', 'DeviceDescription', 'DeviceStatus'] : [])];
  const rows: string[][] = [head];
  for (const c of containers) {
    const base = [c.containerId, c.description, c.manufacturer ?? '', c.connected ? 'Connected' : 'Disconnected'];
    if (!devices) rows.push(base);
    else for (const d of c.devices) rows.push([...base, d.instanceId, deviceDescription(d) ?? '', statusWord(d)]);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

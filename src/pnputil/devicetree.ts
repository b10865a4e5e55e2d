// pnputil /enum-devicetree: the devnode tree from HTREE\ROOT\0 (or from a
// given device), each device as its /enum-devices record, children after
// their parent and indented four more spaces; labels keep their 28-column
// field after the indent. Siblings come in instance ID order.
import { compareNames, fold, sameText, type MachineView } from '../pnp/view.js';
import type { DriverNode } from '../pnp/nodes.js';
import type { DeviceRecord } from '../machine/model.js';
import { deviceBlock, field, statusWord, type DeviceDetail } from './format.js';
import { interfacesOf, type DeviceInterface } from './interfaces.js';

export const TREE_ROOT = 'HTREE\\ROOT\\0';

export interface TreeNode {
  /** undefined for HTREE\ROOT\0, which the state does not record as a device. */
  device?: DeviceRecord;
  instanceId: string;
  children: TreeNode[];
}

/** The tree under rootId (HTREE\ROOT\0 when undefined); undefined when no such device exists. */
export function buildTree(view: MachineView, rootId: string | undefined, connectedOnly: boolean): TreeNode | undefined {
  const known = new Set(view.devices.map((d) => fold(d.instanceId)));
  const children = new Map<string, DeviceRecord[]>();
  for (const d of view.devices) {
    const parent = d.parent !== undefined && known.has(fold(d.parent)) ? fold(d.parent) : fold(TREE_ROOT);
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const grow = (id: string, device: DeviceRecord | undefined, seen: Set<string>): TreeNode => {
    const kids = (children.get(fold(id)) ?? [])
      .filter((d) => (!connectedOnly || d.present) && !seen.has(fold(d.instanceId)))
      .sort((a, b) => compareNames(a.instanceId, b.instanceId));
    const next = new Set([...seen, fold(id)]);
    return { ...(device ? { device } : {}), instanceId: id, children: kids.map((d) => grow(d.instanceId, d, next)) };
  };
  if (rootId === undefined || sameText(rootId, TREE_ROOT)) return grow(TREE_ROOT, undefined, new Set());
  const device = view.devices.find((d) => sameText(d.instanceId, rootId));
  if (!device || (connectedOnly && !device.present)) return undefined;
  return grow(device.instanceId, device, new Set());
}

export function treeDevices(node: TreeNode): DeviceRecord[] {
  return [...(node.device ? [node.device] : []), ...node.children.flatMap(treeDevices)];
}

export function treeText(
  view: MachineView,
  root: TreeNode,
  detail: DeviceDetail,
  nodes: ReadonlyMap<string, readonly DriverNode[]> | undefined,
  interfaces: readonly DeviceInterface[] | undefined,
): string {
  const walk = (node: TreeNode, depth: number): string => {
    const base = ' '.repeat(4 * depth);
    const self = node.device
      ? deviceBlock(view, node.device, detail, nodes?.get(node.device.instanceId), interfaces ? interfacesOf(interfaces, node.device.instanceId) : undefined, base)
      : field('Instance ID', 28 + base.length, node.instanceId, base) + field('Status', 28 + base.length, 'Started', base) + '\n';
    return self + node.children.map((c) => walk(c, depth + 1)).join('');
  };
  return walk(root, 0);
}

export function treeJson(node: TreeNode): Record<string, unknown> {
  return {
    instanceId: node.instanceId,
    description: node.device ? (node.device.friendlyName ?? node.device.description) : null,
    status: node.device ? statusWord(node.device) : 'Started',
    children: node.children.map(treeJson),
  };
}

// Driver nodes of a device (SetupDiBuildDriverInfoList SPDIT_COMPATDRIVER):
// the installed driver, and every driver a third-party package in the store
// offers for the device's IDs on this machine, ranked as the engine ranks them.
import { readRegular } from '../machine/fs/jail.js';
import { parseInf } from '../inf/parse.js';
import type { InfDocument } from '../inf/document.js';
import { STORE_DIR, toWindowsPath } from '../machine/layout.js';
import { findCandidates } from '../machine/match.js';
import type { DeviceRecord, DriverPackageRecord } from '../machine/model.js';
import type { MachineState } from '../machine/schema.js';
import { sameText } from './view.js';

export interface DriverNode {
  publishedName: string;
  originalName: string;
  section: string;
  description: string;
  manufacturer: string;
  provider: string;
  /** mm/dd/yyyy */
  date: string;
  version: string;
  rank: number;
  matchingId: string;
  signer?: string;
  installed: boolean;
}

/** The package's INF as staged in the driver store (DIRIDs 1 and 13 = its store folder), or undefined if unreadable. */
export async function storedInf(root: string, pkg: DriverPackageRecord): Promise<InfDocument | undefined> {
  const file = pkg.files.find((f) => sameText(f.path, pkg.originalName))?.path ?? pkg.originalName;
  try {
    const bytes = await readRegular(root, `${STORE_DIR}/${pkg.storeFolder}/${file}`, 'driver store INF');
    if (!bytes) return undefined;
    const storeWin = toWindowsPath(`${STORE_DIR}/${pkg.storeFolder}`);
    return parseInf(bytes, {
      file: pkg.publishedName,
      dirids: new Map([
        [13, storeWin],
        [1, storeWin],
      ]),
    });
  } catch {
    return undefined;
  }
}

/** Driver nodes per instance ID for the given devices, best rank first. */
export async function driverNodes(root: string, state: MachineState, devices: readonly DeviceRecord[]): Promise<Map<string, DriverNode[]>> {
  const docs = new Map<string, InfDocument | undefined>();
  const packages = state.packages.filter((p) => !p.inbox);
  const result = new Map<string, DriverNode[]>();
  for (const device of devices) {
    const nodes: DriverNode[] = [];
    const drv = device.driver;
    for (const pkg of packages) {
      if (!docs.has(pkg.publishedName)) docs.set(pkg.publishedName, await storedInf(root, pkg));
      const doc = docs.get(pkg.publishedName);
      if (!doc) continue;
      for (const c of findCandidates(doc, state.os, device, pkg.signer !== undefined)) {
        const section = c.installSection ?? c.installBase;
        const installed = drv !== undefined && sameText(drv.publishedName, pkg.publishedName) && sameText(drv.section, section);
        nodes.push({
          publishedName: pkg.publishedName,
          originalName: pkg.originalName,
          section,
          description: c.description,
          manufacturer: c.manufacturer,
          provider: pkg.provider,
          date: c.driverDate,
          version: c.driverVersion,
          rank: c.rank,
          matchingId: c.matchingId,
          ...(pkg.signer ? { signer: pkg.signer } : {}),
          installed,
        });
      }
    }
    if (drv && !nodes.some((n) => n.installed)) nodes.push(...installedNode(device));
    nodes.sort((a, b) => a.rank - b.rank || Number(b.installed) - Number(a.installed));
    result.set(device.instanceId, nodes);
  }
  return result;
}

/** The installed driver as the only node (when the store's INFs are not consulted). */
export function installedNode(device: DeviceRecord): DriverNode[] {
  const drv = device.driver;
  if (!drv) return [];
  return [
    {
      publishedName: drv.publishedName,
      originalName: drv.originalName,
      section: drv.section,
      description: drv.description,
      manufacturer: device.manufacturer ?? drv.provider,
      provider: drv.provider,
      date: drv.driverDate,
      version: drv.driverVersion,
      rank: Number.parseInt(drv.rank, 16) >>> 0,
      matchingId: drv.matchingId,
      ...(drv.signer ? { signer: drv.signer } : {}),
      installed: true,
    },
  ];
}

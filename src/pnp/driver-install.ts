// Installing a driver package on devices, as devcon and pnputil decide it.
// - pnputil `/add-driver /install`: the hardware and compatible IDs the package's Models
//   sections offer on this machine (its architecture and build), narrowed to the IDs a
//   present device has; each is offered to the install engine without force, so a
//   better-ranked driver already on a device keeps it.
// - devcon install/update (UpdateDriverForPlugAndPlayDevices): forced onto the devices
//   with the hardware ID, failing when no present device has it; when `install` fails
//   after creating the root device, the device stays registered without a driver (the
//   DIF_REGISTERDEVICE step had already run), as devcon leaves it.
import { readInfFile } from '../inf/parse.js';
import { selectModelsSections, type TargetOs } from '../inf/decorations.js';
import { readModelsEntry } from '../inf/hwid.js';
import type { Arch } from '../inf/arch.js';
import { WdksimError } from '../errors.js';
import { installDriverOnDevices, installIfPrimitive, type InstallResult } from '../machine/engine.js';
import type { MachineState } from '../machine/schema.js';
import { LazyState } from '../machine/lazy-state.js';
import type { DeviceRecord } from '../machine/model.js';
import type { Target } from '../machine/target.js';
import { LockLostError } from '../machine/lock.js';
import { registerDriverlessDevice } from './apply.js';
import { sameText } from './view.js';

/** The device IDs a driver package offers on a machine, first-seen order, without duplicates. */
export async function offeredIds(infPath: string, os: TargetOs): Promise<string[]> {
  const doc = await readInfFile(infPath);
  const ids: string[] = [];
  for (const choice of selectModelsSections(doc, os)) {
    if (!choice.section) continue;
    const section = doc.section(choice.section);
    if (!section) continue;
    for (const entry of section.entries) {
      const model = readModelsEntry(entry.key, entry.fields);
      for (const id of [model.hardwareId, ...model.compatibleIds]) if (id && !ids.some((x) => x.toLowerCase() === id.toLowerCase())) ids.push(id);
    }
  }
  return ids;
}

export interface PresentDevicesInstall {
  /** Instance IDs the package was installed on, in install order. */
  installedOn: string[];
  rebootRequired: boolean;
  /** How many of the IDs the package offers a present device has (0: "No matching devices are present."). */
  matched: number;
  /** A primitive driver: the DefaultInstall section run from the driver store instead (docs/target.md). */
  primitive?: string;
}

/**
 * Installs a staged package on the present devices it matches. `state` is the machine as
 * it was before the package was staged (the devices present then); each ID is its own
 * transaction, named after the command that asked for it.
 */
export async function installOnPresentDevices(target: Target, state: MachineState, infPath: string, publishedName: string, caller: string): Promise<PresentDevicesInstall> {
  // DiInstallDriver on a primitive driver runs its DefaultInstall; it matches no device.
  const primitive = await target.transaction(caller, (tx) => installIfPrimitive(tx, publishedName));
  if (primitive) return { installedOn: [], rebootRequired: false, matched: 0, primitive: primitive.section };
  const os = { arch: state.os.arch as Arch, major: state.os.major, minor: state.os.minor, build: state.os.build, productType: state.os.productType };
  const ids = await offeredIds(infPath, os);
  const has = (d: DeviceRecord, id: string) => d.present && [...d.hardwareIds, ...d.compatibleIds].some((x) => sameText(x, id));
  // A state over records looks the devices up by ID (its index) instead of loading every device.
  const wanted = state instanceof LazyState ? ids.filter((id) => state.devicesWithId(id).some((d) => has(d, id))) : ids.filter((id) => state.devices.some((d) => has(d, id)));
  const installedOn: string[] = [];
  let rebootRequired = false;
  for (const id of wanted) {
    const res = await target.transaction(caller, (tx) => installDriverOnDevices(tx, { publishedName, hardwareId: id, force: false }));
    for (const d of res.devices) if (!installedOn.includes(d.instanceId)) installedOn.push(d.instanceId);
    rebootRequired ||= res.rebootRequired;
  }
  return { installedOn, rebootRequired, matched: wanted.length };
}

/** SetupDiGetINFClass: the INF's [Version] Class and ClassGuid; undefined when the INF cannot be read or names no class. */
export async function infSetupClass(path: string): Promise<{ name: string; guid: string } | undefined> {
  try {
    const doc = await readInfFile(path);
    const version = doc.section('Version');
    const name = version?.value('Class') ?? '';
    const guid = version?.value('ClassGuid') ?? '';
    return name || guid ? { name, guid } : undefined;
  } catch {
    return undefined;
  }
}

export interface HardwareIdInstall {
  infPath: string;
  hardwareId: string;
  /** devcon install: create the root-enumerated device first. */
  createRootDevice: boolean;
  /** The INF's setup class (infSetupClass), for the device registered when the install fails. */
  setupClass: { name: string; guid: string };
  /** The transaction name: `devcon install` or `devcon update`. */
  caller: string;
}

export type HardwareIdInstallResult =
  | { ok: true; result: InstallResult }
  /** `created`: the instance ID of the device left registered without a driver (createRootDevice only). */
  | { ok: false; error: WdksimError; created?: string };

/** devcon install / update: install the INF on every device with the hardware ID; a failure the engine reports is a result, not a throw. */
export async function installForHardwareId(target: Target, request: HardwareIdInstall): Promise<HardwareIdInstallResult> {
  const { infPath, hardwareId, createRootDevice } = request;
  try {
    const result = await target.transaction(request.caller, async (tx) => {
      // UpdateDriverForPlugAndPlayDevices fails when no present device has the hardware ID
      // (inside the engine, so the log says the import in the same transaction was rolled back).
      return installDriverOnDevices(tx, { infPath, hardwareId, createRootDevice, force: true, requireDevice: true });
    });
    return { ok: true, result };
  } catch (error) {
    // A command that lost its lock stops: nothing more of it may be applied (docs/reliability.md, "The lock").
    if (!(error instanceof WdksimError) || error instanceof LockLostError) throw error;
    if (!createRootDevice) return { ok: false, error };
    const created = await target.transaction(`${request.caller} (DIF_REGISTERDEVICE)`, async (tx) => registerDriverlessDevice(tx, request.setupClass, hardwareId));
    return { ok: false, error, created };
  }
}

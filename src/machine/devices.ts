// Device and package operations beyond install: remove, enable/disable,
// restart, rescan, reboot, delete a package from the store.
import { InstallError, SetupError } from './install-error.js';
import { INF_DIR, STORE_DIR } from './layout.js';
import { Problem, type DeviceRecord } from './model.js';
import type { Transaction } from './target.js';
import { enumKey, softwareKey } from './keys.js';
import { evaluateProblem } from './device-status.js';
import { findPackage, winFileExists } from './install.js';
import { editDevice } from './device-json.js';
import { bootSessionLine } from './setupapi-log.js';
import { windowsPathToComponents } from './paths.js';
import { sha256 } from './state-store.js';

export function findDevice(tx: Transaction, instanceId: string): DeviceRecord {
  const device = tx.state.devices.find((d) => d.instanceId.toUpperCase() === instanceId.toUpperCase());
  if (!device) throw new InstallError(`no device with instance ID ${instanceId} on the target`, SetupError.noSuchDevinst);
  return device;
}

async function reevaluate(tx: Transaction, device: DeviceRecord): Promise<void> {
  editDevice(device).problem = await evaluateProblem(tx.state, tx.registry, device, (w) => winFileExists(tx, w), (w) => fileIntact(tx, w));
}

/** The file at a C:\ path still has the SHA-256 the state recorded for it (true when the state vouches for no such file). */
async function fileIntact(tx: Transaction, win: string): Promise<boolean> {
  let rel: string;
  try {
    rel = windowsPathToComponents(win, 'driver file').join('/').toLowerCase();
  } catch {
    return true;
  }
  const record = tx.state.files.find((f) => f.path.toLowerCase() === rel);
  if (!record) return true;
  const bytes = await tx.readFile(record.path).catch(() => undefined);
  return bytes !== undefined && sha256(bytes) === record.sha256;
}

function dropDriverKeys(tx: Transaction, device: DeviceRecord): void {
  const driver = tx.registry.getValue(enumKey(device.instanceId), 'Driver')?.data;
  if (typeof driver === 'string') tx.registry.deleteKey(softwareKey(driver));
}

/** devcon remove / pnputil /remove-device: the devnode and its keys go; files and the package stay. */
export async function removeDevice(tx: Transaction, instanceId: string): Promise<{ rebootRequired: boolean }> {
  const device = findDevice(tx, instanceId);
  dropDriverKeys(tx, device);
  tx.registry.deleteKey(enumKey(device.instanceId));
  tx.state.devices = tx.state.devices.filter((d) => d !== device);
  tx.log(`Device Remove - ${device.instanceId}`).entry('dvi:', `Removed device ${device.instanceId}.`);
  return { rebootRequired: false };
}

export async function setDeviceEnabled(tx: Transaction, instanceId: string, enabled: boolean): Promise<{ rebootRequired: boolean }> {
  const device = findDevice(tx, instanceId);
  editDevice(device).disabled = !enabled;
  tx.registry.setValue(enumKey(device.instanceId), 'ConfigFlags', { type: 'REG_DWORD', data: enabled ? 0 : 1 });
  await reevaluate(tx, device);
  tx.log(`Device ${enabled ? 'Enable' : 'Disable'} - ${device.instanceId}`).entry('dvi:', `Device ${enabled ? 'enabled' : 'disabled'}; problem ${device.problem}.`);
  return { rebootRequired: false };
}

export async function restartDevice(tx: Transaction, instanceId: string): Promise<{ rebootRequired: boolean }> {
  const device = findDevice(tx, instanceId);
  await reevaluate(tx, device);
  return { rebootRequired: false };
}

/** Re-evaluates every present device (a device that waited for something may start now). */
export async function rescan(tx: Transaction): Promise<{ newDevices: string[] }> {
  for (const device of tx.state.devices) if (device.present) await reevaluate(tx, device);
  return { newDevices: [] };
}

/** Applies pending boot settings (bcdedit changes) and restarts every device. */
export async function rebootTarget(tx: Transaction): Promise<{ applied: string[] }> {
  const boot = tx.state.boot;
  const applied: string[] = [];
  if (boot.pending) {
    for (const [k, v] of Object.entries(boot.pending)) {
      (boot as Record<string, unknown>)[k] = v;
      applied.push(`${k} = ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
    }
    delete boot.pending;
  }
  boot.bootCount += 1;
  tx.logRaw(bootSessionLine(tx.ctx.clock));
  for (const device of tx.state.devices) {
    if (device.rebootRequired !== undefined) delete editDevice(device).rebootRequired;
    if (device.present) await reevaluate(tx, device);
  }
  return { applied };
}

/** pnputil /delete-driver, devcon dp_delete. */
export async function deleteDriverPackage(tx: Transaction, publishedName: string, options: { uninstall?: boolean; force?: boolean } = {}): Promise<{ removedFrom: string[] }> {
  const pkg = findPackage(tx, publishedName);
  if (pkg.inbox) throw new InstallError(`${pkg.publishedName} is an inbox driver package and cannot be deleted`, SetupError.accessDenied);
  const users = tx.state.devices.filter((d) => d.driver?.publishedName.toLowerCase() === pkg.publishedName.toLowerCase());
  const log = tx.log(`Delete Driver Package - ${pkg.publishedName}`);
  if (users.length > 0 && !options.uninstall && !options.force) {
    throw new InstallError(`One or more devices are presently installed using the specified INF (${pkg.publishedName}: ${users.map((d) => d.instanceId).join(', ')}); use /uninstall or force`, SetupError.infInUseByDevices);
  }
  const removedFrom: string[] = [];
  if (options.uninstall) {
    for (const device of users) {
      dropDriverKeys(tx, device);
      const key = enumKey(device.instanceId);
      for (const v of ['Driver', 'Service', 'Mfg']) tx.registry.deleteValue(key, v);
      const edited = editDevice(device);
      delete edited.driver;
      delete edited.service;
      edited.problem = Problem.failedInstall;
      removedFrom.push(device.instanceId);
      log.entry('dvi:', `Uninstalled driver from ${device.instanceId}.`);
    }
  }
  await tx.deleteTree(`${STORE_DIR}/${pkg.storeFolder}`);
  for (const name of [pkg.publishedName, pkg.publishedName.replace(/\.inf$/i, '.cat')]) {
    await tx.deleteFile(`${INF_DIR}/${name}`);
    tx.untrackFile(`${INF_DIR}/${name}`);
  }
  tx.state.packages = tx.state.packages.filter((p) => p !== pkg);
  log.entry('sto:', `Deleted driver package ${pkg.publishedName} (${pkg.storeFolder}).`);
  return { removedFrom };
}

// Device and package operations beyond install: remove, enable/disable,
// restart, rescan, reboot, delete a package from the store.
import { InstallError, SetupError } from './install-error.js';
import { INF_DIR, STORE_DIR, publishedFiles } from './layout.js';
import { Problem, type DeviceRecord } from './model.js';
import type { Transaction } from './target.js';
import { enumKey, eventLogKey, softwareKey } from './keys.js';
import { inboxService } from './inbox-services.js';
import { uninstallPrimitiveDriver } from './default-install.js';
import type { LogSection } from './setupapi-log.js';

const SERVICES = 'HKLM\\SYSTEM\\CurrentControlSet\\Services';
import { evaluateProblem } from './device-status.js';
import { findPackage, winFileExists } from './install.js';
import { editDevice } from './device-json.js';
import { bootSessionLine } from './setupapi-log.js';
import { windowsPathToComponents } from './paths.js';
import { sha256 } from './state-store.js';

export function findDevice(tx: Transaction, instanceId: string): DeviceRecord {
  const device = tx.records ? tx.records.getDevice(instanceId) : tx.state.devices.find((d) => d.instanceId.toUpperCase() === instanceId.toUpperCase());
  if (!device) throw new InstallError(`no device with instance ID ${instanceId} on the target`, SetupError.noSuchDevinst);
  return device;
}

async function reevaluate(tx: Transaction, device: DeviceRecord): Promise<void> {
  editDevice(device).problem = await evaluateProblem(
    tx.state,
    tx.registry,
    device,
    (w) => winFileExists(tx, w),
    (w) => fileIntact(tx, w),
  );
}

/** The file at a C:\ path still has the SHA-256 the state recorded for it (true when the state vouches for no such file). */
async function fileIntact(tx: Transaction, win: string): Promise<boolean> {
  let rel: string;
  try {
    rel = windowsPathToComponents(win, 'driver file').join('/').toLowerCase();
  } catch {
    return true;
  }
  const record = tx.records ? tx.records.getFile(rel) : tx.state.files.find((f) => f.path.toLowerCase() === rel);
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
export async function deleteDriverPackage(
  tx: Transaction,
  publishedName: string,
  options: { uninstall?: boolean; force?: boolean } = {},
): Promise<{ removedFrom: string[]; primitiveUninstalled?: string }> {
  const pkg = findPackage(tx, publishedName);
  if (pkg.inbox) throw new InstallError(`${pkg.publishedName} is an inbox driver package and cannot be deleted`, SetupError.accessDenied);
  const users = tx.state.devices.filter((d) => d.driver?.publishedName.toLowerCase() === pkg.publishedName.toLowerCase());
  const log = tx.log(`Delete Driver Package - ${pkg.publishedName}`);
  if (users.length > 0 && !options.uninstall && !options.force) {
    log.entry('sto:', `Driver package ${pkg.publishedName} is in use by ${users.length} device(s); not deleted.`, 'error');
    throw new InstallError(
      `One or more devices are presently installed using the specified INF (${pkg.publishedName}: ${users.map((d) => d.instanceId).join(', ')}); use /uninstall or force`,
      SetupError.infInUseByDevices,
    );
  }
  const removedFrom: string[] = [];
  let primitiveUninstalled: string | undefined;
  // Files the package's device installs placed outside the driver store.
  const copied = options.uninstall ? users.flatMap((d) => d.driver?.files ?? []).filter((f) => !/\\DriverStore\\FileRepository\\/i.test(f)) : [];
  if (options.uninstall) {
    for (const device of users) {
      dropDriverKeys(tx, device);
      const key = enumKey(device.instanceId);
      // The null driver replaces it: the old driver's service and the filters its .HW set go too.
      for (const v of ['Driver', 'Service', 'Mfg', 'UpperFilters', 'LowerFilters']) tx.registry.deleteValue(key, v);
      const edited = editDevice(device);
      delete edited.driver;
      delete edited.service;
      delete edited.upperFilters;
      delete edited.lowerFilters;
      edited.problem = Problem.failedInstall;
      tx.registry.setValue(key, 'ConfigFlags', { type: 'REG_DWORD', data: 0x40 }); // CONFIGFLAG_FAILEDINSTALL
      removedFrom.push(device.instanceId);
      log.entry('dvi:', `Uninstalled driver from ${device.instanceId}.`);
    }
  }
  if (pkg.primitive) {
    if (!options.uninstall && !options.force) log.entry('sto:', `Primitive driver ${pkg.publishedName} is installed; not deleted.`, 'error');
    if (!options.uninstall && !options.force)
      throw new InstallError(
        `${pkg.publishedName} is an installed primitive driver; use /uninstall to remove what its [${pkg.primitive.section}] installed, or /force`,
        SetupError.infInUseByDevices,
      );
    if (options.uninstall) {
      primitiveUninstalled = pkg.primitive.section;
      await uninstallPrimitiveDriver(tx, pkg);
    }
  }
  await tx.deleteTree(`${STORE_DIR}/${pkg.storeFolder}`);
  const published = publishedFiles(pkg.publishedName);
  // Older targets kept the catalog beside the INF (Windows\INF\oemN.cat).
  for (const file of [published.inf, published.pnf, published.cat, `${INF_DIR}/${pkg.publishedName.replace(/\.inf$/i, '.cat')}`]) {
    await tx.deleteFile(file);
    tx.untrackFile(file);
  }
  tx.state.packages = tx.state.packages.filter((p) => p.publishedName.toLowerCase() !== pkg.publishedName.toLowerCase());
  removeOwnedServices(tx, pkg.publishedName, log);
  await removeUnusedFiles(tx, copied, log);
  log.entry('sto:', `Deleted driver package ${pkg.publishedName} (${pkg.storeFolder}).`);
  return { removedFrom, ...(primitiveUninstalled ? { primitiveUninstalled } : {}) };
}

/**
 * A service's Owners value lists the driver store packages that installed it;
 * the package leaves the list and the last one out deletes the service (and
 * its event-log source), unless a device still uses it or it is inbox.
 */
function removeOwnedServices(tx: Transaction, publishedName: string, log: LogSection): void {
  const reg = tx.registry;
  const inUse = new Set(
    tx.state.devices
      .flatMap((d) => [d.service, ...(d.upperFilters ?? []), ...(d.lowerFilters ?? [])])
      .filter((s): s is string => !!s)
      .map((s) => s.toLowerCase()),
  );
  for (const cls of tx.state.classes) for (const f of [...(cls.upperFilters ?? []), ...(cls.lowerFilters ?? [])]) inUse.add(f.toLowerCase());
  for (const key of reg.subkeys(SERVICES)) {
    const owners = reg.getValue(key, 'Owners')?.data;
    if (!Array.isArray(owners) || !owners.some((o) => o.toLowerCase() === publishedName.toLowerCase())) continue;
    const rest = owners.filter((o) => o.toLowerCase() !== publishedName.toLowerCase());
    const name = key.slice(key.lastIndexOf('\\') + 1);
    if (rest.length) {
      reg.setValue(key, 'Owners', { type: 'REG_MULTI_SZ', data: rest });
    } else if (inboxService(name) || inUse.has(name.toLowerCase())) {
      reg.deleteValue(key, 'Owners');
    } else {
      reg.deleteKey(key);
      for (const logType of ['System', 'Application', 'Security']) reg.deleteKey(eventLogKey(logType, name));
      log.entry('dvi:', `Deleted service ${name} (no driver package owns it any more).`);
    }
  }
}

/** Files the uninstalled devices' drivers copied out of the store that no other device's driver uses. */
async function removeUnusedFiles(tx: Transaction, files: readonly string[], log: LogSection): Promise<void> {
  const used = new Set(tx.state.devices.flatMap((d) => d.driver?.files ?? []).map((f) => f.toLowerCase()));
  for (const win of new Set(files)) {
    if (used.has(win.toLowerCase()) || !/^C:\\/i.test(win)) continue;
    const rel = win.slice(3).split('\\').join('/');
    await tx.deleteFile(rel);
    tx.untrackFile(rel);
    log.entry('flq:', `Deleting '${win}'.`);
  }
}

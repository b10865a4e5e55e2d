// Whether a device's driver would start, from what the install left behind
// (docs/target.md "Signature policy" and "Problem codes"):
//   disabled → 22; a kernel-mode function driver from a test-signed package on
//   amd64/arm64 without test signing (at the current boot) → 52; KMDF library
//   version newer than the OS's → 39 (the framework loader refuses to bind, as
//   setupapi logs "Device has problem: 0x27: CM_PROB_DRIVER_FAILED_LOAD");
//   service binary missing → 39; a filter (device or class) or the function
//   service not installed → 19 (CM_PROB_REGISTRY); otherwise started (0).
import { LazyState } from './lazy-state.js';
import { compareFrameworkVersion } from './os.js';
import { Problem, type DeviceRecord } from './model.js';
import type { Registry } from './registry.js';
import type { MachineState } from './schema.js';
import { classKey, serviceKey } from './keys.js';
import { serviceInstalled } from './inbox-services.js';

/**
 * The filter services the device's stack loads (device and class, upper and
 * lower) that are not installed: Windows cannot build the stack and reports
 * CM_PROB_REGISTRY (Code 19).
 */
export function missingFilters(state: MachineState, registry: Registry, device: DeviceRecord): string[] {
  const cls = state.classes.find((c) => c.guid.toLowerCase() === device.classGuid.toLowerCase());
  const fromClass = (value: string, fallback: readonly string[] | undefined) => {
    const data = registry.getValue(classKey(device.classGuid), value)?.data;
    return Array.isArray(data) ? data : (fallback ?? []);
  };
  const names = [...(device.upperFilters ?? []), ...(device.lowerFilters ?? []), ...fromClass('UpperFilters', cls?.upperFilters), ...fromClass('LowerFilters', cls?.lowerFilters)];
  return names.filter((n) => n !== '' && !serviceInstalled(registry, n));
}

export const PROBLEM_DRIVER_FAILED_LOAD = Problem.driverFailedLoadCode39;

/** ImagePath (\SystemRoot\..., System32\..., C:\...) → C:\ Windows path. */
export function imagePathToWindows(imagePath: string): string {
  let p = imagePath.trim().replace(/^"|"$/g, '');
  if (/^\\SystemRoot\\/i.test(p)) p = `C:\\Windows\\${p.slice('\\SystemRoot\\'.length)}`;
  else if (/^%SystemRoot%\\/i.test(p)) p = `C:\\Windows\\${p.slice('%SystemRoot%\\'.length)}`;
  else if (/^\\\?\?\\/.test(p)) p = p.slice(4);
  else if (/^system32\\/i.test(p)) p = `C:\\Windows\\${p}`;
  return p;
}

/**
 * `fileIntact`, when given, tells whether a driver file still has the bytes the
 * install vouched for: a file changed since (an overwritten driver) fails the
 * signature check when the driver loads, as Windows' code integrity does: 52.
 */
export async function evaluateProblem(
  state: MachineState,
  registry: Registry,
  device: DeviceRecord,
  fileExists: (winPath: string) => Promise<boolean>,
  fileIntact?: (winPath: string) => Promise<boolean>,
): Promise<number> {
  if (device.disabled) return Problem.disabled;
  if (!device.driver) return device.problem === Problem.none ? Problem.notConfigured : device.problem;
  if (device.problem === Problem.failedInstall) return Problem.failedInstall;
  if (missingFilters(state, registry, device).length) return Problem.registry;
  if (device.service && !serviceInstalled(registry, device.service)) return Problem.registry;
  if (!device.service) return Problem.none; // NULL driver (AddService = ,2) or raw device
  const key = serviceKey(device.service);
  const type = registry.getValue(key, 'Type')?.data;
  const imagePath = registry.getValue(key, 'ImagePath')?.data;
  const kernel = typeof type === 'number' && (type & 0x3) !== 0;
  if (typeof imagePath === 'string' && imagePath !== '') {
    const win = imagePathToWindows(imagePath);
    // Inbox binaries (WUDFRd.sys, WinUSB.sys...) are not simulated as files; the package's own are.
    const pkg =
      state instanceof LazyState
        ? state.getPackage(device.driver.publishedName)
        : state.packages.find((p) => p.publishedName.toLowerCase() === device.driver!.publishedName.toLowerCase());
    const fromPackage = (pkg === undefined || !pkg.inbox) && device.driver.files.some((f) => f.toLowerCase() === win.toLowerCase());
    if (fromPackage && !(await fileExists(win))) return PROBLEM_DRIVER_FAILED_LOAD;
    if (fromPackage && fileIntact && !(await fileIntact(win))) return Problem.unsignedDriver;
    const testSigned = pkg !== undefined && !pkg.inbox && (pkg.testSigned ?? pkg.signer !== undefined);
    if (kernel && fromPackage && testSigned && state.os.arch !== 'x86' && !state.boot.testsigning) return Problem.unsignedDriver;
  }
  const kmdf = registry.getValue(`${key}\\Parameters\\Wdf`, 'KmdfLibraryVersion')?.data;
  if (typeof kmdf === 'string' && compareFrameworkVersion(kmdf, state.os.kmdf) > 0) return PROBLEM_DRIVER_FAILED_LOAD;
  return Problem.none;
}

// The bridge from the target's state to the view devcon and pnputil read.
import type { DeviceRecord } from '../machine/model.js';
import type { MachineState } from '../machine/schema.js';
import { Registry } from '../machine/registry.js';
import { fold, isAscii, type MachineView } from './view.js';
import { LazyState } from '../machine/lazy-state.js';
import { INBOX_SERVICES } from '../machine/inbox-services.js';

const SERVICES = 'HKLM\\SYSTEM\\CurrentControlSet\\Services';

export function installedServices(state: MachineState): string[] {
  const names = new Map<string, string>();
  const add = (n: string | undefined) => {
    if (n && !names.has(n.toLowerCase())) names.set(n.toLowerCase(), n);
  };
  INBOX_SERVICES.forEach((s) => add(s.name));
  const reg = new Registry(state.registry);
  for (const key of reg.subkeys(SERVICES)) add(key.slice(key.lastIndexOf('\\') + 1));
  for (const d of state.devices) add(d.service);
  return [...names.values()];
}

/**
 * Non-Plug and Play (LegacyDriver class) devices never have a driver node: their
 * service runs them. The engine's problem evaluation reports such a device as
 * not configured (01) after a reboot or rescan; devcon and pnputil show it as
 * Windows does, running.
 */
export function legacyAsRunning<D extends Pick<DeviceRecord, 'className' | 'service' | 'disabled' | 'problem'> & { readonly driver?: unknown }>(device: D): D {
  if (device.className.toLowerCase() === 'legacydriver' && !device.driver && device.service && !device.disabled && device.problem === 1) return { ...device, problem: 0 };
  return device;
}

/** The view; its packages and services are read when first asked for (a state over records loads a collection then). */
export function viewOf(state: MachineState): MachineView {
  let devices: DeviceRecord[] | undefined;
  let services: string[] | undefined;
  return {
    get devices() {
      return (devices ??= state.devices.map(legacyAsRunning));
    },
    classes: state.classes,
    get packages() {
      return state.packages;
    },
    get services() {
      return (services ??= installedServices(state));
    },
    windowsDir: 'C:\\Windows',
    deviceById(instanceId) {
      // Records are keyed by the upper-cased ID: exact for an ASCII ID (fold's case rule); any other is searched.
      if (state instanceof LazyState && isAscii(instanceId) && devices === undefined) {
        const device = state.getDevice(instanceId);
        return device && legacyAsRunning(device);
      }
      return this.devices.find((d) => fold(d.instanceId) === fold(instanceId));
    },
  };
}

// The services a fresh Windows installation has in its registry
// (HKLM\SYSTEM\CurrentControlSet\Services): the drivers the inbox devices
// use, the class filters, and the inbox drivers real third-party INFs name
// through Include/Needs (WUDFRd, WinUsb, mf, usbccgp...) or as filters.
// Values are those of a Windows 11 23H2 machine (Type, Start, ErrorControl,
// ImagePath, Group). An install never owns them: they have no Owners value
// and stay when a package that used them is removed (docs/target.md).
import type { Registry } from './registry.js';
import { serviceKey } from './keys.js';

export interface InboxService {
  name: string;
  /** SERVICE_KERNEL_DRIVER 1, SERVICE_FILE_SYSTEM_DRIVER 2, SERVICE_WIN32_OWN_PROCESS 0x10, SHARE 0x20. */
  type: number;
  start: number;
  errorControl?: number;
  imagePath: string;
  group?: string;
}

const k = (name: string, image: string, start = 3, group?: string): InboxService => ({
  name,
  type: 1,
  start,
  imagePath: `\\SystemRoot\\System32\\drivers\\${image}`,
  ...(group ? { group } : {}),
});

/** Sorted by name as regedit lists them. */
export const INBOX_SERVICES: readonly InboxService[] = [
  k('ACPI', 'ACPI.sys', 0, 'Core'),
  k('BasicDisplay', 'BasicDisplay.sys', 1, 'Video'),
  k('BasicRender', 'BasicRender.sys', 1, 'Video'),
  { name: 'Beep', type: 1, start: 1, imagePath: '\\SystemRoot\\System32\\drivers\\beep.sys', group: 'Base' },
  k('cdrom', 'cdrom.sys', 1, 'SCSI CDROM Class'),
  k('CompositeBus', 'CompositeBus.sys', 3, 'Extended Base'),
  k('disk', 'disk.sys', 0, 'SCSI Class'),
  k('e1dexpress', 'e1d.sys', 3, 'NDIS'),
  { name: 'FltMgr', type: 2, start: 0, imagePath: '\\SystemRoot\\System32\\drivers\\fltmgr.sys', group: 'FSFilter Infrastructure' },
  k('HidUsb', 'hidusb.sys', 3),
  k('i8042prt', 'i8042prt.sys', 3, 'Keyboard Port'),
  k('IndirectKmd', 'IndirectKmd.sys', 3),
  k('intelppm', 'intelppm.sys', 3),
  k('iorate', 'iorate.sys', 0),
  k('kbdclass', 'kbdclass.sys', 3, 'Keyboard Class'),
  k('kbdhid', 'kbdhid.sys', 3, 'Keyboard Port'),
  k('mf', 'mf.sys', 3, 'Extended Base'),
  k('mouclass', 'mouclass.sys', 3, 'Pointer Class'),
  k('mouhid', 'mouhid.sys', 3, 'Pointer Port'),
  k('msisadrv', 'msisadrv.sys', 0, 'Boot Bus Extender'),
  k('mshidumdf', 'mshidumdf.sys', 3, 'Extended Base'),
  k('NdisVirtualBus', 'NdisVirtualBus.sys', 3),
  k('NdisWan', 'ndiswan.sys', 3, 'NDIS'),
  k('NetAdapterCx', 'NetAdapterCx.sys', 3),
  k('partmgr', 'partmgr.sys', 0, 'System Bus Extender'),
  k('pci', 'pci.sys', 0, 'Boot Bus Extender'),
  k('rdpbus', 'rdpbus.sys', 3),
  k('serenum', 'serenum.sys', 3, 'PNP Filter'),
  k('Serial', 'serial.sys', 3, 'Extended base'),
  k('storahci', 'storahci.sys', 0, 'SCSI Miniport'),
  k('swenum', 'swenum.sys', 3, 'Base'),
  k('umbus', 'umbus.sys', 3, 'Base'),
  k('usbccgp', 'usbccgp.sys', 3, 'Base'),
  k('USBHUB3', 'UsbHub3.sys', 3, 'Base'),
  k('USBSTOR', 'USBSTOR.SYS', 3),
  k('USBXHCI', 'USBXHCI.SYS', 3, 'Base'),
  k('vdrvroot', 'vdrvroot.sys', 0, 'Boot Bus Extender'),
  k('volmgr', 'volmgr.sys', 0, 'System Bus Extender'),
  k('volsnap', 'volsnap.sys', 0, 'Filter'),
  k('volume', 'volume.sys', 3),
  k('vwifimp', 'vwifimp.sys', 3, 'NDIS'),
  { name: 'Wdf01000', type: 1, start: 0, imagePath: 'system32\\drivers\\Wdf01000.sys', group: 'WdfLoadGroup' },
  k('WinUsb', 'WinUsb.sys', 3),
  k('WUDFRd', 'WUDFRd.sys', 3),
  k('WudfPf', 'WudfPf.sys', 3),
];

const BY_NAME = new Map(INBOX_SERVICES.map((s) => [s.name.toLowerCase(), s]));

export function inboxService(name: string): InboxService | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Writes the inbox services' keys (provisioning). */
export function writeInboxServices(reg: Registry): void {
  for (const s of INBOX_SERVICES) {
    const key = serviceKey(s.name);
    reg.setValue(key, 'Type', { type: 'REG_DWORD', data: s.type });
    reg.setValue(key, 'Start', { type: 'REG_DWORD', data: s.start });
    reg.setValue(key, 'ErrorControl', { type: 'REG_DWORD', data: s.errorControl ?? 1 });
    reg.setValue(key, 'ImagePath', { type: 'REG_EXPAND_SZ', data: s.imagePath });
    if (s.group) reg.setValue(key, 'Group', { type: 'REG_SZ', data: s.group });
  }
}

/**
 * Whether a service is installed: its key exists. A target made before the
 * inbox services were written to the registry counts them as installed too.
 */
export function serviceInstalled(reg: Pick<Registry, 'getValue'>, name: string): boolean {
  const key = serviceKey(name);
  if (reg.getValue(key, 'Type') !== undefined || reg.getValue(key, 'ImagePath') !== undefined) return true;
  return inboxService(name) !== undefined && !inboxInRegistry(reg);
}

/** A target provisioned with the inbox services has the `ACPI` service key. */
function inboxInRegistry(reg: Pick<Registry, 'getValue'>): boolean {
  return reg.getValue(serviceKey('ACPI'), 'Type') !== undefined;
}

// What a freshly installed Windows machine already holds: the standard setup
// classes, a desktop PC's root, ACPI, PCI, USB and storage devices with the IDs
// Windows gives them, and the inbox driver packages that drive them. `target
// init` seeds the simulated machine from these so `devcon find *`, `classes`,
// `stack` and `pnputil /enum-devices` look like a real machine.
import { SETUP_CLASSES } from '../inf/classes.js';
import type { DeviceRecord, MutableDeviceRecord, DriverBinding, DriverPackageRecord, SetupClassRecord } from './model.js';

/** The standard setup classes a fresh machine has (src/inf/classes.ts, descriptions as Windows 10/11 shows them). */
const CLASSES: readonly SetupClassRecord[] = SETUP_CLASSES.filter((c) => c.inbox !== false).map(({ guid, name, description, ...filters }) => {
  const { docName: _doc, inbox: _inbox, microsoft: _ms, ...rest } = filters;
  return { guid, name, description: description ?? name, ...rest };
});

export function inboxClasses(): SetupClassRecord[] {
  return CLASSES.map((c) => structuredClone(c));
}

/** GUID of a standard class by name (case-insensitive). */
export function classGuid(name: string): string {
  const found = CLASSES.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`no inbox class ${name}`);
  return found.guid;
}

interface InboxInf {
  name: string;
  className: string;
  /** Driver files, relative to System32\drivers (or System32 when prefixed with ..\). */
  files: string[];
}

/** The inbox INFs the seeded devices use (all provided by Microsoft, signed by Windows). */
const INFS: readonly InboxInf[] = [
  { name: 'acpi.inf', className: 'System', files: ['acpi.sys'] },
  { name: 'basicdisplay.inf', className: 'Display', files: ['BasicDisplay.sys'] },
  { name: 'basicrender.inf', className: 'System', files: ['BasicRender.sys'] },
  { name: 'cdrom.inf', className: 'CDROM', files: ['cdrom.sys'] },
  { name: 'compositebus.inf', className: 'System', files: ['CompositeBus.sys'] },
  { name: 'cpu.inf', className: 'Processor', files: ['intelppm.sys'] },
  { name: 'disk.inf', className: 'DiskDrive', files: ['disk.sys', 'partmgr.sys'] },
  { name: 'e1d.inf', className: 'Net', files: ['e1d.sys'] },
  { name: 'hal.inf', className: 'Computer', files: [] },
  { name: 'input.inf', className: 'HIDClass', files: ['hidusb.sys', 'hidclass.sys', 'hidparse.sys'] },
  { name: 'keyboard.inf', className: 'Keyboard', files: ['i8042prt.sys', 'kbdclass.sys'] },
  { name: 'machine.inf', className: 'System', files: ['pci.sys'] },
  { name: 'mshdc.inf', className: 'hdc', files: ['storahci.sys'] },
  { name: 'msmouse.inf', className: 'Mouse', files: ['i8042prt.sys', 'mouclass.sys', 'mouhid.sys'] },
  { name: 'msports.inf', className: 'Ports', files: ['serial.sys', 'serenum.sys'] },
  { name: 'ndisvirtualbus.inf', className: 'System', files: ['NdisVirtualBus.sys'] },
  { name: 'netrasa.inf', className: 'Net', files: ['ndiswan.sys'] },
  { name: 'rdpbus.inf', className: 'System', files: ['rdpbus.sys'] },
  { name: 'swenum.inf', className: 'System', files: ['swenum.sys'] },
  { name: 'umbus.inf', className: 'System', files: ['umbus.sys'] },
  { name: 'usbhub3.inf', className: 'USB', files: ['UsbHub3.sys'] },
  { name: 'usbstor.inf', className: 'USB', files: ['USBSTOR.SYS'] },
  { name: 'usbxhci.inf', className: 'USB', files: ['USBXHCI.SYS', 'ucx01000.sys'] },
  { name: 'vdrvroot.inf', className: 'System', files: ['vdrvroot.sys'] },
  { name: 'volume.inf', className: 'Volume', files: ['volume.sys'] },
];

/** A stable 16-hex-digit store suffix per inbox INF (the real one is a hash of the package). */
function storeSuffix(name: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const ch of name) {
    h1 = Math.imul(h1 ^ ch.charCodeAt(0), 16777619) >>> 0;
    h2 = Math.imul(h2 ^ ch.charCodeAt(0), 2246822519) >>> 0;
  }
  return (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).slice(0, 16);
}

export interface InboxOptions {
  /** Architecture of the machine (store folder names and driver versions). */
  arch?: string;
  /** OS build: inbox drivers carry DriverVer 06/21/2006,10.0.<build>.1. */
  build?: number;
}

const INBOX_DATE = '06/21/2006';
const SIGNER = 'Microsoft Windows';

export function inboxPackages(options: InboxOptions = {}): DriverPackageRecord[] {
  const arch = options.arch ?? 'amd64';
  const version = `10.0.${options.build ?? 22621}.1`;
  return INFS.map((inf) => ({
    publishedName: inf.name,
    originalName: inf.name,
    storeFolder: `${inf.name}_${arch}_${storeSuffix(inf.name)}`,
    provider: 'Microsoft',
    className: inf.className,
    classGuid: classGuid(inf.className),
    driverDate: INBOX_DATE,
    driverVersion: version,
    signer: SIGNER,
    arch,
    files: [],
    inbox: true,
  }));
}

interface Seed {
  id: string;
  desc: string;
  cls: string;
  hw?: string[];
  compat?: string[];
  service?: string;
  inf?: string;
  section?: string;
  parent?: string;
  friendly?: string;
  mfg?: string;
  resources?: string[];
  present?: boolean;
  lowerFilters?: string[];
  upperFilters?: string[];
}

const PCI_ROOT = 'ACPI\\PNP0A08\\0';
const ACPI_ROOT = 'ACPI_HAL\\PNP0C08\\0';
const XHCI = 'PCI\\VEN_8086&DEV_A36D&SUBSYS_86941043&REV_10\\3&11583659&0&A0';
const ROOT_HUB = 'USB\\ROOT_HUB30\\4&2AD2F5A8&0&0';
const AHCI = 'PCI\\VEN_8086&DEV_A352&SUBSYS_86941043&REV_10\\3&11583659&0&B8';
const LPC = 'PCI\\VEN_8086&DEV_A305&SUBSYS_86941043&REV_10\\3&11583659&0&F8';
const USB_HID = 'USB\\VID_046D&PID_C077\\5&3A8B2F0&0&2';
const SSD = 'SCSI\\DISK&VEN_SAMSUNG&PROD_SSD_860_EVO_500G\\4&2F4B3F1&0&000000';
const CPU_NAME = 'Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz';
const CPU_ID = 'ACPI\\GENUINEINTEL_-_INTEL64_FAMILY_6_MODEL_158_-_INTEL(R)_CORE(TM)_I7-8700_CPU_@_3.20GHZ';

function pciIds(ven: string, dev: string, subsys: string, rev: string, cc: string): { hw: string[]; compat: string[] } {
  const base = `PCI\\VEN_${ven}&DEV_${dev}`;
  return {
    hw: [`${base}&SUBSYS_${subsys}&REV_${rev}`, `${base}&SUBSYS_${subsys}`, `${base}&CC_${cc}`, `${base}&CC_${cc.slice(0, 4)}`],
    compat: [`${base}&REV_${rev}`, base, `PCI\\VEN_${ven}&CC_${cc}`, `PCI\\VEN_${ven}&CC_${cc.slice(0, 4)}`, `PCI\\VEN_${ven}`, `PCI\\CC_${cc}`, `PCI\\CC_${cc.slice(0, 4)}`],
  };
}

function cpuIds(): { hw: string[]; compat: string[] } {
  const p = 'GenuineIntel_-_Intel64_Family_6_Model_158';
  return {
    hw: [
      `ACPI\\${p}_-_${CPU_NAME}`,
      `*${p}_-_${CPU_NAME}`,
      `ACPI\\${p}`,
      `*${p}`,
      'ACPI\\GenuineIntel_-_Intel64_Family_6',
      '*GenuineIntel_-_Intel64_Family_6',
      'ACPI\\GenuineIntel_-_Intel64',
      '*GenuineIntel_-_Intel64',
    ],
    compat: [],
  };
}

const SEEDS: readonly Seed[] = [
  {
    id: 'ACPI\\PNP0303\\4&1D401FB5&0',
    desc: 'Standard PS/2 Keyboard',
    cls: 'Keyboard',
    hw: ['ACPI\\VEN_PNP&DEV_0303', 'ACPI\\PNP0303', '*PNP0303'],
    compat: ['*PNP030B'],
    service: 'i8042prt',
    inf: 'keyboard.inf',
    section: 'STANDARD_Inst',
    parent: LPC,
    mfg: '(Standard keyboards)',
    resources: ['IO  : 0060-0060', 'IO  : 0064-0064', 'IRQ : 1'],
  },
  {
    id: 'ACPI\\PNP0501\\1',
    desc: 'Communications Port',
    friendly: 'Communications Port (COM1)',
    cls: 'Ports',
    hw: ['ACPI\\VEN_PNP&DEV_0501', 'ACPI\\PNP0501', '*PNP0501'],
    service: 'Serial',
    inf: 'msports.inf',
    section: 'ComPort',
    parent: LPC,
    mfg: '(Standard port types)',
    resources: ['IO  : 03f8-03ff', 'IRQ : 4'],
  },
  {
    id: PCI_ROOT,
    desc: 'PCI Express Root Complex',
    cls: 'System',
    hw: ['ACPI\\VEN_PNP&DEV_0A08', 'ACPI\\PNP0A08', '*PNP0A08'],
    compat: ['ACPI\\PNP0A03', '*PNP0A03'],
    service: 'pci',
    inf: 'machine.inf',
    section: 'PCI_DRV_ROOT',
    parent: ACPI_ROOT,
    mfg: '(Standard system devices)',
    resources: ['IO  : 0000-0cf7', 'IO  : 0d00-ffff', 'MEM : 000a0000-000bffff'],
  },
  {
    id: 'ACPI\\PNP0B00\\4&1D401FB5&0',
    desc: 'System CMOS/real time clock',
    cls: 'System',
    hw: ['ACPI\\VEN_PNP&DEV_0B00', 'ACPI\\PNP0B00', '*PNP0B00'],
    inf: 'machine.inf',
    section: 'NO_DRV',
    parent: LPC,
    mfg: '(Standard system devices)',
    resources: ['IO  : 0070-0077', 'IRQ : 8'],
  },
  {
    id: 'ACPI\\PNP0C0C\\2&DABA3FF&1',
    desc: 'ACPI Power Button',
    cls: 'System',
    hw: ['ACPI\\VEN_PNP&DEV_0C0C', 'ACPI\\PNP0C0C', '*PNP0C0C'],
    inf: 'machine.inf',
    section: 'NO_DRV',
    parent: ACPI_ROOT,
    mfg: '(Standard system devices)',
  },
  {
    id: 'ACPI\\PNP0F13\\4&1D401FB5&0',
    desc: 'PS/2 Compatible Mouse',
    cls: 'Mouse',
    hw: ['ACPI\\VEN_PNP&DEV_0F13', 'ACPI\\PNP0F13', '*PNP0F13'],
    service: 'i8042prt',
    inf: 'msmouse.inf',
    section: 'PS2_Inst',
    parent: LPC,
    mfg: '(Standard mouse types)',
    resources: ['IRQ : 12'],
  },
  { id: `${CPU_ID}\\_0`, desc: CPU_NAME, cls: 'Processor', ...cpuIds(), service: 'intelppm', inf: 'cpu.inf', section: 'IntelPPM_Inst.NT', parent: ACPI_ROOT, mfg: 'Intel' },
  { id: `${CPU_ID}\\_1`, desc: CPU_NAME, cls: 'Processor', ...cpuIds(), service: 'intelppm', inf: 'cpu.inf', section: 'IntelPPM_Inst.NT', parent: ACPI_ROOT, mfg: 'Intel' },
  {
    id: ACPI_ROOT,
    desc: 'Microsoft ACPI-Compliant System',
    cls: 'System',
    hw: ['ACPI_HAL\\PNP0C08', '*PNP0C08'],
    service: 'ACPI',
    inf: 'acpi.inf',
    section: 'ACPI_Inst',
    parent: 'ROOT\\ACPI_HAL\\0000',
    mfg: 'Microsoft',
  },
  {
    id: USB_HID,
    desc: 'USB Input Device',
    cls: 'HIDClass',
    hw: ['USB\\VID_046D&PID_C077&REV_7200', 'USB\\VID_046D&PID_C077'],
    compat: ['USB\\Class_03&SubClass_01&Prot_02', 'USB\\Class_03&SubClass_01', 'USB\\Class_03'],
    service: 'HidUsb',
    inf: 'input.inf',
    section: 'HID_Inst.NT',
    parent: ROOT_HUB,
    mfg: '(Standard system devices)',
  },
  {
    id: 'HID\\VID_046D&PID_C077\\6&2E7A8C6&0&0000',
    desc: 'HID-compliant mouse',
    cls: 'Mouse',
    hw: ['HID\\VID_046D&PID_C077&REV_7200', 'HID\\VID_046D&PID_C077', 'HID_DEVICE_SYSTEM_MOUSE', 'HID_DEVICE_UP:0001_U:0002', 'HID_DEVICE'],
    service: 'mouhid',
    inf: 'msmouse.inf',
    section: 'HID_Mouse_Inst.NT',
    parent: USB_HID,
    mfg: 'Microsoft',
  },
  {
    id: 'PCI\\VEN_8086&DEV_15BC&SUBSYS_86721043&REV_10\\3&11583659&0&FE',
    desc: 'Intel(R) Ethernet Connection (7) I219-V',
    cls: 'Net',
    ...pciIds('8086', '15BC', '86721043', '10', '020000'),
    service: 'e1dexpress',
    inf: 'e1d.inf',
    section: 'E15BC.10.0.1',
    parent: PCI_ROOT,
    mfg: 'Intel',
    resources: ['MEM : a1300000-a131ffff', 'IRQ : 4294967279'],
  },
  {
    id: 'PCI\\VEN_8086&DEV_3E30&SUBSYS_86941043&REV_0A\\3&11583659&0&00',
    desc: 'Intel(R) Host Bridge/DRAM Registers - 3E30',
    cls: 'System',
    ...pciIds('8086', '3E30', '86941043', '0A', '060000'),
    inf: 'machine.inf',
    section: 'NO_DRV',
    parent: PCI_ROOT,
    mfg: 'INTEL',
  },
  {
    id: 'PCI\\VEN_8086&DEV_3E92&SUBSYS_86941043&REV_00\\3&11583659&0&10',
    desc: 'Microsoft Basic Display Adapter',
    cls: 'Display',
    ...pciIds('8086', '3E92', '86941043', '00', '030000'),
    service: 'BasicDisplay',
    inf: 'basicdisplay.inf',
    section: 'MSBDA',
    parent: PCI_ROOT,
    mfg: '(Standard display types)',
    resources: ['MEM : a0000000-a0ffffff', 'MEM : 90000000-9fffffff', 'IO  : 3000-303f'],
  },
  {
    id: LPC,
    desc: 'Intel(R) 300 Series Chipset Family LPC Controller (Z370) - A305',
    cls: 'System',
    ...pciIds('8086', 'A305', '86941043', '10', '060100'),
    service: 'msisadrv',
    inf: 'machine.inf',
    section: 'MSISADRV',
    parent: PCI_ROOT,
    mfg: 'INTEL',
  },
  {
    id: AHCI,
    desc: 'Standard SATA AHCI Controller',
    cls: 'hdc',
    ...pciIds('8086', 'A352', '86941043', '10', '010601'),
    service: 'storahci',
    inf: 'mshdc.inf',
    section: 'msahci_Inst',
    parent: PCI_ROOT,
    mfg: 'Standard SATA AHCI Controller',
    resources: ['MEM : a1336000-a1337fff', 'IO  : 3090-3097', 'IRQ : 4294967278'],
  },
  {
    id: XHCI,
    desc: 'USB xHCI Compliant Host Controller',
    friendly: 'Intel(R) USB 3.1 eXtensible Host Controller - 1.10 (Microsoft)',
    cls: 'USB',
    ...pciIds('8086', 'A36D', '86941043', '10', '0C0330'),
    service: 'USBXHCI',
    inf: 'usbxhci.inf',
    section: 'Generic.Install.NT',
    parent: PCI_ROOT,
    mfg: 'Generic USB xHCI Host Controller',
    resources: ['MEM : a1320000-a132ffff', 'IRQ : 4294967280'],
  },
  { id: 'ROOT\\ACPI_HAL\\0000', desc: 'ACPI x64-based PC', cls: 'Computer', hw: ['acpiapic'], inf: 'hal.inf', section: 'ACPI_AMD64_HAL', mfg: '(Standard computers)' },
  {
    id: 'ROOT\\BASICDISPLAY\\0000',
    desc: 'Microsoft Basic Display Driver',
    cls: 'System',
    hw: ['ROOT\\BasicDisplay'],
    service: 'BasicDisplay',
    inf: 'basicdisplay.inf',
    section: 'BasicDisplay',
    mfg: 'Microsoft',
  },
  {
    id: 'ROOT\\BASICRENDER\\0000',
    desc: 'Microsoft Basic Render Driver',
    cls: 'System',
    hw: ['ROOT\\BasicRender'],
    service: 'BasicRender',
    inf: 'basicrender.inf',
    section: 'BasicRender',
    mfg: 'Microsoft',
  },
  {
    id: 'ROOT\\COMPOSITEBUS\\0000',
    desc: 'Composite Bus Enumerator',
    cls: 'System',
    hw: ['ROOT\\CompositeBus'],
    service: 'CompositeBus',
    inf: 'compositebus.inf',
    section: 'CompositeBus_Device.NT',
    mfg: 'Microsoft',
  },
  { id: 'ROOT\\LEGACY_BEEP\\0000', desc: 'Beep', cls: 'LegacyDriver', service: 'Beep' },
  {
    id: 'ROOT\\NDISVIRTUALBUS\\0000',
    desc: 'NDIS Virtual Network Adapter Enumerator',
    cls: 'System',
    hw: ['ROOT\\NdisVirtualBus'],
    service: 'NdisVirtualBus',
    inf: 'ndisvirtualbus.inf',
    section: 'NdisVirtualBus_Device.NT',
    mfg: 'Microsoft',
  },
  {
    id: 'ROOT\\RDPBUS\\0000',
    desc: 'Remote Desktop Device Redirector Bus',
    cls: 'System',
    hw: ['ROOT\\RDPBUS'],
    service: 'rdpbus',
    inf: 'rdpbus.inf',
    section: 'RDPBUS',
    mfg: 'Microsoft',
  },
  {
    id: 'ROOT\\SYSTEM\\0000',
    desc: 'Plug and Play Software Device Enumerator',
    cls: 'System',
    hw: ['ROOT\\SWENUM'],
    service: 'swenum',
    inf: 'swenum.inf',
    section: 'SWENUM',
    mfg: '(Standard system devices)',
  },
  {
    id: 'ROOT\\UMBUS\\0000',
    desc: 'UMBus Root Bus Enumerator',
    cls: 'System',
    hw: ['root\\umbus'],
    service: 'umbus',
    inf: 'umbus.inf',
    section: 'UmBusRoot_Device.NT',
    mfg: 'Microsoft',
  },
  {
    id: 'ROOT\\VOLMGR\\0000',
    desc: 'Volume Manager',
    cls: 'System',
    hw: ['ROOT\\VOLMGR'],
    service: 'volmgr',
    inf: 'machine.inf',
    section: 'VOLMGR_Inst',
    mfg: '(Standard system devices)',
  },
  {
    id: 'ROOT\\VDRVROOT\\0000',
    desc: 'Microsoft Virtual Drive Enumerator',
    cls: 'System',
    hw: ['ROOT\\vdrvroot'],
    service: 'vdrvroot',
    inf: 'vdrvroot.inf',
    section: 'VDRVROOT',
    mfg: 'Microsoft',
  },
  {
    id: 'SCSI\\CDROM&VEN_HL-DT-ST&PROD_DVDRAM_GH24NSD1\\4&2F4B3F1&0&010000',
    desc: 'CD-ROM Drive',
    friendly: 'HL-DT-ST DVDRAM GH24NSD1',
    cls: 'CDROM',
    hw: [
      'SCSI\\CdRomHL-DT-STDVDRAM_GH24NSD1LG00',
      'SCSI\\CdRomHL-DT-STDVDRAM_GH24NSD1',
      'SCSI\\CdRomHL-DT-ST',
      'SCSI\\HL-DT-STDVDRAM_GH24NSD1L',
      'HL-DT-STDVDRAM_GH24NSD1L',
      'GenCdRom',
    ],
    compat: ['SCSI\\CdRom', 'SCSI\\RAW'],
    service: 'cdrom',
    inf: 'cdrom.inf',
    section: 'cdrom_install',
    parent: AHCI,
    mfg: '(Standard CD-ROM drives)',
  },
  {
    id: SSD,
    desc: 'Disk drive',
    friendly: 'Samsung SSD 860 EVO 500GB',
    cls: 'DiskDrive',
    hw: [
      'SCSI\\DiskSAMSUNG_SSD_860_EVO_500GRVT0',
      'SCSI\\DiskSAMSUNG_SSD_860_EVO_500G',
      'SCSI\\DiskSAMSUNG_',
      'SCSI\\SAMSUNG_SSD_860_EVO_500GR',
      'SAMSUNG_SSD_860_EVO_500GR',
      'GenDisk',
    ],
    compat: ['SCSI\\Disk', 'SCSI\\RAW'],
    service: 'disk',
    inf: 'disk.inf',
    section: 'disk_install.NT',
    parent: AHCI,
    mfg: '(Standard disk drives)',
  },
  {
    id: 'STORAGE\\VOLUME\\{6A5B7C3E-1F2D-11EF-9A8B-806E6F6E6963}#0000000000100000',
    desc: 'Volume',
    cls: 'Volume',
    hw: ['STORAGE\\Volume'],
    service: 'volume',
    inf: 'volume.inf',
    section: 'volume_install.NT',
    parent: 'ROOT\\VOLMGR\\0000',
    mfg: 'Microsoft',
  },
  {
    id: 'SWD\\MSRRAS\\MS_NDISWANIP',
    desc: 'WAN Miniport (IP)',
    cls: 'Net',
    hw: ['ms_ndiswanip'],
    service: 'NdisWan',
    inf: 'netrasa.inf',
    section: 'Ndi-Mp-Ip',
    parent: 'ROOT\\SYSTEM\\0000',
    mfg: 'Microsoft',
  },
  {
    id: ROOT_HUB,
    desc: 'USB Root Hub (USB 3.0)',
    cls: 'USB',
    hw: ['USB\\ROOT_HUB30&VID8086&PIDA36D&REV0010', 'USB\\ROOT_HUB30&VID8086&PIDA36D', 'USB\\ROOT_HUB30'],
    service: 'USBHUB3',
    inf: 'usbhub3.inf',
    section: 'Generic.Install.NT',
    parent: XHCI,
    mfg: '(Generic USB Hub)',
  },
  {
    id: 'USB\\VID_0781&PID_5581\\4C530001230101112345',
    desc: 'USB Mass Storage Device',
    cls: 'USB',
    hw: ['USB\\VID_0781&PID_5581&REV_0100', 'USB\\VID_0781&PID_5581'],
    compat: ['USB\\Class_08&SubClass_06&Prot_50', 'USB\\Class_08&SubClass_06', 'USB\\Class_08'],
    service: 'USBSTOR',
    inf: 'usbstor.inf',
    section: 'USBSTOR_BULK.NT',
    parent: ROOT_HUB,
    mfg: 'Compatible USB storage device',
    present: false,
  },
];

function binding(seed: Seed, version: string): DriverBinding | undefined {
  if (!seed.inf) return undefined;
  const inf = INFS.find((i) => i.name === seed.inf)!;
  const ids = [...(seed.hw ?? []), ...(seed.compat ?? [])];
  const hwMatch = seed.hw?.[seed.hw.length > 1 ? 1 : 0];
  const matchingId = (hwMatch ?? ids[0] ?? '').toLowerCase();
  return {
    publishedName: inf.name,
    originalName: inf.name,
    section: seed.section ?? 'NO_DRV',
    matchingId,
    rank: seed.hw && seed.hw.length > 0 ? '00FF0001' : '00FF2000',
    driverDate: INBOX_DATE,
    driverVersion: version,
    provider: 'Microsoft',
    description: seed.desc,
    files: inf.files.map((f) => `C:\\Windows\\System32\\drivers\\${f}`),
    signer: SIGNER,
  };
}

/** The devices of a fresh machine, in no particular order (devcon enumerates them sorted). */
export function inboxDevices(options: InboxOptions = {}): DeviceRecord[] {
  const version = `10.0.${options.build ?? 22621}.1`;
  return SEEDS.map((seed) => {
    const device: MutableDeviceRecord = {
      instanceId: seed.id,
      hardwareIds: [...(seed.hw ?? [])],
      compatibleIds: [...(seed.compat ?? [])],
      classGuid: classGuid(seed.cls),
      className: seed.cls,
      description: seed.desc,
      parent: seed.parent ?? 'HTREE\\ROOT\\0',
      present: seed.present ?? true,
      rootEnumerated: seed.id.toUpperCase().startsWith('ROOT\\'),
      disabled: false,
      problem: 0,
    };
    if (seed.friendly) device.friendlyName = seed.friendly;
    if (seed.mfg) device.manufacturer = seed.mfg;
    if (seed.service) device.service = seed.service;
    if (seed.upperFilters) device.upperFilters = [...seed.upperFilters];
    if (seed.lowerFilters) device.lowerFilters = [...seed.lowerFilters];
    if (seed.resources) device.resources = [...seed.resources];
    const drv = binding(seed, version);
    if (drv) device.driver = drv;
    return device;
  });
}

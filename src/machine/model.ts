// The shared shape of what the simulated machine knows about devices, driver
// packages and setup classes. The target engine stores these (its zod schema
// must accept exactly them); devcon and pnputil read and change them through
// the target's transactions. Change only by agreement: both sides depend on it.

/** A driver node bound to a device (what Device Manager shows as its driver). */
export interface DriverBinding {
  /** Published INF name: oemN.inf, or an inbox INF such as machine.inf. */
  publishedName: string;
  /** The INF's original file name, lower case (kmdfhelloworld.inf). */
  originalName: string;
  /** The DDInstall section actually used (KmdfHelloWorld_Device.NT). */
  section: string;
  /** The device ID that matched (hardware or compatible). */
  matchingId: string;
  /** Rank as 8 hex digits (00FF0000). */
  rank: string;
  /** DriverVer date mm/dd/yyyy and version w.x.y.z. */
  driverDate: string;
  driverVersion: string;
  provider: string;
  description: string;
  /** Windows paths of the files the install copied (C:\Windows\System32\drivers\x.sys). */
  files: string[];
  /** Subject of the certificate that signed the package's catalog, if signed. */
  signer?: string;
}

/** CM_PROB_* codes wdksim uses. */
export const Problem = {
  none: 0,
  notConfigured: 1, // CM_PROB_NOT_CONFIGURED
  failedStart: 10, // CM_PROB_FAILED_START
  registry: 19, // CM_PROB_REGISTRY (a filter or service the device needs is not installed)
  disabled: 22, // CM_PROB_DISABLED
  failedInstall: 28, // CM_PROB_FAILED_INSTALL
  driverFailedLoad: 31, // CM_PROB_FAILED_ADD
  driverFailedLoadCode39: 39, // CM_PROB_DRIVER_FAILED_LOAD (driver missing, or KMDF newer than the OS)
  unsignedDriver: 52, // CM_PROB_UNSIGNED_DRIVER
} as const;

/** A device record as the engine writes it: change a stored one only through editDevice (src/machine/device-json.ts). */
export interface MutableDeviceRecord {
  /** ROOT\SAMPLE\0000, PCI\VEN_8086&DEV_1237&...\3&267A616A&0&00 */
  instanceId: string;
  hardwareIds: string[];
  compatibleIds: string[];
  classGuid: string;
  className: string;
  /** DeviceDesc. */
  description: string;
  friendlyName?: string;
  manufacturer?: string;
  /** Instance ID of the parent devnode (HTREE\ROOT\0 for root devices). */
  parent?: string;
  /** Present (connected) devices; a removed device that Windows still remembers is not present. */
  present: boolean;
  /** Created by `devcon install` or a legacy root device. */
  rootEnumerated: boolean;
  disabled: boolean;
  /** CM_PROB_* (0 = none). */
  problem: number;
  /** The service that drives the device (devnode's Service value). */
  service?: string;
  upperFilters?: string[];
  lowerFilters?: string[];
  driver?: DriverBinding;
  /** Resource descriptions shown by `devcon resources` (IO : 0060-0060 ...). */
  resources?: string[];
  /** A change to this device waits for a reboot. */
  rebootRequired?: boolean;
}

/**
 * A device record as stored in the machine state: read-only, so every change goes
 * through editDevice, which tells the state writer that the record's JSON text is stale.
 */
export type DeviceRecord = {
  readonly [K in keyof MutableDeviceRecord]: MutableDeviceRecord[K] extends string[] | undefined
    ? readonly string[] | Extract<MutableDeviceRecord[K], undefined>
    : MutableDeviceRecord[K] extends DriverBinding | undefined
      ? ReadonlyDriverBinding | Extract<MutableDeviceRecord[K], undefined>
      : MutableDeviceRecord[K];
};

/** A driver binding inside a stored device record. */
export type ReadonlyDriverBinding = Readonly<Omit<DriverBinding, 'files'>> & { readonly files: readonly string[] };

/** A package in the driver store. */
export interface DriverPackageRecord {
  publishedName: string;
  originalName: string;
  /** Folder under Windows/System32/DriverStore/FileRepository (kmdfhelloworld.inf_amd64_0123456789abcdef). */
  storeFolder: string;
  provider: string;
  className: string;
  classGuid: string;
  driverDate: string;
  driverVersion: string;
  /** Catalog file name inside the store folder. */
  catalog?: string;
  signer?: string;
  /** The catalog's signature does not chain to a Microsoft root (a test signature): its kernel drivers need test signing. */
  testSigned?: boolean;
  arch: string;
  /** Files in the store folder (relative, with the SHA-256 of their bytes). */
  files: { path: string; sha256: string }[];
  /** An inbox package (shipped with Windows), not deletable. */
  inbox?: boolean;
  /** A primitive driver installed by DiInstallDriver: what its DefaultInstall did, so DiUninstallDriver can undo it. */
  primitive?: PrimitiveInstallRecord;
}

/** A registry value as stored (src/machine/schema.ts regValue). */
export interface StoredRegValue {
  type: string;
  data: string | number | string[];
}

/** What a primitive driver's DefaultInstall changed (undone in reverse by /delete-driver /uninstall). */
export interface PrimitiveInstallRecord {
  /** The section run (DefaultInstall.NTamd64). */
  section: string;
  /** Registry keys it created (deleted with their subkeys on uninstall). */
  createdKeys: string[];
  /** Values it set or deleted in keys that existed, with the value before (absent: the value did not exist). */
  values: { key: string; name: string; previous?: StoredRegValue }[];
  /** Keys it deleted (DelReg), with their values, restored on uninstall. */
  deletedKeys: { key: string; values: Record<string, StoredRegValue> }[];
  /** Target-relative files it created. */
  files: string[];
  /** Services it created. */
  services: string[];
}

export interface SetupClassRecord {
  guid: string;
  name: string;
  description: string;
  upperFilters?: string[];
  lowerFilters?: string[];
}

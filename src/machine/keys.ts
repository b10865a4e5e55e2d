// Registry key paths the installer writes (inf-format.md §2.12 HKR table).
const CCS = 'HKLM\\SYSTEM\\CurrentControlSet';

export const classKey = (guid: string): string => `${CCS}\\Control\\Class\\${guid}`;
/** The device's software (driver) key: Control\Class\{guid}\NNNN. */
export const softwareKey = (driverKey: string): string => `${CCS}\\Control\\Class\\${driverKey}`;
/** The device's key under Enum (devnode properties). */
export const enumKey = (instanceId: string): string => `${CCS}\\Enum\\${instanceId}`;
/** The device's hardware key (HKR of DDInstall.HW). */
export const hardwareKey = (instanceId: string): string => `${CCS}\\Enum\\${instanceId}\\Device Parameters`;
export const serviceKey = (name: string): string => `${CCS}\\Services\\${name}`;
export const eventLogKey = (logType: string, name: string): string => `${CCS}\\Services\\EventLog\\${logType}\\${name}`;

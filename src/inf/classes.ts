// The device setup classes Windows defines (name <-> GUID, devguid.h and the
// "System-Defined Device Setup Classes" pages), with what a fresh machine shows for
// each. One table: infverif's class rules (1280/1281/1285) read names and GUIDs,
// the simulated machine seeds its Class keys from the rows it has (`inbox`).

export interface SetupClassInfo {
  guid: string;
  /** The name as a Windows machine's Class key holds it (fdc, hdc, MEDIA). */
  name: string;
  /** The name as the documentation writes it, when it differs (FDC, HDC, Media); infverif names this one. */
  docName?: string;
  /** As Device Manager shows it; present for the classes a fresh machine has. */
  description?: string;
  upperFilters?: string[];
  lowerFilters?: string[];
  /** False for a class a fresh machine does not have (default true). */
  inbox?: false;
  /** False for a class that is not Microsoft-defined (the samples' Sample class; default true). */
  microsoft?: false;
}

/** In the order a fresh machine lists its classes, then the documented ones it lacks. */
export const SETUP_CLASSES: readonly SetupClassInfo[] = [
  { guid: '{4d36e965-e325-11ce-bfc1-08002be10318}', name: 'CDROM', description: 'DVD/CD-ROM drives' },
  { guid: '{4d36e966-e325-11ce-bfc1-08002be10318}', name: 'Computer', description: 'Computer' },
  { guid: '{4d36e967-e325-11ce-bfc1-08002be10318}', name: 'DiskDrive', description: 'Disk drives', upperFilters: ['partmgr'] },
  { guid: '{4d36e968-e325-11ce-bfc1-08002be10318}', name: 'Display', description: 'Display adapters' },
  { guid: '{4d36e969-e325-11ce-bfc1-08002be10318}', name: 'fdc', docName: 'FDC', description: 'Floppy disk controllers' },
  { guid: '{4d36e96a-e325-11ce-bfc1-08002be10318}', name: 'hdc', docName: 'HDC', description: 'IDE ATA/ATAPI controllers' },
  { guid: '{4d36e96b-e325-11ce-bfc1-08002be10318}', name: 'Keyboard', description: 'Keyboards', upperFilters: ['kbdclass'] },
  { guid: '{4d36e96c-e325-11ce-bfc1-08002be10318}', name: 'MEDIA', docName: 'Media', description: 'Sound, video and game controllers' },
  { guid: '{4d36e96d-e325-11ce-bfc1-08002be10318}', name: 'Modem', description: 'Modems' },
  { guid: '{4d36e96e-e325-11ce-bfc1-08002be10318}', name: 'Monitor', description: 'Monitors' },
  { guid: '{4d36e96f-e325-11ce-bfc1-08002be10318}', name: 'Mouse', description: 'Mice and other pointing devices', upperFilters: ['mouclass'] },
  { guid: '{4d36e970-e325-11ce-bfc1-08002be10318}', name: 'MTD', description: 'Memory technology devices' },
  { guid: '{4d36e971-e325-11ce-bfc1-08002be10318}', name: 'Multifunction', description: 'Multifunction adapters' },
  { guid: '{4d36e972-e325-11ce-bfc1-08002be10318}', name: 'Net', description: 'Network adapters' },
  { guid: '{4d36e973-e325-11ce-bfc1-08002be10318}', name: 'NetClient', description: 'Network Client' },
  { guid: '{4d36e974-e325-11ce-bfc1-08002be10318}', name: 'NetService', description: 'Network Service' },
  { guid: '{4d36e975-e325-11ce-bfc1-08002be10318}', name: 'NetTrans', description: 'Network Protocol' },
  { guid: '{4d36e977-e325-11ce-bfc1-08002be10318}', name: 'PCMCIA', description: 'PCMCIA adapters' },
  { guid: '{4d36e978-e325-11ce-bfc1-08002be10318}', name: 'Ports', description: 'Ports (COM & LPT)' },
  { guid: '{4d36e979-e325-11ce-bfc1-08002be10318}', name: 'Printer', description: 'Printers' },
  { guid: '{4d36e97b-e325-11ce-bfc1-08002be10318}', name: 'SCSIAdapter', description: 'Storage controllers' },
  { guid: '{4d36e97d-e325-11ce-bfc1-08002be10318}', name: 'System', description: 'System devices' },
  { guid: '{4d36e97e-e325-11ce-bfc1-08002be10318}', name: 'Unknown', description: 'Other devices' },
  { guid: '{4d36e980-e325-11ce-bfc1-08002be10318}', name: 'FloppyDisk', description: 'Floppy disk drives' },
  { guid: '{36fc9e60-c465-11cf-8056-444553540000}', name: 'USB', description: 'Universal Serial Bus controllers' },
  { guid: '{50127dc3-0f36-415e-a6cc-4cb3be910b65}', name: 'Processor', description: 'Processors' },
  { guid: '{50dd5230-ba8a-11d1-bf5d-0000f805f530}', name: 'SmartCardReader', description: 'Smart card readers' },
  { guid: '{533c5b84-ec70-11d2-9505-00c04f79deaf}', name: 'VolumeSnapshot', description: 'Storage volume shadow copies' },
  { guid: '{53d29ef7-377c-4d14-864b-eb3a85769359}', name: 'Biometric', description: 'Biometric devices' },
  { guid: '{5175d334-c371-4806-b3ba-71fd53c9258d}', name: 'Sensor', description: 'Sensors' },
  { guid: '{5c4c3332-344d-483c-8739-259e934c9cc8}', name: 'SoftwareComponent', description: 'Software components' },
  { guid: '{62f9c741-b25a-46ce-b54c-9bccce08b6f2}', name: 'SoftwareDevice', description: 'Software devices' },
  { guid: '{6bdd1fc1-810f-11d0-bec7-08002be2092f}', name: '1394', description: 'IEEE 1394 host controllers' },
  { guid: '{6bdd1fc6-810f-11d0-bec7-08002be2092f}', name: 'Image', description: 'Imaging devices' },
  { guid: '{71a27cdd-812a-11d0-bec7-08002be2092f}', name: 'Volume', description: 'Storage volumes', lowerFilters: ['iorate'], upperFilters: ['volsnap'] },
  { guid: '{72631e54-78a4-11d0-bcf7-00aa00b7b32a}', name: 'Battery', description: 'Batteries' },
  { guid: '{745a17a0-74d3-11d0-b6fe-00a0c90f57da}', name: 'HIDClass', description: 'Human Interface Devices' },
  { guid: '{78a1c341-4539-11d3-b88d-00c04fad5171}', name: 'Sample', description: 'Sample Device', microsoft: false },
  { guid: '{88bae032-5a81-49f0-bc3d-a4ff138216d6}', name: 'USBDevice', description: 'Universal Serial Bus devices' },
  { guid: '{8ecc055d-047f-11d1-a537-0000f8753ed1}', name: 'LegacyDriver', description: 'Non-Plug and Play Drivers' },
  { guid: '{c166523c-fe0c-4a94-a586-f1a80cfbbf3e}', name: 'AudioEndpoint', description: 'Audio inputs and outputs' },
  { guid: '{ca3e7ab9-b4c3-4ae6-8251-579ef933890f}', name: 'Camera', description: 'Cameras' },
  { guid: '{d48179be-ec20-11d1-b6b8-00c04fa372a7}', name: 'SBP2', description: 'SBP2 IEEE 1394 Devices' },
  { guid: '{d94ee5d8-d189-4994-83d2-f68d7d41b0e6}', name: 'SecurityDevices', description: 'Security devices' },
  { guid: '{e0cbf06c-cd8b-4647-bb8a-263b43f0f974}', name: 'Bluetooth', description: 'Bluetooth' },
  { guid: '{e2f84ce7-8efa-411c-aa69-97454ca4cb57}', name: 'Extension', description: 'Extensions' },
  { guid: '{eec5ad98-8080-425f-922a-dabf3de3f69a}', name: 'WPD', description: 'Portable Devices' },
  { guid: '{f2e7dd72-6468-4e36-b6f1-6488f42c1b52}', name: 'Firmware', description: 'Firmware' },
  { guid: '{7ebefbc0-3200-11d2-b4c2-00a0c9697d07}', name: '61883', inbox: false },
  { guid: '{5989fce8-9cd0-467d-8a6a-5419e31529d4}', name: 'AudioProcessingObject', inbox: false },
  { guid: '{c06ff265-ae09-48f0-812c-16753d7cba83}', name: 'AVC', inbox: false },
  { guid: '{48721b56-6795-11d2-b1a8-0080c72e74a2}', name: 'Dot4', inbox: false },
  { guid: '{49ce6ac8-6f86-11d2-b1e5-0080c72e74a2}', name: 'Dot4Print', inbox: false },
  { guid: '{6bdd1fc5-810f-11d0-bec7-08002be2092f}', name: 'Infrared', inbox: false },
  { guid: '{ce5939ae-ebde-11d0-b181-0000f8753ec4}', name: 'MediumChanger', inbox: false },
  { guid: '{50906cb8-ba12-11d1-bf5d-0000f805f530}', name: 'MultiportSerial', inbox: false },
  { guid: '{4658ee7e-f050-11d1-b6bd-00c04fa372a7}', name: 'PNPPrinters', inbox: false },
  { guid: '{268c95a1-edfe-11d3-95c3-0010dc4050a5}', name: 'SecurityAccelerator', inbox: false },
  { guid: '{6d807884-7d21-11cf-801c-08002be10318}', name: 'TapeDrive', inbox: false },
  { guid: '{25dbce51-6c8f-4a72-8a6d-b54c2b4fc835}', name: 'WCEUSBS', inbox: false },
];

/** The extension INF class (Class=Extension). */
export const EXTENSION_GUID = '{e2f84ce7-8efa-411c-aa69-97454ca4cb57}';

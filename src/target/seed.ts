// A fresh target's inbox content until the devcon engineer's src/devcon/inbox.ts
// lands: the well-known setup classes (GUIDs from devguid.h) and no devices.
import type { DeviceRecord, DriverPackageRecord, SetupClassRecord } from './model.js';

export const SEED_CLASSES: SetupClassRecord[] = [
  { guid: '{4d36e97d-e325-11ce-bfc1-08002be10318}', name: 'System', description: 'System devices' },
  { guid: '{4d36e97e-e325-11ce-bfc1-08002be10318}', name: 'Unknown', description: 'Other devices' },
  { guid: '{78a1c341-4539-11d3-b88d-00c04fad5171}', name: 'Sample', description: 'Sample Device' },
  { guid: '{4d36e96b-e325-11ce-bfc1-08002be10318}', name: 'Keyboard', description: 'Keyboards', upperFilters: ['kbdclass'] },
  { guid: '{4d36e96f-e325-11ce-bfc1-08002be10318}', name: 'Mouse', description: 'Mice and other pointing devices', upperFilters: ['mouclass'] },
  { guid: '{745a17a0-74d3-11d0-b6fe-00a0c90f57da}', name: 'HIDClass', description: 'Human Interface Devices' },
  { guid: '{36fc9e60-c465-11cf-8056-444553540000}', name: 'USB', description: 'Universal Serial Bus controllers' },
  { guid: '{88bae032-5a81-49f0-bc3d-a4ff138216d6}', name: 'USBDevice', description: 'Universal Serial Bus devices' },
  { guid: '{4d36e972-e325-11ce-bfc1-08002be10318}', name: 'Net', description: 'Network adapters' },
  { guid: '{4d36e978-e325-11ce-bfc1-08002be10318}', name: 'Ports', description: 'Ports (COM & LPT)' },
  { guid: '{4d36e96c-e325-11ce-bfc1-08002be10318}', name: 'MEDIA', description: 'Sound, video and game controllers' },
  { guid: '{4d36e967-e325-11ce-bfc1-08002be10318}', name: 'DiskDrive', description: 'Disk drives' },
  { guid: '{4d36e97b-e325-11ce-bfc1-08002be10318}', name: 'SCSIAdapter', description: 'Storage controllers' },
  { guid: '{71a27cdd-812a-11d0-bec7-08002be2092f}', name: 'Volume', description: 'Storage volumes' },
  { guid: '{4d36e968-e325-11ce-bfc1-08002be10318}', name: 'Display', description: 'Display adapters' },
  { guid: '{4d36e979-e325-11ce-bfc1-08002be10318}', name: 'Printer', description: 'Printers' },
  { guid: '{50127dc3-0f36-415e-a6cc-4cb3be910b65}', name: 'Processor', description: 'Processors' },
  { guid: '{e0cbf06c-cd8b-4647-bb8a-263b43f0f974}', name: 'Bluetooth', description: 'Bluetooth' },
  { guid: '{5175d334-c371-4806-b3ba-71fd53c9258d}', name: 'Sensor', description: 'Sensors' },
  { guid: '{62f9c741-b25a-46ce-b54c-9bccce08b6f2}', name: 'SoftwareDevice', description: 'Software devices' },
  { guid: '{c166523c-fe0c-4a94-a586-f1a80cfbbf3e}', name: 'AudioEndpoint', description: 'Audio inputs and outputs' },
  { guid: '{e2f84ce7-8efa-411c-aa69-97454ca4cb57}', name: 'Extension', description: 'Extensions' },
  { guid: '{5099944a-f6b9-4057-a056-8c550228544c}', name: 'Firmware', description: 'Firmware' },
  { guid: '{ca3e7ab9-b4c3-4ae6-8251-579ef933890f}', name: 'Camera', description: 'Cameras' },
  { guid: '{d48179be-ec20-11d1-b6b8-00c04fa372a7}', name: 'SBP2', description: 'SBP2 IEEE 1394 Devices' },
  { guid: '{6bdd1fc6-810f-11d0-bec7-08002be2092f}', name: 'Image', description: 'Imaging devices' },
  { guid: '{eec5ad98-8080-425f-922a-dabf3de3f69a}', name: 'WPD', description: 'Portable Devices' },
];

export const SEED_DEVICES: DeviceRecord[] = [];
export const SEED_PACKAGES: DriverPackageRecord[] = [];

// The install engine's entry points (pnputil, devcon and deploy call these
// inside a transaction). Each is plan-then-apply: read the INF and the draft
// state, decide, then change tx.state / tx.registry and stage files.
import { TargetError } from '../errors.js';
import type { Transaction } from './target.js';
import type { DeviceRecord } from './model.js';

export interface StageOptions {
  /** Log section title (defaults to the pnputil-style import title). */
  caller?: string;
}
export interface StageResult {
  publishedName: string;
  /** Folder name under Windows/System32/DriverStore/FileRepository. */
  storeFolder: string;
  /** A binary-identical package was already in the store: its published name is returned. */
  alreadyStaged: boolean;
}

export interface InstallOptions {
  /** A host path of an INF (staged first), or the published name of a staged package. */
  infPath?: string;
  publishedName?: string;
  hardwareId: string;
  /** devcon install: create ROOT\<CLASS>\NNNN with this hardware ID first. */
  createRootDevice?: boolean;
  /** Install even if the device's current driver ranks better (devcon update); pnputil /install leaves it false. */
  force?: boolean;
}
export interface InstallResult {
  publishedName: string;
  /** Devices whose driver was (re)installed, after the install. */
  devices: DeviceRecord[];
  /** Instance ID of the device created by createRootDevice. */
  created?: string;
  /** Devices that matched but kept a better driver (pnputil /install without force). */
  skipped: string[];
  rebootRequired: boolean;
}

const notYet = (what: string): never => {
  throw new TargetError(`${what}: not yet supported by this build`);
};

export async function stageDriverPackage(_tx: Transaction, _infPath: string, _options: StageOptions = {}): Promise<StageResult> {
  return notYet('stageDriverPackage');
}
export async function installDriverOnDevices(_tx: Transaction, _options: InstallOptions): Promise<InstallResult> {
  return notYet('installDriverOnDevices');
}
export async function removeDevice(_tx: Transaction, _instanceId: string): Promise<{ rebootRequired: boolean }> {
  return notYet('removeDevice');
}
export async function deleteDriverPackage(_tx: Transaction, _publishedName: string, _options: { uninstall?: boolean; force?: boolean } = {}): Promise<{ removedFrom: string[] }> {
  return notYet('deleteDriverPackage');
}
export async function setDeviceEnabled(_tx: Transaction, _instanceId: string, _enabled: boolean): Promise<{ rebootRequired: boolean }> {
  return notYet('setDeviceEnabled');
}
export async function restartDevice(_tx: Transaction, _instanceId: string): Promise<{ rebootRequired: boolean }> {
  return notYet('restartDevice');
}
export async function rescan(_tx: Transaction): Promise<{ newDevices: string[] }> {
  return notYet('rescan');
}

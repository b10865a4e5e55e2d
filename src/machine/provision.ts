// `target init`: the state and files of a freshly provisioned test computer,
// as Visual Studio's provisioning leaves it (wdk-tools.md §7.2): DriverTest
// folder, test signing and kernel debugging configured and active (provisioning
// reboots the machine), empty driver store and logs.
import { listRoot, makeDir, makeRoot, removeFile, removeTree, rootKind } from './fs/jail.js';
import { hasState } from './state-store.js';
import { TargetError } from '../errors.js';
import type { Context } from '../io.js';
import { DRIVERS_DIR, DRIVERTEST_DIR, INF_DIR, STORE_DIR } from './layout.js';
import type { DeviceRecord, DriverPackageRecord, SetupClassRecord } from './model.js';
import type { OsRelease, TargetArch } from './os.js';
import { Registry } from './registry.js';
import { STATE_FILE, STATE_FORMAT, STATE_VERSION, type MachineState } from './schema.js';
import { inboxClasses, inboxDevices, inboxPackages } from './inbox.js';
import { LOG_PATH, bootSessionLine, logHeader } from './setupapi-log.js';
import { createTargetFiles } from './target.js';
import { MICROSOFT_ROOTS_PEM } from './microsoft-roots.js';
import { certificateRecord } from './certs.js';
import { classKey } from './keys.js';
import { writeEnumKey } from './enum-key.js';
import { writeInboxServices } from './inbox-services.js';

export interface ProvisionOptions {
  os: OsRelease;
  arch: TargetArch;
  testsigning: boolean;
  kdnet?: { port: number; key: string; hostip?: string };
  force?: boolean;
  inbox?: { devices: DeviceRecord[]; classes: SetupClassRecord[]; packages: DriverPackageRecord[] };
}

export async function provisionTarget(root: string, ctx: Context, options: ProvisionOptions): Promise<MachineState> {
  const kind = await rootKind(root);
  if (kind === 'file' || kind === 'other') throw new TargetError(`${root} is a file; a target is a directory (choose another path)`);
  const existing = kind === 'dir' && (await hasState(root));
  if (existing && !options.force) throw new TargetError(`${root} already holds a target machine; use --force to re-create it (everything in it is lost)`);
  if (existing) {
    // Re-create: only what a target consists of is removed (links in it are unlinked, never followed).
    for (const name of ['Windows', 'DriverTest', '.wdksim']) await removeTree(root, name);
    await removeFile(root, STATE_FILE, 'repair');
  }
  const entries = await listRoot(root);
  const foreign = entries.filter((e) => !['Windows', 'DriverTest', '.wdksim', STATE_FILE].includes(e));
  if (entries.length > 0 && !options.force && foreign.length > 0) {
    throw new TargetError(`${root} is not empty (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}); choose a new or empty directory for the target`);
  }
  const state = provisionedState(ctx, options);
  await makeRoot(root);
  for (const dir of [DRIVERS_DIR, STORE_DIR, DRIVERTEST_DIR, INF_DIR]) await makeDir(root, dir);
  await createTargetFiles(root, state, [{ rel: LOG_PATH, data: logHeader(state.os) + bootSessionLine(ctx.clock) }]);
  return state;
}

/** The state of a freshly provisioned machine (inbox devices, classes, packages and registry); nothing is written. */
export function provisionedState(ctx: Context, options: ProvisionOptions): MachineState {
  const { os } = options;
  const inbox = options.inbox ?? {
    devices: inboxDevices({ arch: options.arch, build: os.build }),
    classes: inboxClasses(),
    packages: inboxPackages({ arch: options.arch, build: os.build }),
  };
  const state: MachineState = {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    createdAt: ctx.clock.now().toISOString(),
    os: {
      id: os.id,
      name: os.name,
      major: os.major,
      minor: os.minor,
      build: os.build,
      productType: os.productType,
      suiteMask: os.suiteMask,
      kmdf: os.kmdf,
      umdf: os.umdf,
      arch: options.arch,
    },
    boot: {
      testsigning: options.testsigning,
      debug: options.kdnet !== undefined,
      ...(options.kdnet
        ? { dbgsettings: { type: 'NET' as const, port: options.kdnet.port, key: options.kdnet.key, dhcp: true, ...(options.kdnet.hostip ? { hostip: options.kdnet.hostip } : {}) } }
        : {}),
      bootCount: 1,
    },
    // A real machine's Root store holds the Microsoft roots that driver signatures chain to.
    certificates: { Root: MICROSOFT_ROOTS_PEM.map((der) => certificateRecord(der, 'Microsoft root')), TrustedPublisher: [] },
    classes: structuredClone(inbox.classes),
    devices: structuredClone(inbox.devices),
    packages: structuredClone(inbox.packages),
    registry: {},
    files: [],
  };
  const reg = new Registry(state.registry);
  const cv = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
  // Windows 11 still reports "Windows 10 Pro" here.
  reg.setValue(cv, 'ProductName', { type: 'REG_SZ', data: os.productType === 3 ? `${os.name} Standard` : 'Windows 10 Pro' });
  reg.setValue(cv, 'CurrentBuild', { type: 'REG_SZ', data: String(os.build) });
  reg.setValue(cv, 'CurrentBuildNumber', { type: 'REG_SZ', data: String(os.build) });
  reg.setValue(cv, 'CurrentMajorVersionNumber', { type: 'REG_DWORD', data: os.major });
  reg.setValue(cv, 'CurrentMinorVersionNumber', { type: 'REG_DWORD', data: os.minor });
  reg.setValue(cv, 'DisplayVersion', { type: 'REG_SZ', data: os.name.replace(/^.*version /, '') });
  reg.setValue('HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment', 'PROCESSOR_ARCHITECTURE', {
    type: 'REG_SZ',
    data: options.arch === 'x86' ? 'x86' : options.arch.toUpperCase(),
  });
  const [kMajor, kMinor] = os.kmdf.split('.');
  reg.setValue(`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Wdf\\Kmdf\\KmdfLibrary\\Versions\\${kMajor}`, 'Service', { type: 'REG_SZ', data: 'Wdf01000' });
  // The inbox services (drivers of the inbox devices, class filters, WUDFRd, WinUsb, mf...), Wdf01000 among them.
  writeInboxServices(reg);
  reg.setValue('HKLM\\SYSTEM\\CurrentControlSet\\Services\\Wdf01000\\Parameters', 'WdfMinorVersion', { type: 'REG_DWORD', data: Number(kMinor) });
  reg.setValue('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup', 'LogLevel', { type: 'REG_DWORD', data: 0x2000ffff });
  reg.setValue('HKLM\\SOFTWARE\\Microsoft\\DriverTest\\Service', 'DebugSession', { type: 'REG_DWORD', data: 0 });
  for (const cls of state.classes) {
    const key = classKey(cls.guid);
    reg.setValue(key, '', { type: 'REG_SZ', data: cls.description });
    reg.setValue(key, 'Class', { type: 'REG_SZ', data: cls.name });
    if (cls.upperFilters) reg.setValue(key, 'UpperFilters', { type: 'REG_MULTI_SZ', data: cls.upperFilters });
    if (cls.lowerFilters) reg.setValue(key, 'LowerFilters', { type: 'REG_MULTI_SZ', data: cls.lowerFilters });
  }
  for (const dev of state.devices) writeEnumKey(reg, dev);
  return state;
}

// wdksim pnputil: the PnP Utility against the simulated target (wdk-tools.md
// §6). Everything goes to stdout after the "Microsoft PnP Utility" banner;
// the Windows return value becomes a POSIX exit status (src/pnputil/returns.ts).
import { readRegular } from '../machine/fs/jail.js';
import { basename, join, relative, resolve } from 'node:path';
import { OutputFolder, OutputRefused } from '../fs/host-write.js';
import { WdksimError } from '../errors.js';
import type { Context } from '../io.js';
import type { ChangeOutcome } from '../pnp/devices.js';
import { changeEnabled, changeRemove, changeRestart, rebootMachine, rescanTarget } from '../pnp/apply.js';
import { viewOf } from '../pnp/machine.js';
import { driverNodes } from '../pnp/nodes.js';
import { classOrder, sameText } from '../pnp/view.js';
import { parsePnpLine, type PnpLine } from '../pnputil/grammar.js';
import { classBlock, classMatches, deviceBlock, driverBlock, filterDevices, inOemOrder, oemInOrder, oemNumber, type DeviceFilter } from '../pnputil/format.js';
import { expandInfPattern } from '../pnputil/models.js';
import { installOnPresentDevices } from '../pnp/driver-install.js';
import { PnpReturn, posixExit, systemText } from '../pnputil/returns.js';
import { BANNER, helpText, USAGE } from '../pnputil/usage.js';
import { interfacesOf, machineInterfaces, normalizeGuid } from '../pnputil/interfaces.js';
import { interfaceBlock } from '../pnputil/format.js';
import { buildTree, treeDevices, treeJson, treeText } from '../pnputil/devicetree.js';
import { containerCsv, containerText, containerXml, filterContainers, machineContainers, SYSTEM_CONTAINER, type ContainerFilter } from '../pnputil/containers.js';
import { defaultOutputName, OutputFileError, resolveOutputFile, writeOutputFile } from '../pnputil/output-file.js';
import { Registry } from '../machine/registry.js';
import { deleteDriverPackage, stageDriverPackage } from '../machine/engine.js';
import { InstallError } from '../machine/install-error.js';
import { STORE_DIR } from '../machine/layout.js';
import { openTarget, type Target } from '../machine/target.js';
import type { MachineState } from '../machine/schema.js';
import { LazyState } from '../machine/lazy-state.js';
import { flatString } from '../flat-string.js';
import type { PackageListing } from '../machine/state-listing.js';
import type { DriverPackageRecord } from '../machine/model.js';
import type { PnputilJson } from '../json-records.js';

interface Result {
  /** The Windows return value. */
  value: number;
  out: string;
  json: Record<string, unknown>;
  /** XML or CSV on stdout: printed without the banner, so that it parses as it is. */
  raw?: boolean;
}

const result = (value: number, out: string, json: Record<string, unknown> = {}): Result => ({ value, out, json });

/** An unsigned catalog reaches pnputil as ERROR_NO_CATALOG_FOR_OEM_INF ("does not contain digital signature information"). */
const TRUST_E_NOSIGNATURE = 0x800b0100;

function errorCode(error: unknown): number {
  if (error instanceof InstallError) return error.code >>> 0 === TRUST_E_NOSIGNATURE ? PnpReturn.noCatalogForOemInf : error.code >>> 0;
  return PnpReturn.invalidFunction;
}

function errorText(error: unknown): string {
  if (error instanceof InstallError) return systemText(errorCode(error), error.message);
  return error instanceof Error ? error.message : String(error);
}

async function load(ctx: Context): Promise<{ target: Target; state: MachineState }> {
  const target = await openTarget(ctx);
  return { target, state: await target.readLive() };
}

async function rebootIfAsked(target: Target, line: PnpLine, needed: boolean): Promise<{ value: number; out: string }> {
  if (!needed) return { value: PnpReturn.success, out: '' };
  if (!line.flags.has('reboot')) return { value: PnpReturn.rebootRequired, out: 'System reboot is needed to complete the operation!\n' };
  await target.transaction('pnputil /reboot', (tx) => rebootMachine(tx));
  return { value: PnpReturn.rebootInitiated, out: 'Rebooting the system to complete the operation...\n' };
}

async function addDriver(ctx: Context, line: PnpLine): Promise<Result> {
  const arg = line.positional[0];
  if (!arg || line.positional.length > 1) return usageResult('Missing or invalid driver package path.');
  const target = await openTarget(ctx);
  const { files } = await expandInfPattern(ctx.io.cwd, arg, line.flags.has('subdirs'), target.root);
  let out = '';
  let added = 0;
  let newlyAdded = 0;
  let failed = 0;
  let lastError = 0;
  let reboot = false;
  let installedAny = false;
  const packages: Record<string, unknown>[] = [];
  for (const file of files) {
    out += `Adding driver package:  ${basename(file)}\n`;
    try {
      const state = await target.readLive(); // its OS, and the devices an /install looks up by ID
      const staged = await target.transaction('pnputil /add-driver', (tx) => stageDriverPackage(tx, file, { caller: 'pnputil /add-driver' }));
      added++;
      if (!staged.alreadyStaged) newlyAdded++;
      out += staged.alreadyStaged ? 'Driver package added successfully. (Already exists in the system)\n' : 'Driver package added successfully.\n';
      out += `Published Name:         ${staged.publishedName}\n`;
      const record: Record<string, unknown> = { inf: file, publishedName: staged.publishedName, alreadyExists: staged.alreadyStaged, installedOn: [] as string[] };
      if (line.flags.has('install')) {
        const { installedOn, rebootRequired, matched, primitive } = await installOnPresentDevices(target, state, file, staged.publishedName, 'pnputil /add-driver /install');
        reboot ||= rebootRequired;
        if (primitive) out += 'Driver package installed.\n';
        for (const id of installedOn) out += `Driver package installed on device: ${id}\n`;
        // What DiInstallDriver reports when no present device has an ID the package offers.
        if (!primitive && matched === 0) out += 'No matching devices are present.\n';
        if (installedOn.length || primitive) installedAny = true;
        record.installedOn = installedOn;
        if (primitive) record.primitive = primitive;
      }
      packages.push(record);
    } catch (error) {
      if (!(error instanceof WdksimError)) throw error;
      failed++;
      lastError = errorCode(error);
      out += `Failed to add driver package: ${errorText(error)}\n`;
      packages.push({ inf: file, error: errorText(error), code: lastError });
    }
    out += '\n';
  }
  if (files.length === 0) out += '\n';
  out += `Total driver packages:  ${files.length}\n`;
  out += `Added driver packages:  ${added}\n`;
  let value: number = PnpReturn.success;
  if (files.length === 0) value = PnpReturn.fileNotFound;
  else if (failed > 0) value = lastError || PnpReturn.invalidFunction;
  else if (line.flags.has('install') && !installedAny) value = PnpReturn.noMoreItems;
  else if (newlyAdded === 0 && !line.flags.has('install')) value = PnpReturn.accessDenied;
  if (value === PnpReturn.success || (value !== PnpReturn.noMoreItems && reboot && failed === 0)) {
    const r = await rebootIfAsked(target, line, reboot);
    out += r.out;
    if (r.value !== PnpReturn.success) value = r.value;
  }
  return result(value, out, { packages, total: files.length, added });
}

async function deleteDriver(ctx: Context, line: PnpLine): Promise<Result> {
  const name = line.positional[0];
  if (!name || line.positional.length > 1) return usageResult('Missing or invalid driver package name.');
  if (!/^oem\d+\.inf$/i.test(basename(name)))
    return result(PnpReturn.notAnInstalledOemInf, `Failed to delete driver package: ${systemText(PnpReturn.notAnInstalledOemInf)}\n`, {
      publishedName: name,
      error: 'not a published oem#.inf',
    });
  const target = await openTarget(ctx);
  try {
    const res = await target.transaction('pnputil /delete-driver', (tx) =>
      deleteDriverPackage(tx, name, { uninstall: line.flags.has('uninstall'), force: line.flags.has('force') }),
    );
    let out = line.flags.has('uninstall') && (res.removedFrom.length > 0 || res.primitiveUninstalled) ? 'Driver package uninstalled.\n' : '';
    out += 'Driver package deleted successfully.\n';
    return result(PnpReturn.success, out, { publishedName: name, uninstalledFrom: res.removedFrom });
  } catch (error) {
    if (!(error instanceof WdksimError)) throw error;
    return result(errorCode(error), `Failed to delete driver package: ${errorText(error)}\n`, { publishedName: name, error: errorText(error) });
  }
}

async function exportDriver(ctx: Context, line: PnpLine): Promise<Result> {
  const [which, dest] = line.positional;
  if (!which || !dest || line.positional.length > 2) return usageResult('Missing driver package name or target directory.');
  const { target, state } = await load(ctx);
  const view = viewOf(state);
  const all = which === '*';
  const packages = all ? oemInOrder(view) : oemInOrder(view).filter((p) => sameText(p.publishedName, which));
  if (!all && packages.length === 0) {
    return result(PnpReturn.notAnInstalledOemInf, `Exporting driver package:   ${which}\nFailed to export driver package: ${systemText(PnpReturn.notAnInstalledOemInf)}\n`, {
      error: 'not an installed OEM INF',
    });
  }
  // A C:\ directory is on the target's system drive: written inside a transaction there; any other on the host.
  const drive = /^[A-Za-z]:[\\/](.*)$/.exec(dest);
  const destRel = drive ? drive[1]!.split(/[\\/]+/).filter((x) => x && x !== '.') : undefined;
  const outDir = drive ? `C:\\${destRel!.join('\\')}` : resolve(ctx.io.cwd, dest);
  let out = '';
  let exported = 0;
  let value: number = PnpReturn.success;
  const copy = async (write: (parts: string[], data: Buffer) => Promise<void>) => {
    for (const p of packages) {
      out += `Exporting driver package:   ${p.publishedName} (${p.originalName})\n`;
      try {
        for (const f of p.files) {
          // Through the jail: a hand-edited state naming ".." is refused, a link in the store is not followed.
          const data = await readRegular(target.root, `${STORE_DIR}/${p.storeFolder}/${f.path}`, `driver store file of ${p.publishedName}`);
          if (!data) throw new Error('missing');
          await write([...(all ? [p.storeFolder] : []), ...f.path.split('/')], data);
        }
        exported++;
        out += 'Driver package exported successfully.\n';
      } catch (error) {
        if (error instanceof OutputRefused) {
          // A link, hard link or FIFO planted in the destination: refused as CreateFile would deny it, with the reason.
          value = PnpReturn.accessDenied;
          out += `Failed to export driver package: ${systemText(PnpReturn.accessDenied)} (${error.message})\n`;
          if (all) out += '\n';
          continue;
        }
        if (error instanceof WdksimError) throw error;
        value = PnpReturn.fileNotFound;
        out += `Failed to export driver package: ${systemText(PnpReturn.fileNotFound)}\n`;
      }
      if (all) out += '\n';
    }
  };
  if (destRel) {
    await target.transaction('pnputil /export-driver', (tx) => copy(async (parts, data) => void (await tx.writeFile([...destRel, ...parts].join('/'), data))));
  } else {
    // The destination folder is the user's; the package's names below it are checked (no planted link followed).
    const folder = new OutputFolder(outDir, 'the export folder', (p) => relative(ctx.io.cwd, p) || '.');
    await copy(async (parts, data) => folder.write(join(outDir, ...parts), data, 'pnputil /export-driver'));
  }
  if (all) out += `Total driver packages:     ${packages.length}\nExported driver packages:  ${exported}\n`;
  return result(value, out, { exported: packages.map((p) => p.publishedName), directory: outDir });
}

async function enumDrivers(ctx: Context, line: PnpLine): Promise<Result> {
  const { state } = await load(ctx);
  const view = viewOf(state);
  const cls = line.values.get('class');
  const files = line.flags.has('files');
  // Without /files, from the packages' listings (state-listing.ts: what is printed, a fifth of the records);
  // with /files, the records themselves, read one bucket at a time. Each package's block is made as it is
  // read and only [oem number, name, block] kept: at 10,000 packages no record is held to the end.
  const listed = <T>(make: (p: PackageListing, record: DriverPackageRecord | undefined) => T): T[] => {
    const keep = (p: PackageListing, record?: DriverPackageRecord): [number, string, T] | undefined => {
      const n = oemNumber(p);
      return n === undefined || (cls !== undefined && !classMatches(view, p.classGuid, cls)) ? undefined : [n, p.publishedName, make(p, record)];
    };
    const rows =
      state instanceof LazyState ? (files ? state.scan('packages', (p) => keep(p, p)) : state.scanListings('packages', (p) => keep(p))) : view.packages.map((p) => keep(p, p));
    return inOemOrder(rows.filter((r) => r !== undefined));
  };
  const out = listed((p, record) => flatString(driverBlock(view, p, files ? record : undefined))).join('');
  // The --json records are made only when printed (10,000 packages: not for the text listing).
  return result(PnpReturn.success, out, {
    get drivers() {
      return listed((p) => ({
        publishedName: p.publishedName,
        originalName: p.originalName,
        provider: p.provider,
        className: p.className,
        classGuid: p.classGuid,
        driverVersion: `${p.driverDate} ${p.driverVersion}`,
        signer: p.signer ?? null,
      }));
    },
  });
}

function deviceFilter(line: PnpLine): DeviceFilter | string {
  const filter: DeviceFilter = {};
  if (line.flags.has('connected') && line.flags.has('disconnected')) return 'Specify only one of /connected and /disconnected.';
  if (line.flags.has('connected')) filter.connected = true;
  if (line.flags.has('disconnected')) filter.disconnected = true;
  if (line.values.has('instanceid')) filter.instanceId = line.values.get('instanceid');
  if (line.values.has('deviceid')) filter.deviceId = line.values.get('deviceid');
  if (line.values.has('class')) filter.className = line.values.get('class');
  if (line.values.has('bus') && line.values.get('bus') !== undefined) filter.bus = line.values.get('bus');
  if (line.values.has('problem')) {
    const v = line.values.get('problem');
    filter.problem = v === undefined ? true : Number(v);
  }
  return filter;
}

async function enumDevices(ctx: Context, line: PnpLine): Promise<Result> {
  const filter = deviceFilter(line);
  if (typeof filter === 'string') return usageResult(filter);
  const { target, state } = await load(ctx);
  const view = viewOf(state);
  const devices = filterDevices(view, filter);
  const detail = {
    deviceIds: line.flags.has('deviceids'),
    services: line.flags.has('services'),
    stack: line.flags.has('stack'),
    drivers: line.flags.has('drivers'),
    bus: line.values.has('bus'),
  };
  const nodes = detail.drivers ? await driverNodes(target.root, state, devices) : undefined;
  const interfaces = line.flags.has('interfaces') ? await machineInterfaces(target.root, view) : undefined;
  const out =
    devices.length === 0
      ? 'No devices were found on the system.\n'
      : devices.map((d) => deviceBlock(view, d, detail, nodes?.get(d.instanceId), interfaces ? interfacesOf(interfaces, d.instanceId) : undefined)).join('');
  return result(PnpReturn.success, out, {
    devices: devices.map((d) => ({
      instanceId: d.instanceId,
      description: d.friendlyName ?? d.description,
      className: d.className,
      classGuid: d.classGuid,
      present: d.present,
      problem: d.disabled ? 22 : d.problem,
      driver: d.driver?.publishedName ?? null,
      hardwareIds: d.hardwareIds,
      compatibleIds: d.compatibleIds,
      service: d.service ?? null,
    })),
  });
}

async function enumClasses(ctx: Context, line: PnpLine): Promise<Result> {
  const { state } = await load(ctx);
  const view = viewOf(state);
  const cls = line.values.get('class');
  const classes = classOrder(view.classes).filter((c) => cls === undefined || classMatches(view, c.guid, cls));
  const out = classes.length === 0 ? 'No device classes were found on the system.\n' : classes.map((c) => classBlock(c, line.flags.has('services'))).join('');
  return result(PnpReturn.success, out, {
    classes: classes.map((c) => ({ name: c.name, description: c.description, guid: c.guid, upperFilters: c.upperFilters ?? [], lowerFilters: c.lowerFilters ?? [] })),
  });
}

/** Switches each of the newer enumeration commands takes (anything else is a usage error naming them). */
const ALLOWED: Record<string, { flags: string[]; values: string[]; positional: number; syntax: string }> = {
  'enum-devicetree': {
    flags: ['connected', 'services', 'stack', 'drivers', 'interfaces'],
    values: [],
    positional: 1,
    syntax: '/enum-devicetree [<root instance ID>] [/connected] [/services] [/stack] [/drivers] [/interfaces]',
  },
  'enum-interfaces': {
    flags: ['enabled', 'disabled', 'properties'],
    values: ['class'],
    positional: 0,
    syntax: '/enum-interfaces [/enabled | /disabled] [/class <GUID>] [/properties]',
  },
  'enum-containers': {
    flags: ['connected', 'disconnected', 'devices'],
    values: ['containerid', 'problem', 'format', 'output-file'],
    positional: 0,
    syntax: '/enum-containers [/containerid <container ID>] [/connected | /disconnected] [/problem] [/devices] [/format <txt | xml | csv>] [/output-file [<filename>]]',
  },
};

function switchError(line: PnpLine, command: keyof typeof ALLOWED): string | undefined {
  const allowed = ALLOWED[command]!;
  const bad = [...line.flags].find((f) => !allowed.flags.includes(f)) ?? [...line.values.keys()].find((v) => !allowed.values.includes(v));
  if (bad !== undefined) return `Invalid switch for /${command}: /${bad}. Use ${allowed.syntax}.`;
  if (line.positional.length > allowed.positional) return `Unexpected argument for /${command}: ${line.positional[allowed.positional]}. Use ${allowed.syntax}.`;
  return undefined;
}

async function enumDeviceTree(ctx: Context, line: PnpLine): Promise<Result> {
  const bad = switchError(line, 'enum-devicetree');
  if (bad) return usageResult(bad);
  const { target, state } = await load(ctx);
  const view = viewOf(state);
  const rootId = line.positional[0];
  const tree = buildTree(view, rootId, line.flags.has('connected'));
  if (!tree)
    return result(PnpReturn.noSuchDevinst, `Failed to enumerate device tree: ${systemText(PnpReturn.noSuchDevinst)}\n`, { root: rootId, error: 'no such device instance' });
  const detail = { services: line.flags.has('services'), stack: line.flags.has('stack'), drivers: line.flags.has('drivers') };
  const nodes = detail.drivers ? await driverNodes(target.root, state, treeDevices(tree)) : undefined;
  const interfaces = line.flags.has('interfaces') ? await machineInterfaces(target.root, view) : undefined;
  return result(PnpReturn.success, treeText(view, tree, detail, nodes, interfaces), { tree: treeJson(tree) });
}

async function enumInterfaces(ctx: Context, line: PnpLine): Promise<Result> {
  const bad = switchError(line, 'enum-interfaces');
  if (bad) return usageResult(bad);
  if (line.flags.has('enabled') && line.flags.has('disabled')) return usageResult('Specify only one of /enabled and /disabled.');
  const cls = line.values.get('class');
  const guid = cls === undefined ? undefined : normalizeGuid(cls);
  if (cls !== undefined && !guid) return usageResult(`Invalid interface class GUID: ${cls}. Use /class {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}.`);
  const { target, state } = await load(ctx);
  const view = viewOf(state);
  const list = (await machineInterfaces(target.root, view)).filter((i) => {
    if (guid !== undefined && i.classGuid !== guid) return false;
    if (line.flags.has('enabled') && !i.enabled) return false;
    if (line.flags.has('disabled') && i.enabled) return false;
    return true;
  });
  // Container IDs only for /properties: working them out groups every device on the machine.
  const containers = line.flags.has('properties') ? containerIdsOf(view) : undefined;
  const out =
    list.length === 0
      ? 'No device interfaces were found on the system.\n'
      : list.map((i) => interfaceBlock(i, containers ? { containerId: containers.get(i.instanceId.toUpperCase()) ?? SYSTEM_CONTAINER } : undefined)).join('');
  return result(PnpReturn.success, out, {
    interfaces: list.map((i) => ({
      path: i.path,
      classGuid: i.classGuid,
      referenceString: i.referenceString ?? null,
      instanceId: i.instanceId,
      status: i.enabled ? 'Enabled' : 'Disabled',
      source: i.source,
    })),
  });
}

function containerIdsOf(view: ReturnType<typeof viewOf>): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of machineContainers(view, undefined)) for (const d of c.devices) map.set(d.instanceId.toUpperCase(), c.containerId);
  return map;
}

const COMPUTER_NAME_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName';

async function enumContainers(ctx: Context, line: PnpLine): Promise<Result> {
  const bad = switchError(line, 'enum-containers');
  if (bad) return usageResult(bad);
  if (line.flags.has('connected') && line.flags.has('disconnected')) return usageResult('Specify only one of /connected and /disconnected.');
  if (line.values.get('problem') !== undefined) return usageResult(`/problem takes no code for /enum-containers: remove ${line.values.get('problem')}.`);
  const formatArg = line.values.get('format') ?? 'txt';
  const format = (['txt', 'xml', 'csv'] as const).find((f) => f === formatArg.toLowerCase());
  if (!format) return usageResult(`Invalid format: ${formatArg}. Use /format txt, /format xml or /format csv.`);
  const filter: ContainerFilter = {};
  const id = line.values.get('containerid');
  if (id !== undefined) {
    const guid = normalizeGuid(id);
    if (!guid) return usageResult(`Invalid container ID: ${id}. Use /containerid {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}.`);
    filter.containerId = guid;
  }
  if (line.flags.has('connected')) filter.connected = true;
  if (line.flags.has('disconnected')) filter.disconnected = true;
  if (line.values.has('problem')) filter.problem = true;
  // Check the output file before reading the machine: a refused name changes nothing.
  let outPath: string | undefined;
  if (line.values.has('output-file')) {
    try {
      outPath = await resolveOutputFile(ctx.io.cwd, line.values.get('output-file') ?? defaultOutputName(format));
    } catch (error) {
      if (!(error instanceof OutputFileError)) throw error;
      return result(error.code, `Failed to write output file: ${error.message}\n`, { error: error.message });
    }
  }
  const { state } = await load(ctx);
  const view = viewOf(state);
  const nameValue = new Registry(state.registry).getValue(COMPUTER_NAME_KEY, 'ComputerName')?.data;
  const computerName = typeof nameValue === 'string' && nameValue ? nameValue : undefined;
  const containers = filterContainers(machineContainers(view, computerName), filter);
  const devices = line.flags.has('devices');
  const version = `${state.os.major}.${state.os.minor}.${state.os.build}`;
  const body = format === 'xml' ? containerXml(containers, devices, version, line.text) : format === 'csv' ? containerCsv(containers, devices) : containerText(containers, devices);
  const json = {
    format,
    outputFile: outPath ?? null,
    containers: containers.map((c) => ({
      containerId: c.containerId,
      description: c.description,
      manufacturer: c.manufacturer ?? null,
      status: c.connected ? 'Connected' : 'Disconnected',
      devices: c.devices.map((d) => d.instanceId),
    })),
  };
  if (outPath !== undefined) {
    try {
      await writeOutputFile(outPath, body);
    } catch (error) {
      if (!(error instanceof OutputFileError)) throw error;
      return result(error.code, `Failed to write output file: ${error.message}\n`, { ...json, error: error.message });
    }
    return result(PnpReturn.success, '', json);
  }
  const res = result(PnpReturn.success, body, json);
  if (format !== 'txt') res.raw = true;
  return res;
}

const VERBS = {
  'enable-device': { ing: 'Enabling device:', done: 'Device enabled successfully.', verb: 'enable' },
  'disable-device': { ing: 'Disabling device:', done: 'Device disabled successfully.', verb: 'disable' },
  'restart-device': { ing: 'Restarting device:', done: 'Device restarted successfully.', verb: 'restart' },
  'remove-device': { ing: 'Removing device:', done: 'Device removed successfully.', verb: 'remove' },
} as const;

async function deviceOperation(ctx: Context, line: PnpLine, command: keyof typeof VERBS): Promise<Result> {
  const words = VERBS[command];
  const instanceId = line.positional[0];
  if (line.positional.length > 1) return usageResult('Too many arguments.');
  const filter: DeviceFilter = {};
  if (line.values.has('deviceid')) filter.deviceId = line.values.get('deviceid');
  if (line.values.has('class')) filter.className = line.values.get('class');
  if (line.values.get('bus') !== undefined) filter.bus = line.values.get('bus');
  if (instanceId === undefined && Object.keys(filter).length === 0) return usageResult('Missing device instance ID.');
  if (instanceId !== undefined) filter.instanceId = instanceId;
  // Only remove acts on devices that are not connected (it forgets them).
  if (command !== 'remove-device') filter.connected = true;
  const target = await openTarget(ctx);
  const outcome = await target.transaction(`pnputil /${command}`, async (tx) => {
    const view = viewOf(tx.state);
    const devices = filterDevices(view, filter);
    let out = '';
    let value: number = PnpReturn.success;
    let reboot = false;
    const results: Record<string, unknown>[] = [];
    if (devices.length === 0) {
      if (instanceId !== undefined) {
        out += `${words.ing.padEnd(24)}${instanceId}\nFailed to ${words.verb} device: ${systemText(PnpReturn.noSuchDevinst)}\n`;
        value = PnpReturn.noSuchDevinst;
      } else {
        out += 'No devices were found on the system.\n';
        value = PnpReturn.noSuchDevinst;
      }
    }
    for (const [i, d] of devices.entries()) {
      if (i > 0) out += '\n';
      out += `${words.ing.padEnd(24)}${d.instanceId}\n`;
      let change: ChangeOutcome;
      if (command === 'enable-device' || command === 'disable-device') change = await changeEnabled(tx, d.instanceId, command === 'enable-device');
      else if (command === 'restart-device') change = await changeRestart(tx, d.instanceId);
      else change = await changeRemove(tx, d.instanceId);
      if (change === 'failed') {
        out += `Failed to ${words.verb} device: ${systemText(PnpReturn.notSupported)}\n`;
        value = PnpReturn.notSupported;
      } else {
        out += `${words.done}\n`;
        if (change === 'reboot') reboot = true;
      }
      results.push({ instanceId: d.instanceId, result: change });
    }
    return { out, value, reboot, results };
  });
  let { out, value } = outcome;
  if (value === PnpReturn.success && outcome.reboot) {
    const r = await rebootIfAsked(target, line, true);
    out += r.out;
    value = r.value;
  }
  return result(value, out, { devices: outcome.results });
}

async function scanDevices(ctx: Context, line: PnpLine): Promise<Result> {
  const target = await openTarget(ctx);
  const instanceId = line.values.get('instanceid');
  if (instanceId !== undefined && !(await target.read()).devices.some((d) => sameText(d.instanceId, instanceId))) {
    return result(PnpReturn.noSuchDevinst, `Scanning for device hardware changes.\nFailed to scan devices: ${systemText(PnpReturn.noSuchDevinst)}\n`);
  }
  const added = await target.transaction('pnputil /scan-devices', (tx) => rescanTarget(tx));
  return result(PnpReturn.success, 'Scanning for device hardware changes.\nScan complete.\n', { newDevices: added });
}

function usageResult(message: string): Result {
  return result(PnpReturn.invalidParameter, `${message}\n\n${USAGE}`, { error: message });
}

async function dispatch(ctx: Context, line: PnpLine): Promise<Result> {
  if (line.error) return usageResult(line.error);
  switch (line.command) {
    case 'add-driver':
      return addDriver(ctx, line);
    case 'delete-driver':
      return deleteDriver(ctx, line);
    case 'export-driver':
      return exportDriver(ctx, line);
    case 'enum-drivers':
      return enumDrivers(ctx, line);
    case 'enum-devices':
      return enumDevices(ctx, line);
    case 'enum-classes':
      return enumClasses(ctx, line);
    case 'enable-device':
    case 'disable-device':
    case 'restart-device':
    case 'remove-device':
      return deviceOperation(ctx, line, line.command);
    case 'scan-devices':
      return scanDevices(ctx, line);
    case 'enum-devicetree':
      return enumDeviceTree(ctx, line);
    case 'enum-interfaces':
      return enumInterfaces(ctx, line);
    case 'enum-containers':
      return enumContainers(ctx, line);
    default:
      return result(PnpReturn.success, USAGE);
  }
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    ctx.io.stdout(helpText());
    return 0;
  }
  const line = parsePnpLine(argv);
  const res = await dispatch(ctx, line);
  const exit = posixExit(res.value);
  if (line.json)
    ctx.io.stdout(
      JSON.stringify({ tool: 'pnputil', command: line.command ?? null, returnValue: res.value >>> 0, exitCode: exit, ...res.json } satisfies PnputilJson, null, 2) + '\n',
    );
  else ctx.io.stdout(res.raw ? res.out : BANNER + res.out);
  return exit;
}

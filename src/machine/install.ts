// Installing a staged package on devices (devcon install/update, pnputil
// /add-driver /install): plan (match, rank, choose the DDInstall section for
// this machine's architecture and build), then apply in Windows' order
// (inf-format.md §2.17): file queue → DelReg/AddReg (software key) → .HW →
// .Services → .Wdf → .CoInstallers → driver-node properties → start.
import { parseInf } from '../inf/parse.js';
import { createHash } from 'node:crypto';
import type { InfDocument } from '../inf/document.js';
import { platformSectionNames } from '../inf/ddinstall.js';
import { checkDeviceId } from '../inf/hwid.js';
import { referencedFiles } from '../package/files.js';
import type { Arch } from '../inf/arch.js';
import { TargetError } from '../errors.js';
import { InstallError, SetupError } from './install-error.js';
import { STORE_DIR, toWindowsPath } from './layout.js';
import { Problem, type DeviceRecord, type DriverPackageRecord } from './model.js';
import { windowsPathToComponents } from './paths.js';
import { applyRegDirectives, parseInfInt } from './reg-apply.js';
import { applyReg, applyServices, applyWdf, fileQueue, indirectString, withNeeds, type RunContext, type SectionRef } from './sections.js';
import type { LogSection } from './setupapi-log.js';
import { logImportsRolledBack, stageDriverPackage } from './stage.js';
import { checkStoreCopy } from './store-check.js';
import type { Transaction } from './target.js';
import { bestCandidate, compareCandidates, findCandidates, formatRank, type Candidate } from './match.js';
import { classKey, enumKey, hardwareKey, softwareKey } from './keys.js';
import { evaluateProblem } from './device-status.js';
import { editDevice } from './device-json.js';
import { versionFacts } from './inf-facts.js';

export interface InstallOptions {
  infPath?: string;
  publishedName?: string;
  hardwareId: string;
  createRootDevice?: boolean;
  force?: boolean;
  /** Fail (ERROR_NO_SUCH_DEVINST) when no present device got the driver, as UpdateDriverForPlugAndPlayDevices does. */
  requireDevice?: boolean;
  /** Log section title, e.g. "Device Install (UpdateDriverForPlugAndPlayDevices)". */
  caller?: string;
}
export interface InstallResult {
  publishedName: string;
  devices: DeviceRecord[];
  created?: string;
  skipped: string[];
  rebootRequired: boolean;
}

/** The store copy of a package's INF, parsed with DIRID 13 (and 1) bound to its store folder. */
export async function loadStoredInf(tx: Transaction, pkg: DriverPackageRecord): Promise<{ doc: InfDocument; storeWin: string; infFile: string }> {
  const infFile = pkg.files.find((f) => f.path.toLowerCase() === pkg.originalName.toLowerCase())?.path ?? pkg.originalName;
  const bytes = await tx.readFile(`${STORE_DIR}/${pkg.storeFolder}/${infFile}`);
  if (!bytes) throw new TargetError(`the driver store entry ${pkg.storeFolder} of ${pkg.publishedName} is missing its INF; run wdksim target verify`);
  const storeWin = toWindowsPath(`${STORE_DIR}/${pkg.storeFolder}`);
  const doc = parseInf(bytes, {
    file: pkg.publishedName,
    dirids: new Map([
      [13, storeWin],
      [1, storeWin],
    ]),
  });
  return { doc, storeWin, infFile };
}

export function findPackage(tx: Transaction, publishedName: string): DriverPackageRecord {
  const pkg = tx.records ? tx.records.getPackage(publishedName) : tx.state.packages.find((p) => p.publishedName.toLowerCase() === publishedName.toLowerCase());
  if (!pkg)
    throw new InstallError(
      `${publishedName} is not a published driver package on the target (use the oemN.inf name that dp_enum / pnputil /enum-drivers lists)`,
      SetupError.notAnInstalledOemInf,
    );
  return pkg;
}

const deviceMatches = (d: DeviceRecord, id: string): boolean => {
  const u = id.toUpperCase();
  return d.hardwareIds.some((h) => h.toUpperCase() === u) || d.compatibleIds.some((c) => c.toUpperCase() === u);
};

/** Next free ROOT\<CLASS>\NNNN (devcon install's root devnodes use it too). */
export function newRootInstanceId(devices: readonly DeviceRecord[], className: string): string {
  const prefix = `ROOT\\${(className || 'UNKNOWN').toUpperCase()}\\`;
  const used = new Set(devices.filter((d) => d.instanceId.toUpperCase().startsWith(prefix)).map((d) => Number(d.instanceId.slice(prefix.length))));
  let n = 0;
  while (used.has(n)) n++;
  return `${prefix}${String(n).padStart(4, '0')}`;
}

export async function installDriverOnDevices(tx: Transaction, options: InstallOptions): Promise<InstallResult> {
  try {
    return await installOnDevices(tx, options);
  } catch (error) {
    // The transaction is rolled back: a package staged by this call is not in the store after all.
    logImportsRolledBack(tx, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

async function installOnDevices(tx: Transaction, options: InstallOptions): Promise<InstallResult> {
  const state = tx.state;
  const problem = checkDeviceId(options.hardwareId);
  if (problem) throw new InstallError(`"${options.hardwareId}" is not a valid hardware ID (${problem})`, SetupError.invalidData);
  let publishedName = options.publishedName;
  if (options.infPath) publishedName = (await stageDriverPackage(tx, options.infPath)).publishedName;
  if (!publishedName) throw new TargetError('installDriverOnDevices needs infPath or publishedName');
  const pkg = findPackage(tx, publishedName);
  await checkStoreCopy(tx, pkg);
  const { doc } = await loadStoredInf(tx, pkg);
  const facts = versionFacts(doc);
  // A known class keeps the machine's spelling of its GUID.
  const known = state.classes.find((c) => c.guid.toLowerCase() === facts.classGuid.toLowerCase());
  if (known) facts.classGuid = known.guid;

  // The INF must have a driver for the hardware ID on this machine (arch and build).
  const forId = findCandidates(doc, state.os, { hardwareIds: [options.hardwareId], compatibleIds: [] }, true);
  if (forId.length === 0) {
    throw new InstallError(
      `${pkg.originalName} (${pkg.publishedName}) has no driver for ${options.hardwareId} on ${state.os.name} ${state.os.arch} (no Models entry for this ID in the Models sections that apply to build ${state.os.build})`,
      SetupError.noDriverSelected,
    );
  }

  let created: string | undefined;
  if (options.createRootDevice) {
    const className = facts.className || known?.name || 'Unknown';
    created = tx.records ? tx.records.newRootInstanceId(className) : newRootInstanceId(state.devices, className);
    const device: DeviceRecord = {
      instanceId: created,
      hardwareIds: [options.hardwareId],
      compatibleIds: [],
      classGuid: facts.classGuid,
      className,
      description: bestCandidate(forId)!.description,
      parent: 'HTREE\\ROOT\\0',
      present: true,
      rootEnumerated: true,
      disabled: false,
      problem: Problem.notConfigured,
    };
    if (tx.records) tx.records.addDevice(device);
    else state.devices.push(device);
    const key = enumKey(created);
    tx.registry.setValue(key, 'HardwareID', { type: 'REG_MULTI_SZ', data: [options.hardwareId] });
    tx.registry.setValue(key, 'ClassGUID', { type: 'REG_SZ', data: facts.classGuid });
    tx.registry.setValue(key, 'Class', { type: 'REG_SZ', data: className });
    tx.registry.setValue(key, 'ConfigFlags', { type: 'REG_DWORD', data: 0 });
    const log = tx.log(`Device Install (DiCreateDeviceInfo) - ${created}`);
    log.entry('dvi:', `Created device node ${created} (class ${className} ${facts.classGuid}).`);
  }

  const result: InstallResult = { publishedName: pkg.publishedName, devices: [], skipped: [], rebootRequired: false, ...(created ? { created } : {}) };
  // The devices with the ID, in the order they were added (looked up by ID, not by a walk over every device).
  const withId = tx.records ? tx.records.devicesWithId(options.hardwareId) : state.devices;
  for (const device of withId) {
    if (!device.present || !deviceMatches(device, options.hardwareId)) continue;
    const log = tx.log(`${options.caller ?? 'Device Install (UpdateDriverForPlugAndPlayDevices)'} - ${device.instanceId}`);
    const candidates = findCandidates(doc, state.os, device, true);
    const best = bestCandidate(candidates);
    if (!best) continue;
    log
      .entry('dvi:', 'Found driver match:')
      .entry('dvi:', `     HardwareID   - ${best.matchingId}`)
      .entry('dvi:', `     InfName      - ${toWindowsPath(`${STORE_DIR}/${pkg.storeFolder}/${pkg.originalName}`)}`)
      .entry('dvi:', `     DevDesc      - ${best.description}`)
      .entry('dvi:', `     Section      - ${best.installSection ?? best.installBase}`)
      .entry('dvi:', `     Rank         - 0x${formatRank(best.rank).toLowerCase()}`)
      .entry('dvi:', `     Signer Score - ${pkg.testSigned === false ? 'WHQL' : 'Authenticode'}`)
      .entry('dvi:', `     DrvDate      - ${best.driverDate}`)
      .entry('dvi:', `     Version      - ${best.driverVersion}`);
    // FeatureScore (the GG byte of the rank) is worth its own line when the INF sets one.
    if (best.featureScore !== 0xff)
      log.entry('dvi:', `     FeatureScore - 0x${best.featureScore.toString(16).padStart(2, '0').toUpperCase()} (rank 0x${formatRank(best.rank).toLowerCase()})`);
    const extension = facts.classGuid.toLowerCase() === EXTENSION_CLASS;
    if (!options.force && !extension && device.driver && device.driver.publishedName.toLowerCase() !== pkg.publishedName.toLowerCase()) {
      const current = { rank: parseInt(device.driver.rank, 16), driverVer: parseDv(device.driver.driverDate, device.driver.driverVersion) };
      if (compareCandidates(current, best) <= 0) {
        log.entry('dvi:', `Device already has a better or equal driver (${device.driver.publishedName}, rank 0x${device.driver.rank.toLowerCase()}); not installed.`);
        result.skipped.push(device.instanceId);
        continue;
      }
    }
    await applyInstall(tx, device, pkg, doc, best, log);
    result.devices.push(device);
    if (device.rebootRequired) result.rebootRequired = true;
  }
  if (options.requireDevice && result.devices.length === 0)
    throw new InstallError(`no present device on the target has the hardware ID ${options.hardwareId}`, SetupError.noSuchDevinst);
  return result;
}

function parseDv(date: string, version: string) {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date);
  const v = version.split('.').map(Number);
  return m
    ? {
        date: { month: Number(m[1]), day: Number(m[2]), year: Number(m[3]) },
        version: [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0, v[3] ?? 0] as [number, number, number, number],
        hasVersion: true,
      }
    : undefined;
}

/** A run context for a package in the driver store: sources are the store folder's files, DIRID 13 that folder. */
export function storeRunContext(tx: Transaction, pkg: DriverPackageRecord, doc: InfDocument, log: LogSection, device?: DeviceRecord): RunContext {
  const sources = new Map<string, string>();
  for (const ref of referencedFiles(doc, tx.state.os.arch as Arch)) {
    // The system's own files ([Version] LayoutFile) were never in the package.
    if (!ref.fromLayout) sources.set(ref.name.toLowerCase(), `${STORE_DIR}/${pkg.storeFolder}/${ref.relativePath}`);
  }
  return {
    tx,
    doc,
    infName: pkg.originalName,
    owner: pkg.publishedName,
    storeWin: toWindowsPath(`${STORE_DIR}/${pkg.storeFolder}`),
    log,
    files: [],
    nullDriver: false,
    made: { services: [], files: [] },
    ...(device ? { device } : {}),
    async readSource(name: string) {
      const rel = sources.get(name.toLowerCase());
      if (!rel) return undefined;
      const bytes = await tx.readFile(rel);
      if (!bytes)
        throw new InstallError(`${pkg.originalName}: ${name} is missing from the driver store folder ${pkg.storeFolder}; run wdksim target verify`, SetupError.fileNotFound);
      return { bytes, rel, display: toWindowsPath(rel) };
    },
  };
}

async function applyInstall(tx: Transaction, device: DeviceRecord, pkg: DriverPackageRecord, doc: InfDocument, cand: Candidate, log: LogSection): Promise<void> {
  const state = tx.state;
  if (!cand.installSection) {
    throw new InstallError(
      `${pkg.originalName}: install section [${cand.installBase}] (or .NT${state.os.arch} / .NT) not found for ${device.instanceId}`,
      SetupError.sectionNotFound,
    );
  }
  const chosen = cand.installSection;
  const facts = versionFacts(doc, chosen);
  const known = state.classes.find((c) => c.guid.toLowerCase() === facts.classGuid.toLowerCase());
  if (known) facts.classGuid = known.guid;
  const a = storeRunContext(tx, pkg, doc, log, device);
  if (facts.classGuid.toLowerCase() === EXTENSION_CLASS) {
    await applyExtension(a, chosen);
    return;
  }
  log.begin('dvi:', 'Install Device');
  log.entry('dvi:', `Install section: [${chosen}] (${pkg.publishedName})`);

  // Device class: install it from [ClassInstall32] if the machine does not know it yet.
  installClass(a, facts.classGuid, facts.className);
  // The device record changes below: its stored JSON text must be remade (device-json.ts).
  const edited = editDevice(device);
  edited.classGuid = facts.classGuid || device.classGuid;
  edited.className = facts.className || device.className;

  // Software key: reuse the device's own, else the next NNNN under the class key.
  const devKey = enumKey(device.instanceId);
  const previous = tx.registry.getValue(devKey, 'Driver')?.data;
  let driverKey = typeof previous === 'string' && previous.toLowerCase().startsWith(device.classGuid.toLowerCase() + '\\') ? previous : undefined;
  if (!driverKey) {
    // The first free NNNN under the class key (looked up key by key: no scan of the whole registry).
    driverKey = `${device.classGuid}\\${tx.registry.firstFreeNumberedSubkey(classKey(device.classGuid))}`;
  } else {
    tx.registry.deleteKey(softwareKey(driverKey));
  }
  const swKey = softwareKey(driverKey);
  tx.registry.createKey(swKey);
  const reg = tx.registry;

  // 1. The DDInstall section (and its Needs): file queue, then DelReg/AddReg with HKR = software key.
  const main = withNeeds(a, chosen);
  for (const ref of main) {
    await fileQueue(a, ref);
    applyReg([ref], { hkr: swKey, registry: reg, log });
  }
  // Network adapters: the Net-class directives of the DDInstall section, written to the driver key.
  if (edited.classGuid.toLowerCase() === NET_CLASS) writeNetDirectives(a, main, swKey, cand);
  // 2. .HW: HKR = hardware key; devnode properties (filters, security...) land on the device key.
  edited.upperFilters = undefined;
  edited.lowerFilters = undefined;
  applyReg(withNeeds(a, `${chosen}.HW`), { hkr: hardwareKey(device.instanceId), devnodeKey: devKey, registry: reg, log });
  // 3. .Services (with the services of system INFs it Needs).
  for (const ref of withNeeds(a, `${chosen}.Services`)) applyServices(a, ref);
  // 4. .Wdf.
  applyWdf(a, `${chosen}.Wdf`);
  // 5. .CoInstallers (legacy): files and software-key registry.
  for (const ref of withNeeds(a, `${chosen}.CoInstallers`)) {
    await fileQueue(a, ref);
    applyReg([ref], { hkr: swKey, registry: reg, log });
  }
  syncClassFilters(tx);

  // 6. Driver node properties and the device's Enum key.
  const infSectionExt = chosen.length > cand.installBase.length ? chosen.slice(cand.installBase.length) : '';
  reg.setValue(swKey, 'DriverDate', { type: 'REG_SZ', data: facts.driverDate.replace(/\/0?/g, '-').replace(/^0/, '') });
  reg.setValue(swKey, 'DriverDesc', { type: 'REG_SZ', data: cand.description });
  reg.setValue(swKey, 'DriverVersion', { type: 'REG_SZ', data: facts.driverVersion });
  reg.setValue(swKey, 'InfPath', { type: 'REG_SZ', data: pkg.publishedName });
  reg.setValue(swKey, 'InfSection', { type: 'REG_SZ', data: cand.installBase });
  if (infSectionExt) reg.setValue(swKey, 'InfSectionExt', { type: 'REG_SZ', data: infSectionExt });
  reg.setValue(swKey, 'MatchingDeviceId', { type: 'REG_SZ', data: cand.matchingId.toLowerCase() });
  reg.setValue(swKey, 'ProviderName', { type: 'REG_SZ', data: facts.provider });
  // DeviceDesc and Mfg are localizable: Windows stores them as @oemN.inf,%strkey%;text.
  const modelsEntry = doc.section(cand.modelsSection)?.entries.find((e) => e.line === cand.line);
  reg.setValue(devKey, 'DeviceDesc', { type: 'REG_SZ', data: indirectString(modelsEntry?.rawKey, cand.description, pkg.publishedName) });
  reg.setValue(devKey, 'HardwareID', { type: 'REG_MULTI_SZ', data: [...device.hardwareIds] });
  if (device.compatibleIds.length) reg.setValue(devKey, 'CompatibleIDs', { type: 'REG_MULTI_SZ', data: [...device.compatibleIds] });
  reg.setValue(devKey, 'Class', { type: 'REG_SZ', data: device.className });
  reg.setValue(devKey, 'ClassGUID', { type: 'REG_SZ', data: device.classGuid });
  reg.setValue(devKey, 'Driver', { type: 'REG_SZ', data: driverKey });
  reg.setValue(devKey, 'Mfg', { type: 'REG_SZ', data: indirectString(cand.manufacturerRaw, cand.manufacturer, pkg.publishedName) });
  reg.deleteValue(devKey, 'Service');
  if (a.assocService) reg.setValue(devKey, 'Service', { type: 'REG_SZ', data: a.assocService });
  const upper = reg.getValue(devKey, 'UpperFilters')?.data;
  const lower = reg.getValue(devKey, 'LowerFilters')?.data;

  edited.description = cand.description;
  edited.manufacturer = cand.manufacturer;
  if (a.assocService) edited.service = a.assocService;
  else delete edited.service;
  if (Array.isArray(upper) && upper.length) edited.upperFilters = upper;
  else delete edited.upperFilters;
  if (Array.isArray(lower) && lower.length) edited.lowerFilters = lower;
  else delete edited.lowerFilters;
  edited.driver = {
    publishedName: pkg.publishedName,
    originalName: pkg.originalName,
    section: chosen,
    matchingId: cand.matchingId,
    rank: formatRank(cand.rank),
    driverDate: facts.driverDate,
    driverVersion: facts.driverVersion,
    provider: facts.provider,
    description: cand.description,
    files: a.files,
    ...(pkg.signer ? { signer: pkg.signer } : {}),
  };
  if (!a.assocService && !a.nullDriver) log.entry('dvi:', 'No function driver (no AddService with flag 0x2) for this device; it runs raw if its bus allows it.', 'warning');
  edited.problem = Problem.none;
  edited.problem = await evaluateProblem(state, reg, device, (win) => winFileExists(tx, win));
  delete edited.rebootRequired;
  log.end('dvi:', 'Install Device');
  if (device.problem === Problem.none) log.entry('dvi:', `Device started: ${device.instanceId}`);
  else
    log.entry('dvi:', `Device not started: Device has problem: 0x${device.problem.toString(16).padStart(2, '0')} (${device.problem}): ${problemName(device.problem)}.`, 'warning');
}

/** Class=Extension INFs add to the device's driver; they never become its driver. */
const EXTENSION_CLASS = '{e2f84ce7-8efa-411c-aa69-97454ca4cb57}';
const NET_CLASS = '{4d36e972-e325-11ce-bfc1-08002be10318}';

/**
 * The network-specific DDInstall entries (network DDInstall documentation):
 * Characteristics (DWORD), BusType (string), the NDIS keywords *IfType,
 * *MediaType, *PhysicalMediaType and the NetAdapterCx ones (DWORDs), read from
 * the DDInstall section, else from a section it Needs; then ComponentId (the
 * matching ID) and NetCfgInstanceId, which the network class installer adds.
 */
function writeNetDirectives(a: RunContext, refs: readonly SectionRef[], swKey: string, cand: Candidate): void {
  const reg = a.tx.registry;
  const find = (name: string) => {
    for (const ref of refs) {
      const v = ref.doc.section(ref.name)?.find(name)?.fields[0]?.trim();
      if (v !== undefined && v !== '') return v;
    }
    return undefined;
  };
  const characteristics = parseInfInt(find('Characteristics'));
  if (characteristics !== undefined) reg.setValue(swKey, 'Characteristics', { type: 'REG_DWORD', data: characteristics >>> 0 });
  else a.log.entry('dvi:', `[${refs[0]?.name}] has no Characteristics entry; a network DDInstall section must have one.`, 'warning');
  const busType = find('BusType');
  if (busType !== undefined) reg.setValue(swKey, 'BusType', { type: 'REG_SZ', data: String(parseInfInt(busType) ?? busType) });
  for (const name of NET_DWORD_DIRECTIVES) {
    const text = find(name);
    if (text === undefined) continue;
    const n = parseInfInt(text);
    if (n === undefined) a.log.entry('dvi:', `${name} = ${text} is not a number; not written.`, 'warning');
    else reg.setValue(swKey, name, { type: 'REG_DWORD', data: n >>> 0 });
  }
  const ifType = parseInfInt(find('*IfType'));
  if (ifType !== undefined) reg.setValue(swKey, 'IfTypePreStart', { type: 'REG_DWORD', data: ifType >>> 0 });
  reg.setValue(swKey, 'ComponentId', { type: 'REG_SZ', data: cand.matchingId.toLowerCase() });
  if (!reg.getValue(swKey, 'NetCfgInstanceId')) reg.setValue(swKey, 'NetCfgInstanceId', { type: 'REG_SZ', data: stableGuid(`NetCfgInstanceId:${a.device?.instanceId ?? ''}`) });
  if (a.device) reg.setValue(swKey, 'DeviceInstanceID', { type: 'REG_SZ', data: a.device.instanceId });
}

const NET_DWORD_DIRECTIVES = [
  '*IfType',
  '*MediaType',
  '*PhysicalMediaType',
  '*IfConnectorPresent',
  '*ConnectionType',
  '*DirectionType',
  '*AccessType',
  '*HardwareLoopback',
  '*NdisDeviceType',
  'NumberOfNetworkInterfaces',
];

/** A name-based GUID in Windows' upper-case braced form (the same device gets the same one on every run). */
function stableGuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}}`.toUpperCase();
}

/**
 * The class records follow the class keys: an INF that appends to a class
 * key's UpperFilters/LowerFilters (AddReg FLG_ADDREG_APPEND) changes the
 * filters every device of that class loads.
 */
export function syncClassFilters(tx: Transaction): void {
  for (const cls of tx.state.classes) {
    const key = classKey(cls.guid);
    for (const [value, field] of [
      ['UpperFilters', 'upperFilters'],
      ['LowerFilters', 'lowerFilters'],
    ] as const) {
      const data = tx.registry.getValue(key, value)?.data;
      const list = Array.isArray(data) ? data.filter((s) => s !== '') : [];
      if (list.length) cls[field] = list;
      else delete cls[field];
    }
  }
}

/**
 * An extension INF (inf-format.md §2.1 ExtensionId) on a device: its sections run
 * with HKR = the device's existing software key; class, driver node and
 * function driver stay those of the base driver.
 */
async function applyExtension(a: RunContext, chosen: string): Promise<void> {
  const { tx, doc, log } = a;
  const device = a.device!;
  log.begin('dvi:', 'Install Extension Driver');
  log.entry('dvi:', `Extension section: [${chosen}] (${a.owner})`);
  if (!device.driver) log.entry('dvi:', `${device.instanceId} has no base driver; the extension is applied but the device still needs one.`, 'warning');
  const devKey = enumKey(device.instanceId);
  const driverKey = tx.registry.getValue(devKey, 'Driver')?.data;
  const swKey = typeof driverKey === 'string' ? softwareKey(driverKey) : hardwareKey(device.instanceId);
  for (const ref of withNeeds(a, chosen)) {
    await fileQueue(a, ref);
    applyReg([ref], { hkr: swKey, registry: tx.registry, log });
  }
  applyReg(withNeeds(a, `${chosen}.HW`), { hkr: hardwareKey(device.instanceId), devnodeKey: devKey, registry: tx.registry, log });
  for (const ref of withNeeds(a, `${chosen}.Services`)) applyServices(a, ref);
  applyWdf(a, `${chosen}.Wdf`);
  syncClassFilters(tx);
  void doc;
  const upper = tx.registry.getValue(devKey, 'UpperFilters')?.data;
  const lower = tx.registry.getValue(devKey, 'LowerFilters')?.data;
  if (Array.isArray(upper) && upper.length) editDevice(device).upperFilters = upper;
  if (Array.isArray(lower) && lower.length) editDevice(device).lowerFilters = lower;
  editDevice(device).problem = await evaluateProblem(tx.state, tx.registry, device, (win) => winFileExists(tx, win));
  log.end('dvi:', 'Install Extension Driver');
}

export function problemName(code: number): string {
  switch (code) {
    case 1:
      return 'CM_PROB_NOT_CONFIGURED';
    case 10:
      return 'CM_PROB_FAILED_START';
    case 19:
      return 'CM_PROB_REGISTRY';
    case 22:
      return 'CM_PROB_DISABLED';
    case 28:
      return 'CM_PROB_FAILED_INSTALL';
    case 31:
      return 'CM_PROB_FAILED_ADD';
    case 39:
      return 'CM_PROB_DRIVER_FAILED_LOAD';
    case 52:
      return 'CM_PROB_UNSIGNED_DRIVER';
    default:
      return `problem ${code}`;
  }
}

export async function winFileExists(tx: Transaction, win: string): Promise<boolean> {
  let parts: string[];
  try {
    parts = windowsPathToComponents(win, 'service binary');
  } catch {
    return false;
  }
  return tx.exists(parts.join('/'));
}

function installClass(a: RunContext, guid: string, name: string): void {
  if (!guid) return;
  const state = a.tx.state;
  if (state.classes.some((c) => c.guid.toLowerCase() === guid.toLowerCase())) return;
  const key = classKey(guid);
  const arch = state.os.arch;
  const ci = platformSectionNames('ClassInstall32', arch)
    .map((n) => a.doc.section(n))
    .find((s) => s !== undefined);
  a.tx.registry.setValue(key, 'Class', { type: 'REG_SZ', data: name });
  if (ci) {
    a.log.entry('dvi:', `Installing class ${name} ${guid} from [${ci.name}].`);
    applyRegDirectives(a.doc, ci.name, { hkr: key, registry: a.tx.registry, log: a.log });
  }
  const desc = a.tx.registry.getValue(key, '')?.data;
  state.classes.push({ guid, name, description: typeof desc === 'string' && desc !== '' ? desc : name });
}

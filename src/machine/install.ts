// Installing a staged package on devices (devcon install/update, pnputil
// /add-driver /install): plan (match, rank, choose the DDInstall section for
// this machine's architecture and build), then apply in Windows' order
// (inf-format.md §2.17): file queue → DelReg/AddReg (software key) → .HW →
// .Services → .Wdf → .CoInstallers → driver-node properties → start.
import { parseInf } from '../inf/parse.js';
import type { InfDocument, InfSection } from '../inf/document.js';
import { diridPath } from '../inf/dirids.js';
import { platformSectionNames } from '../inf/ddinstall.js';
import { checkDeviceId } from '../inf/hwid.js';
import { referencedFiles } from '../package/files.js';
import type { Arch } from '../inf/arch.js';
import { TargetError } from '../errors.js';
import { InstallError, SetupError } from './install-error.js';
import { STORE_DIR, toWindowsPath } from './layout.js';
import { Problem, type DeviceRecord, type DriverPackageRecord } from './model.js';
import { splitRelative, windowsPathToComponents } from './paths.js';
import { applyRegDirectives, parseInfInt, type RegContext } from './reg-apply.js';
import type { LogSection } from './setupapi-log.js';
import { stageDriverPackage } from './stage.js';
import type { Transaction } from './target.js';
import { bestCandidate, compareCandidates, findCandidates, formatRank, type Candidate } from './match.js';
import { classKey, enumKey, eventLogKey, hardwareKey, serviceKey, softwareKey } from './keys.js';
import { evaluateProblem } from './device-status.js';
import { editDevice } from './device-json.js';
import { compareFrameworkVersion } from './os.js';
import { versionFacts } from './inf-facts.js';

export interface InstallOptions {
  infPath?: string;
  publishedName?: string;
  hardwareId: string;
  createRootDevice?: boolean;
  force?: boolean;
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
  const doc = parseInf(bytes, { file: pkg.publishedName, dirids: new Map([[13, storeWin], [1, storeWin]]) });
  return { doc, storeWin, infFile };
}

export function findPackage(tx: Transaction, publishedName: string): DriverPackageRecord {
  const pkg = tx.state.packages.find((p) => p.publishedName.toLowerCase() === publishedName.toLowerCase());
  if (!pkg) throw new InstallError(`${publishedName} is not a published driver package on the target (use the oemN.inf name that dp_enum / pnputil /enum-drivers lists)`, SetupError.notAnInstalledOemInf);
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
  const state = tx.state;
  const problem = checkDeviceId(options.hardwareId);
  if (problem) throw new InstallError(`"${options.hardwareId}" is not a valid hardware ID (${problem})`, SetupError.invalidData);
  let publishedName = options.publishedName;
  if (options.infPath) publishedName = (await stageDriverPackage(tx, options.infPath)).publishedName;
  if (!publishedName) throw new TargetError('installDriverOnDevices needs infPath or publishedName');
  const pkg = findPackage(tx, publishedName);
  const { doc } = await loadStoredInf(tx, pkg);
  const facts = versionFacts(doc);
  // A known class keeps the machine's spelling of its GUID.
  const known = state.classes.find((c) => c.guid.toLowerCase() === facts.classGuid.toLowerCase());
  if (known) facts.classGuid = known.guid;

  // The INF must have a driver for the hardware ID on this machine (arch and build).
  const forId = findCandidates(doc, state.os, { hardwareIds: [options.hardwareId], compatibleIds: [] }, true);
  if (forId.length === 0) {
    throw new InstallError(`${pkg.originalName} (${pkg.publishedName}) has no driver for ${options.hardwareId} on ${state.os.name} ${state.os.arch} (no Models entry for this ID in the Models sections that apply to build ${state.os.build})`, SetupError.noDriverSelected);
  }

  let created: string | undefined;
  if (options.createRootDevice) {
    const className = facts.className || known?.name || 'Unknown';
    created = newRootInstanceId(state.devices, className);
    state.devices.push({
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
    });
    const key = enumKey(created);
    tx.registry.setValue(key, 'HardwareID', { type: 'REG_MULTI_SZ', data: [options.hardwareId] });
    tx.registry.setValue(key, 'ClassGUID', { type: 'REG_SZ', data: facts.classGuid });
    tx.registry.setValue(key, 'Class', { type: 'REG_SZ', data: className });
    tx.registry.setValue(key, 'ConfigFlags', { type: 'REG_DWORD', data: 0 });
    const log = tx.log(`Device Install (DiCreateDeviceInfo) - ${created}`);
    log.entry('dvi:', `Created device node ${created} (class ${className} ${facts.classGuid}).`);
  }

  const result: InstallResult = { publishedName: pkg.publishedName, devices: [], skipped: [], rebootRequired: false, ...(created ? { created } : {}) };
  for (const device of state.devices) {
    if (!device.present || !deviceMatches(device, options.hardwareId)) continue;
    const log = tx.log(`${options.caller ?? 'Device Install (UpdateDriverForPlugAndPlayDevices)'} - ${device.instanceId}`);
    const candidates = findCandidates(doc, state.os, device, true);
    const best = bestCandidate(candidates);
    if (!best) continue;
    log.entry('dvi:', 'Found driver match:').entry('dvi:', `     HardwareID   - ${best.matchingId}`).entry('dvi:', `     InfName      - ${toWindowsPath(`${STORE_DIR}/${pkg.storeFolder}/${pkg.originalName}`)}`)
      .entry('dvi:', `     DevDesc      - ${best.description}`).entry('dvi:', `     Section      - ${best.installSection ?? best.installBase}`).entry('dvi:', `     Rank         - 0x${formatRank(best.rank).toLowerCase()}`)
      .entry('dvi:', `     Signer Score - ${pkg.testSigned === false ? 'WHQL' : 'Authenticode'}`).entry('dvi:', `     DrvDate      - ${best.driverDate}`).entry('dvi:', `     Version      - ${best.driverVersion}`);
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
  return result;
}

function parseDv(date: string, version: string) {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date);
  const v = version.split('.').map(Number);
  return m ? { date: { month: Number(m[1]), day: Number(m[2]), year: Number(m[3]) }, version: [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0, v[3] ?? 0] as [number, number, number, number], hasVersion: true } : undefined;
}

interface ApplyContext {
  tx: Transaction;
  doc: InfDocument;
  pkg: DriverPackageRecord;
  device: DeviceRecord;
  log: LogSection;
  /** lower-case source file name → target-relative path in the store folder. */
  sources: Map<string, string>;
  files: string[];
  assocService?: string;
  nullDriver: boolean;
}

/** Sections Windows would run from system INFs that wdksim has no copy of: the services they add. */
const SYSTEM_NEEDS: Record<string, { name: string; binary: string }> = {
  'wudfrd.nt.services': { name: 'WUDFRd', binary: '\\SystemRoot\\System32\\drivers\\WUDFRd.sys' },
  'winusb.nt.services': { name: 'WinUSB', binary: '\\SystemRoot\\System32\\drivers\\WinUSB.SYS' },
};

function listField(section: InfSection | undefined, key: string): string[] {
  return section?.findAll(key).flatMap((e) => e.fields.map((f) => f.trim()).filter((f) => f !== '')) ?? [];
}

/** The section itself plus the sections its Needs names (those present in this INF). */
function withNeeds(a: ApplyContext, name: string): string[] {
  const section = a.doc.section(name);
  if (!section) return [];
  const out = [section.name];
  for (const need of listField(section, 'Needs')) {
    if (a.doc.has(need)) out.push(a.doc.section(need)!.name);
    else if (!SYSTEM_NEEDS[need.toLowerCase()]) a.log.entry('inf:', `Needs section [${need}] is in an included system INF (${listField(section, 'Include').join(', ') || 'none'}) that the simulated target does not have; skipped`, 'warning');
  }
  return out;
}

async function applyInstall(tx: Transaction, device: DeviceRecord, pkg: DriverPackageRecord, doc: InfDocument, cand: Candidate, log: LogSection): Promise<void> {
  const state = tx.state;
  if (!cand.installSection) {
    throw new InstallError(`${pkg.originalName}: install section [${cand.installBase}] (or .NT${state.os.arch} / .NT) not found for ${device.instanceId}`, SetupError.sectionNotFound);
  }
  const chosen = cand.installSection;
  const facts = versionFacts(doc, chosen);
  const known = state.classes.find((c) => c.guid.toLowerCase() === facts.classGuid.toLowerCase());
  if (known) facts.classGuid = known.guid;
  const sources = new Map<string, string>();
  for (const ref of referencedFiles(doc, state.os.arch as Arch)) sources.set(ref.name.toLowerCase(), `${STORE_DIR}/${pkg.storeFolder}/${ref.relativePath}`);
  const a: ApplyContext = { tx, doc, pkg, device, log, sources, files: [], nullDriver: false };
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

  // 1. The DDInstall section (and its Needs): file queue, then DelReg/AddReg with HKR = software key.
  for (const name of withNeeds(a, chosen)) {
    await fileQueue(a, name);
    applyRegDirectives(doc, name, { hkr: swKey, registry: tx.registry, log });
  }
  // 2. .HW: HKR = hardware key; devnode properties (filters, security...) land on the device key.
  edited.upperFilters = undefined;
  edited.lowerFilters = undefined;
  for (const name of withNeeds(a, `${chosen}.HW`)) applyRegDirectives(doc, name, { hkr: hardwareKey(device.instanceId), devnodeKey: devKey, registry: tx.registry, log } satisfies RegContext);
  // 3. .Services.
  const servicesSection = `${chosen}.Services`;
  for (const name of withNeeds(a, servicesSection)) applyServices(a, name);
  for (const need of listField(doc.section(servicesSection), 'Needs')) {
    const sys = SYSTEM_NEEDS[need.toLowerCase()];
    if (sys && !doc.has(need)) addSystemService(a, sys.name, sys.binary);
  }
  // 4. .Wdf.
  applyWdf(a, `${chosen}.Wdf`);
  // 5. .CoInstallers (legacy): files and software-key registry.
  for (const name of withNeeds(a, `${chosen}.CoInstallers`)) {
    await fileQueue(a, name);
    applyRegDirectives(doc, name, { hkr: swKey, registry: tx.registry, log });
  }

  // 6. Driver node properties and the device's Enum key.
  const reg = tx.registry;
  const infSectionExt = chosen.length > cand.installBase.length ? chosen.slice(cand.installBase.length) : '';
  reg.setValue(swKey, 'DriverDate', { type: 'REG_SZ', data: facts.driverDate.replace(/\/0?/g, '-').replace(/^0/, '') });
  reg.setValue(swKey, 'DriverDesc', { type: 'REG_SZ', data: cand.description });
  reg.setValue(swKey, 'DriverVersion', { type: 'REG_SZ', data: facts.driverVersion });
  reg.setValue(swKey, 'InfPath', { type: 'REG_SZ', data: pkg.publishedName });
  reg.setValue(swKey, 'InfSection', { type: 'REG_SZ', data: cand.installBase });
  if (infSectionExt) reg.setValue(swKey, 'InfSectionExt', { type: 'REG_SZ', data: infSectionExt });
  reg.setValue(swKey, 'MatchingDeviceId', { type: 'REG_SZ', data: cand.matchingId.toLowerCase() });
  reg.setValue(swKey, 'ProviderName', { type: 'REG_SZ', data: facts.provider });
  reg.setValue(devKey, 'DeviceDesc', { type: 'REG_SZ', data: cand.description });
  reg.setValue(devKey, 'HardwareID', { type: 'REG_MULTI_SZ', data: [...device.hardwareIds] });
  if (device.compatibleIds.length) reg.setValue(devKey, 'CompatibleIDs', { type: 'REG_MULTI_SZ', data: [...device.compatibleIds] });
  reg.setValue(devKey, 'Class', { type: 'REG_SZ', data: device.className });
  reg.setValue(devKey, 'ClassGUID', { type: 'REG_SZ', data: device.classGuid });
  reg.setValue(devKey, 'Driver', { type: 'REG_SZ', data: driverKey });
  reg.setValue(devKey, 'Mfg', { type: 'REG_SZ', data: cand.manufacturer });
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
  else log.entry('dvi:', `Device not started: Device has problem: 0x${device.problem.toString(16).padStart(2, '0')} (${device.problem}): ${problemName(device.problem)}.`, 'warning');
}

/** Class=Extension INFs add to the device's driver; they never become its driver. */
const EXTENSION_CLASS = '{e2f84ce7-8efa-411c-aa69-97454ca4cb57}';

/**
 * An extension INF (inf-format.md §2.1 ExtensionId) on a device: its sections run
 * with HKR = the device's existing software key; class, driver node and
 * function driver stay those of the base driver.
 */
async function applyExtension(a: ApplyContext, chosen: string): Promise<void> {
  const { tx, device, doc, log } = a;
  log.begin('dvi:', 'Install Extension Driver');
  log.entry('dvi:', `Extension section: [${chosen}] (${a.pkg.publishedName})`);
  if (!device.driver) log.entry('dvi:', `${device.instanceId} has no base driver; the extension is applied but the device still needs one.`, 'warning');
  const devKey = enumKey(device.instanceId);
  const driverKey = tx.registry.getValue(devKey, 'Driver')?.data;
  const swKey = typeof driverKey === 'string' ? softwareKey(driverKey) : hardwareKey(device.instanceId);
  for (const name of withNeeds(a, chosen)) {
    await fileQueue(a, name);
    applyRegDirectives(doc, name, { hkr: swKey, registry: tx.registry, log });
  }
  for (const name of withNeeds(a, `${chosen}.HW`)) applyRegDirectives(doc, name, { hkr: hardwareKey(device.instanceId), devnodeKey: devKey, registry: tx.registry, log });
  for (const name of withNeeds(a, `${chosen}.Services`)) applyServices(a, name);
  applyWdf(a, `${chosen}.Wdf`);
  const upper = tx.registry.getValue(devKey, 'UpperFilters')?.data;
  const lower = tx.registry.getValue(devKey, 'LowerFilters')?.data;
  if (Array.isArray(upper) && upper.length) editDevice(device).upperFilters = upper;
  if (Array.isArray(lower) && lower.length) editDevice(device).lowerFilters = lower;
  log.end('dvi:', 'Install Extension Driver');
}

export function problemName(code: number): string {
  switch (code) {
    case 1: return 'CM_PROB_NOT_CONFIGURED';
    case 10: return 'CM_PROB_FAILED_START';
    case 22: return 'CM_PROB_DISABLED';
    case 28: return 'CM_PROB_FAILED_INSTALL';
    case 31: return 'CM_PROB_FAILED_ADD';
    case 39: return 'CM_PROB_DRIVER_FAILED_LOAD';
    case 52: return 'CM_PROB_UNSIGNED_DRIVER';
    default: return `problem ${code}`;
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

function installClass(a: ApplyContext, guid: string, name: string): void {
  if (!guid) return;
  const state = a.tx.state;
  if (state.classes.some((c) => c.guid.toLowerCase() === guid.toLowerCase())) return;
  const key = classKey(guid);
  const arch = state.os.arch;
  const ci = platformSectionNames('ClassInstall32', arch).map((n) => a.doc.section(n)).find((s) => s !== undefined);
  a.tx.registry.setValue(key, 'Class', { type: 'REG_SZ', data: name });
  if (ci) {
    a.log.entry('dvi:', `Installing class ${name} ${guid} from [${ci.name}].`);
    applyRegDirectives(a.doc, ci.name, { hkr: key, registry: a.tx.registry, log: a.log });
  }
  const desc = a.tx.registry.getValue(key, '')?.data;
  state.classes.push({ guid, name, description: typeof desc === 'string' && desc !== '' ? desc : name });
}

function destinationDir(a: ApplyContext, listName: string | undefined): string {
  const dd = a.doc.section('DestinationDirs');
  const entry = (listName ? dd?.find(listName) : undefined) ?? dd?.find('DefaultDestDir');
  const where = listName ? `[${listName}]` : '@file copy';
  const dirid = parseInfInt(entry?.fields[0]) ?? 11;
  const subdir = entry?.fields[1]?.trim() ?? '';
  const overrides = new Map([[13, toWindowsPath(`${STORE_DIR}/${a.pkg.storeFolder}`)], [1, toWindowsPath(`${STORE_DIR}/${a.pkg.storeFolder}`)]]);
  if (dirid === -1 || dirid === 65535) {
    // DIRID -1: the subdirectory is an absolute path; only C:\ paths map into the target.
    windowsPathToComponents(subdir, `DestinationDirs ${where}: DIRID -1 path`);
    return subdir.replace(/[\\/]+$/, '');
  }
  const base = diridPath(dirid, overrides);
  if (base === undefined || base === '') throw new InstallError(`${a.pkg.originalName}: DestinationDirs ${where} uses DIRID ${dirid}, which the simulated target cannot map to a directory`, SetupError.invalidData);
  if (subdir) splitRelative(subdir, `DestinationDirs ${where} subdirectory`);
  return subdir ? `${base}\\${subdir.replace(/^[\\/]+|[\\/]+$/g, '')}` : base;
}

async function fileQueue(a: ApplyContext, sectionName: string): Promise<void> {
  const section = a.doc.section(sectionName);
  if (!section) return;
  const tx = a.tx;
  // Deletes, then renames, then copies (the queue's commit order).
  for (const list of listField(section, 'DelFiles')) {
    const dir = destinationDir(a, list);
    for (const entry of a.doc.section(list)?.entries ?? []) {
      const name = (entry.hasEquals ? entry.key : entry.fields[0])?.trim();
      if (!name) continue;
      splitRelative(name, `DelFiles [${list}] file name`);
      const parts = windowsPathToComponents(`${dir}\\${name}`, `DelFiles [${list}]`);
      await tx.deleteFile(parts.join('/'));
      tx.untrackFile(parts.join('/'));
      a.log.entry('flq:', `Deleting '${dir}\\${name}'.`);
    }
  }
  for (const list of listField(section, 'RenFiles')) {
    const dir = destinationDir(a, list);
    for (const entry of a.doc.section(list)?.entries ?? []) {
      const [newName = '', oldName = ''] = (entry.hasEquals ? [entry.key ?? '', ...entry.fields] : entry.fields).map((f) => f.trim());
      if (!newName || !oldName) continue;
      splitRelative(newName, `RenFiles [${list}] name`);
      splitRelative(oldName, `RenFiles [${list}] name`);
      const from = windowsPathToComponents(`${dir}\\${oldName}`, `RenFiles [${list}]`).join('/');
      const to = windowsPathToComponents(`${dir}\\${newName}`, `RenFiles [${list}]`).join('/');
      const bytes = await tx.readFile(from);
      if (!bytes) continue;
      await tx.writeFile(to, bytes);
      tx.trackFile(to, bytes);
      await tx.deleteFile(from);
      tx.untrackFile(from);
      a.log.entry('flq:', `Renaming '${dir}\\${oldName}' to '${newName}'.`);
    }
  }
  for (const field of listField(section, 'CopyFiles')) {
    const copies: { dest: string; source: string; flags: number; list?: string }[] = [];
    if (field.startsWith('@')) {
      const name = field.slice(1).trim();
      copies.push({ dest: name, source: name, flags: 0 });
    } else {
      const list = a.doc.section(field);
      if (!list) {
        a.log.entry('inf:', `CopyFiles section [${field}] not found; skipped`, 'warning');
        continue;
      }
      for (const entry of list.entries) {
        const [dest = '', source = '', , flags = ''] = (entry.hasEquals ? [entry.key ?? '', ...entry.fields] : entry.fields).map((f) => f.trim());
        if (!dest) continue;
        copies.push({ dest, source: source || dest, flags: parseInfInt(flags) ?? 0, list: list.name });
      }
    }
    for (const c of copies) {
      const dir = destinationDir(a, c.list);
      splitRelative(c.dest, `CopyFiles destination name in ${c.list ? `[${c.list}]` : `[${sectionName}]`}`);
      const destParts = windowsPathToComponents(`${dir}\\${c.dest}`, `CopyFiles destination in ${c.list ? `[${c.list}]` : `[${sectionName}]`}`);
      const destRel = await tx.resolve(destParts.join('/'), 'CopyFiles destination');
      const destWin = toWindowsPath(destRel);
      const sourceRel = a.sources.get(c.source.toLowerCase());
      if (!sourceRel) throw new InstallError(`${a.pkg.originalName}: the file ${c.source} copied by ${c.list ? `[${c.list}]` : `[${sectionName}]`} is not in the driver package (no SourceDisksFiles entry)`, SetupError.fileNotFound);
      if (destRel.toLowerCase() !== sourceRel.toLowerCase()) {
        const bytes = await tx.readFile(sourceRel);
        if (!bytes) throw new InstallError(`${a.pkg.originalName}: ${c.source} is missing from the driver store folder ${a.pkg.storeFolder}; run wdksim target verify`, SetupError.fileNotFound);
        const exists = await tx.exists(destRel);
        if ((c.flags & 0x10 && exists) || (c.flags & 0x400 && !exists)) {
          a.log.entry('flq:', `Skipping '${destWin}' (COPYFLG ${c.flags & 0x10 ? 'NO_OVERWRITE' : 'REPLACEONLY'}).`);
        } else {
          await tx.writeFile(destRel, bytes, 'CopyFiles destination');
          tx.trackFile(destRel, bytes);
          a.log.entry('flq:', `Copying '${toWindowsPath(sourceRel)}' to '${destWin}'.`);
        }
      } else {
        a.log.entry('flq:', `'${destWin}' runs from the driver store (DIRID 13).`);
      }
      if (!a.files.some((f) => f.toLowerCase() === destWin.toLowerCase())) a.files.push(destWin);
    }
  }
}

function imagePathFor(binaryWin: string, serviceType: number): string {
  const path = binaryWin.trim();
  if ((serviceType & 0x3) !== 0 && /^c:\\windows\\/i.test(path)) return `\\SystemRoot\\${path.slice('C:\\Windows\\'.length)}`;
  return path;
}

function applyServices(a: ApplyContext, sectionName: string): void {
  const section = a.doc.section(sectionName)!;
  const reg = a.tx.registry;
  for (const entry of section.findAll('DelService')) {
    const name = entry.fields[0]?.trim();
    if (name) {
      reg.deleteKey(serviceKey(name));
      a.log.entry('dvi:', `Deleted service ${name}.`);
    }
  }
  for (const entry of section.findAll('AddService')) {
    const [name = '', flagText = '', installName = '', eventName = '', eventType = '', eventSource = ''] = entry.fields.map((f) => f.trim());
    const flags = parseInfInt(flagText) ?? 0;
    if (name === '') {
      if (flags & 0x2) {
        a.nullDriver = true;
        a.log.entry('dvi:', 'NULL driver installed (AddService = ,2).');
      }
      continue;
    }
    const install = installName ? a.doc.section(installName) : undefined;
    if (!install) throw new InstallError(`${a.pkg.originalName}: AddService ${name} in [${section.name}] (line ${entry.line}) names service-install section [${installName}], which does not exist`, SetupError.badServiceInstallSect);
    const get = (k: string) => install.find(k)?.fields[0]?.trim();
    const missing = ['ServiceType', 'StartType', 'ErrorControl', 'ServiceBinary'].filter((k) => get(k) === undefined || get(k) === '');
    if (missing.length) throw new InstallError(`${a.pkg.originalName}: service-install section [${install.name}] lacks ${missing.join(', ')} (each is required)`, SetupError.badServiceInstallSect);
    const type = parseInfInt(get('ServiceType')) ?? 1;
    const start = parseInfInt(get('StartType')) ?? 3;
    const errorControl = parseInfInt(get('ErrorControl')) ?? 1;
    const binary = get('ServiceBinary')!;
    const key = serviceKey(name);
    const existed = reg.hasKey(key);
    const keep = (bit: number) => existed && (flags & bit) !== 0;
    reg.setValue(key, 'Type', { type: 'REG_DWORD', data: type });
    if (!keep(0x10)) reg.setValue(key, 'Start', { type: 'REG_DWORD', data: start });
    if (!keep(0x20)) reg.setValue(key, 'ErrorControl', { type: 'REG_DWORD', data: errorControl });
    reg.setValue(key, 'ImagePath', { type: 'REG_EXPAND_SZ', data: imagePathFor(binary, type) });
    const display = get('DisplayName');
    if (display && !keep(0x8)) reg.setValue(key, 'DisplayName', { type: 'REG_SZ', data: display });
    const description = get('Description');
    if (description && !keep(0x100)) reg.setValue(key, 'Description', { type: 'REG_SZ', data: description });
    const group = get('LoadOrderGroup');
    if (group && !keep(0x40)) reg.setValue(key, 'Group', { type: 'REG_SZ', data: group });
    const deps = install.findAll('Dependencies').flatMap((e) => e.fields.map((f) => f.trim()).filter((f) => f !== ''));
    if (deps.length && !keep(0x80)) {
      const services = deps.filter((d) => !d.startsWith('+'));
      const groups = deps.filter((d) => d.startsWith('+')).map((d) => d.slice(1));
      if (services.length) reg.setValue(key, 'DependOnService', { type: 'REG_MULTI_SZ', data: services });
      if (groups.length) reg.setValue(key, 'DependOnGroup', { type: 'REG_MULTI_SZ', data: groups });
    }
    const startName = get('StartName');
    if (startName) reg.setValue(key, 'ObjectName', { type: 'REG_SZ', data: startName });
    const owners = reg.getValue(key, 'Owners')?.data;
    const ownerList = Array.isArray(owners) ? owners : [];
    if (!ownerList.some((o) => o.toLowerCase() === a.pkg.publishedName.toLowerCase())) reg.setValue(key, 'Owners', { type: 'REG_MULTI_SZ', data: [...ownerList, a.pkg.publishedName] });
    applyRegDirectives(a.doc, install.name, { hkr: key, registry: reg, log: a.log });
    if (eventName) {
      const evKey = eventLogKey(eventType || 'System', eventSource || name);
      applyRegDirectives(a.doc, eventName, { hkr: evKey, registry: reg, log: a.log });
    }
    a.log.entry('dvi:', `Add Service: Created service '${name}'.`);
    if (flags & 0x2) a.assocService = name;
  }
}

function addSystemService(a: ApplyContext, name: string, imagePath: string): void {
  const key = serviceKey(name);
  const reg = a.tx.registry;
  if (!reg.hasKey(key)) {
    reg.setValue(key, 'Type', { type: 'REG_DWORD', data: 1 });
    reg.setValue(key, 'Start', { type: 'REG_DWORD', data: 3 });
    reg.setValue(key, 'ErrorControl', { type: 'REG_DWORD', data: 1 });
    reg.setValue(key, 'ImagePath', { type: 'REG_EXPAND_SZ', data: imagePath });
  }
  a.assocService ??= name;
  a.log.entry('dvi:', `Using inbox service '${name}' (Needs from a system INF).`);
}

function applyWdf(a: ApplyContext, sectionName: string): void {
  const section = a.doc.section(sectionName);
  if (!section) return;
  const os = a.tx.state.os;
  const reg = a.tx.registry;
  for (const entry of section.findAll('KmdfService')) {
    const [name = '', wdfSection = ''] = entry.fields.map((f) => f.trim());
    const version = a.doc.section(wdfSection)?.value('KmdfLibraryVersion')?.trim();
    if (!name || !version) {
      a.log.entry('dvi:', `[${section.name}] KmdfService ${name}: section [${wdfSection}] has no KmdfLibraryVersion`, 'warning');
      continue;
    }
    reg.setValue(`${serviceKey(name)}\\Parameters\\Wdf`, 'KmdfLibraryVersion', { type: 'REG_SZ', data: version });
    if (compareFrameworkVersion(version, os.kmdf) > 0) a.log.entry('dvi:', `KMDF ${version} required by ${name} is newer than KMDF ${os.kmdf} of ${os.name}; the driver will not load.`, 'warning');
    else a.log.entry('dvi:', `KmdfService ${name} uses KMDF ${version} (installed: ${os.kmdf}).`);
  }
  for (const entry of section.findAll('UmdfService')) {
    const [name = '', wdfSection = ''] = entry.fields.map((f) => f.trim());
    const us = a.doc.section(wdfSection);
    const version = us?.value('UmdfLibraryVersion')?.trim();
    const binary = us?.value('ServiceBinary')?.trim();
    const key = `${hardwareKey(a.device.instanceId)}\\WUDF\\Services\\${name}`;
    if (version) reg.setValue(key, 'UmdfLibraryVersion', { type: 'REG_SZ', data: version });
    if (binary) reg.setValue(key, 'ServiceBinary', { type: 'REG_SZ', data: binary });
    if (version && compareFrameworkVersion(version, os.umdf) > 0) a.log.entry('dvi:', `UMDF ${version} required by ${name} is newer than UMDF ${os.umdf} of ${os.name}; the driver will not load.`, 'warning');
  }
  const order = section.findAll('UmdfServiceOrder').flatMap((e) => e.fields.map((f) => f.trim()).filter((f) => f));
  if (order.length) reg.setValue(`${hardwareKey(a.device.instanceId)}\\WUDF`, 'UmdfServiceOrder', { type: 'REG_MULTI_SZ', data: order });
}

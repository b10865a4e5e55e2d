// Running the directives of INF install sections on the target, shared by
// device installs (DDInstall and its companions, from the driver store),
// primitive drivers (DefaultInstall from the driver store) and legacy
// SetupAPI scripts (InstallHinfSection / InfDefaultInstall, from the INF's own
// folder): Include/Needs (with the modelled system INFs), the file queue,
// DelReg/AddReg, AddService/DelService and .Wdf.
import type { Arch } from '../inf/arch.js';
import { fromSystemLayout } from '../package/files.js';
import type { InfDocument, InfSection } from '../inf/document.js';
import { diridPath } from '../inf/dirids.js';
import { InstallError, SetupError } from './install-error.js';
import { toWindowsPath } from './layout.js';
import type { DeviceRecord } from './model.js';
import { splitRelative, windowsPathToComponents } from './paths.js';
import { applyRegDirectives, parseInfInt, type RegContext } from './reg-apply.js';
import type { LogSection } from './setupapi-log.js';
import type { Transaction } from './target.js';
import { eventLogKey, hardwareKey, serviceKey } from './keys.js';
import { compareFrameworkVersion } from './os.js';
import { inboxInf } from './inbox-infs.js';
import { inboxService } from './inbox-services.js';

/** A section to run and the INF it comes from (an included system INF's sections run with that INF's strings and directories). */
export interface SectionRef {
  doc: InfDocument;
  name: string;
  /** From a modelled system INF: its files are inbox and its services are not owned by the package. */
  inbox: boolean;
}

export interface SourceFile {
  bytes: Buffer;
  /** How the log names the source (C:\...\file or the INF folder's relative name). */
  display: string;
  /** Target-relative path when the source is inside the target (the driver store). */
  rel?: string;
}

export interface RunContext {
  tx: Transaction;
  doc: InfDocument;
  /** The INF's file name, for messages. */
  infName: string;
  /** Published name recorded in a service's Owners (driver store installs); none for SetupAPI scripts. */
  owner?: string;
  /** DIRID 13 / 1: the package's driver store folder (Windows path); undefined for scripts run from the INF's folder. */
  storeWin?: string;
  readSource(name: string): Promise<SourceFile | undefined>;
  log: LogSection;
  device?: DeviceRecord;
  /** Windows paths the file queue placed (or that run from the store). */
  files: string[];
  assocService?: string;
  nullDriver: boolean;
  /** What this run created: service names whose keys are new, target-relative files written. */
  made: { services: string[]; files: string[] };
}

export function listField(section: InfSection | undefined, key: string): string[] {
  return section?.findAll(key).flatMap((e) => e.fields.map((f) => f.trim()).filter((f) => f !== '')) ?? [];
}

/** The section itself (when present) plus what its Needs names: from this INF, else from a system INF its Include names. */
export function withNeeds(a: RunContext, name: string, from: InfDocument = a.doc): SectionRef[] {
  const section = from.section(name);
  if (!section) return [];
  const out: SectionRef[] = [{ doc: from, name: section.name, inbox: from !== a.doc }];
  const includes = listField(section, 'Include');
  for (const need of listField(section, 'Needs')) {
    if (from.has(need)) {
      out.push({ doc: from, name: from.section(need)!.name, inbox: from !== a.doc });
      continue;
    }
    const system = includes.map((i) => inboxInf(i)).find((d) => d?.has(need));
    if (system) {
      out.push({ doc: system, name: system.section(need)!.name, inbox: true });
      a.log.entry('inf:', `Needs [${need}] from system INF ${system.file ?? 'INF'}.`);
    } else {
      a.log.entry(
        'inf:',
        `Needs section [${need}] is in an included system INF (${includes.join(', ') || 'none'}) that wdksim does not model; skipped (docs/target.md: adding an inbox INF)`,
        'warning',
      );
    }
  }
  return out;
}

function destinationDir(a: RunContext, doc: InfDocument, listName: string | undefined): string {
  // The including INF's DefaultDestDir wins over an included one's (inf-format.md §2.10).
  const dd = doc.section('DestinationDirs');
  const entry = (listName ? dd?.find(listName) : undefined) ?? a.doc.section('DestinationDirs')?.find('DefaultDestDir') ?? dd?.find('DefaultDestDir');
  const where = listName ? `[${listName}]` : '@file copy';
  const dirid = parseInfInt(entry?.fields[0]) ?? 11;
  const subdir = entry?.fields[1]?.trim() ?? '';
  if (dirid === -1 || dirid === 65535) {
    // DIRID -1: the subdirectory is an absolute path; only C:\ paths map into the target.
    windowsPathToComponents(subdir, `DestinationDirs ${where}: DIRID -1 path`);
    return subdir.replace(/[\\/]+$/, '');
  }
  if ((dirid === 13 || dirid === 1) && !a.storeWin) {
    throw new InstallError(
      `${a.infName}: DestinationDirs ${where} uses DIRID ${dirid}, the driver store folder, which a SetupAPI script run from the INF's folder does not have (use pnputil /add-driver /install for a primitive driver)`,
      SetupError.invalidData,
    );
  }
  const overrides = a.storeWin
    ? new Map([
        [13, a.storeWin],
        [1, a.storeWin],
      ])
    : undefined;
  const base = diridPath(dirid, overrides);
  if (base === undefined || base === '')
    throw new InstallError(`${a.infName}: DestinationDirs ${where} uses DIRID ${dirid}, which the simulated target cannot map to a directory`, SetupError.invalidData);
  if (subdir) splitRelative(subdir, `DestinationDirs ${where} subdirectory`);
  return subdir ? `${base}\\${subdir.replace(/^[\\/]+|[\\/]+$/g, '')}` : base;
}

/** DelFiles, RenFiles, CopyFiles of one section (the queue's commit order: deletes, renames, copies). */
export async function fileQueue(a: RunContext, ref: SectionRef): Promise<void> {
  const section = ref.doc.section(ref.name);
  if (!section) return;
  if (ref.inbox) {
    if (listField(section, 'CopyFiles').length) a.log.entry('flq:', `[${ref.name}] copies inbox files, already on the machine.`);
    return;
  }
  const tx = a.tx;
  for (const list of listField(section, 'DelFiles')) {
    const dir = destinationDir(a, ref.doc, list);
    for (const entry of ref.doc.section(list)?.entries ?? []) {
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
    const dir = destinationDir(a, ref.doc, list);
    for (const entry of ref.doc.section(list)?.entries ?? []) {
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
      const list = ref.doc.section(field);
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
      const where = c.list ? `[${c.list}]` : `[${ref.name}]`;
      const dir = destinationDir(a, ref.doc, c.list);
      splitRelative(c.dest, `CopyFiles destination name in ${where}`);
      const destParts = windowsPathToComponents(`${dir}\\${c.dest}`, `CopyFiles destination in ${where}`);
      const destRel = await tx.resolve(destParts.join('/'), 'CopyFiles destination');
      const destWin = toWindowsPath(destRel);
      const source = await a.readSource(c.source);
      if (!source && fromSystemLayout(ref.doc, a.tx.state.os.arch as Arch, c.source)) {
        // Windows copies it from its own layout (usbser.sys for a CDC INF); the
        // simulated machine holds no copies of Windows' files, so nothing is copied.
        // Not one of the driver's files either: its absence on the simulated disk is no Code 39.
        a.log.entry('flq:', `'${destWin}' is the system's own file (LayoutFile in [Version]); not copied from the package.`);
        continue;
      }
      if (!source)
        throw new InstallError(
          `${a.infName}: the file ${c.source} copied by ${where} is not in the driver package (no SourceDisksFiles entry, or missing from the package folder)`,
          SetupError.fileNotFound,
        );
      if (source.rel === undefined || destRel.toLowerCase() !== source.rel.toLowerCase()) {
        const exists = await tx.exists(destRel);
        if ((c.flags & 0x10 && exists) || (c.flags & 0x400 && !exists)) {
          a.log.entry('flq:', `Skipping '${destWin}' (COPYFLG ${c.flags & 0x10 ? 'NO_OVERWRITE' : 'REPLACEONLY'}).`);
        } else {
          await tx.writeFile(destRel, source.bytes, 'CopyFiles destination');
          tx.trackFile(destRel, source.bytes);
          if (!exists) pushOnce(a.made.files, destRel);
          a.log.entry('flq:', `Copying '${source.display}' to '${destWin}'.`);
        }
      } else {
        a.log.entry('flq:', `'${destWin}' runs from the driver store (DIRID 13).`);
      }
      pushOnce(a.files, destWin, true);
    }
  }
}

function imagePathFor(binaryWin: string, serviceType: number): string {
  const path = binaryWin.trim();
  if ((serviceType & 0x3) !== 0 && /^c:\\windows\\/i.test(path)) return `\\SystemRoot\\${path.slice('C:\\Windows\\'.length)}`;
  return path;
}

/**
 * A localizable value as Windows stores it for an installed INF: the indirect
 * string `@<inf>,%strkey%;<text>` when the INF wrote a %strkey% token, else the text.
 */
export function indirectString(raw: string | undefined, text: string, infName: string | undefined): string {
  const m = raw === undefined ? null : /^\s*%([^%]+)%\s*$/.exec(raw);
  if (!m || !infName) return text;
  return `@${infName},%${m[1]!.toLowerCase()}%;${text}`;
}

/** DelService and AddService of a .Services (or DefaultInstall.Services) section. */
export function applyServices(a: RunContext, ref: SectionRef): void {
  const section = ref.doc.section(ref.name)!;
  const reg = a.tx.registry;
  for (const entry of section.findAll('DelService')) {
    const [name = '', flagText = '', logType = '', eventName = ''] = entry.fields.map((f) => f.trim());
    if (!name) continue;
    reg.deleteKey(serviceKey(name));
    if ((parseInfInt(flagText) ?? 0) & 0x4) reg.deleteKey(eventLogKey(logType || 'System', eventName || name));
    a.log.entry('dvi:', `Deleted service ${name}.`);
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
    const key = serviceKey(name);
    const existed = reg.getValue(key, 'Type') !== undefined;
    // A system INF's service is an inbox service: it is already there, and no package owns it.
    if (ref.inbox && existed) {
      a.log.entry('dvi:', `Add Service: using inbox service '${name}'.`);
      if (flags & 0x2) a.assocService = name;
      continue;
    }
    const install = installName ? ref.doc.section(installName) : undefined;
    if (!install)
      throw new InstallError(
        `${a.infName}: AddService ${name} in [${section.name}] (line ${entry.line}) names service-install section [${installName}], which does not exist`,
        SetupError.badServiceInstallSect,
      );
    const get = (k: string) => install.find(k)?.fields[0]?.trim();
    const raw = (k: string) => install.find(k)?.rawFields[0];
    const missing = ['ServiceType', 'StartType', 'ErrorControl', 'ServiceBinary'].filter((k) => get(k) === undefined || get(k) === '');
    if (missing.length)
      throw new InstallError(`${a.infName}: service-install section [${install.name}] lacks ${missing.join(', ')} (each is required)`, SetupError.badServiceInstallSect);
    const type = parseInfInt(get('ServiceType')) ?? 1;
    const start = parseInfInt(get('StartType')) ?? 3;
    const errorControl = parseInfInt(get('ErrorControl')) ?? 1;
    const binary = get('ServiceBinary')!;
    const keep = (bit: number) => existed && (flags & bit) !== 0;
    const owner = ref.inbox ? undefined : a.owner;
    reg.setValue(key, 'Type', { type: 'REG_DWORD', data: type });
    if (!keep(0x10)) reg.setValue(key, 'Start', { type: 'REG_DWORD', data: start });
    if (!keep(0x20)) reg.setValue(key, 'ErrorControl', { type: 'REG_DWORD', data: errorControl });
    reg.setValue(key, 'ImagePath', { type: 'REG_EXPAND_SZ', data: imagePathFor(binary, type) });
    const display = get('DisplayName');
    if (display && !keep(0x8)) reg.setValue(key, 'DisplayName', { type: 'REG_SZ', data: indirectString(raw('DisplayName'), display, owner) });
    const description = get('Description');
    if (description && !keep(0x100)) reg.setValue(key, 'Description', { type: 'REG_SZ', data: indirectString(raw('Description'), description, owner) });
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
    if (owner) {
      // Owners: the driver store packages that installed the service; the last one removed deletes it.
      const owners = reg.getValue(key, 'Owners')?.data;
      const ownerList = Array.isArray(owners) ? owners : [];
      if (!ownerList.some((o) => o.toLowerCase() === owner.toLowerCase())) reg.setValue(key, 'Owners', { type: 'REG_MULTI_SZ', data: [...ownerList, owner] });
    }
    applyRegDirectives(ref.doc, install.name, { hkr: key, registry: reg, log: a.log });
    if (eventName) {
      const evKey = eventLogKey(eventType || 'System', eventSource || name);
      applyRegDirectives(ref.doc, eventName, { hkr: evKey, registry: reg, log: a.log });
    }
    if (!existed && !inboxService(name) && !a.made.services.includes(name)) a.made.services.push(name);
    a.log.entry('dvi:', `Add Service: ${existed ? 'Modified existing' : 'Created'} service '${name}'.`);
    if (flags & 0x2) a.assocService = name;
  }
}

/** KmdfService / UmdfService / UmdfServiceOrder of a .Wdf section. */
export function applyWdf(a: RunContext, sectionName: string): void {
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
    if (compareFrameworkVersion(version, os.kmdf) > 0)
      a.log.entry('dvi:', `KMDF ${version} required by ${name} is newer than KMDF ${os.kmdf} of ${os.name}; the driver will not load.`, 'warning');
    else a.log.entry('dvi:', `KmdfService ${name} uses KMDF ${version} (installed: ${os.kmdf}).`);
  }
  if (!a.device) return;
  for (const entry of section.findAll('UmdfService')) {
    const [name = '', wdfSection = ''] = entry.fields.map((f) => f.trim());
    const us = a.doc.section(wdfSection);
    const version = us?.value('UmdfLibraryVersion')?.trim();
    const binary = us?.value('ServiceBinary')?.trim();
    const key = `${hardwareKey(a.device.instanceId)}\\WUDF\\Services\\${name}`;
    if (version) reg.setValue(key, 'UmdfLibraryVersion', { type: 'REG_SZ', data: version });
    if (binary) reg.setValue(key, 'ServiceBinary', { type: 'REG_SZ', data: binary });
    if (version && compareFrameworkVersion(version, os.umdf) > 0)
      a.log.entry('dvi:', `UMDF ${version} required by ${name} is newer than UMDF ${os.umdf} of ${os.name}; the driver will not load.`, 'warning');
  }
  const order = section.findAll('UmdfServiceOrder').flatMap((e) => e.fields.map((f) => f.trim()).filter((f) => f));
  if (order.length) reg.setValue(`${hardwareKey(a.device.instanceId)}\\WUDF`, 'UmdfServiceOrder', { type: 'REG_MULTI_SZ', data: order });
}

/** DelReg/AddReg of each section, with the HKR the caller binds. */
export function applyReg(refs: readonly SectionRef[], ctx: Omit<RegContext, 'hkr'> & { hkr: string | undefined }): void {
  for (const ref of refs) applyRegDirectives(ref.doc, ref.name, ctx);
}

// The lists a run builds grow by one file at a time; a set beside each keeps adding linear in the package's files.
const listSets = new WeakMap<string[], Set<string>>();

function pushOnce(list: string[], item: string, foldCase = false): void {
  const key = foldCase ? item.toLowerCase() : item;
  let seen = listSets.get(list);
  if (!seen) {
    seen = new Set(list.map((x) => (foldCase ? x.toLowerCase() : x)));
    listSets.set(list, seen);
  }
  if (seen.has(key)) return;
  seen.add(key);
  list.push(item);
}

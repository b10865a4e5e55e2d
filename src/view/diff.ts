// What changed between two captures of a target: files (with hashes), registry
// keys and values, services, devices and their drivers, driver store entries,
// boot settings and certificate stores. Pure: captures in, a JSON-safe record out.
import type { CertificateRecord, DeviceRecord, DriverPackageRecord, MachineState, RegValue } from '../machine/index.js';
import { byPath, type Capture, type FileEntry } from './capture.js';
import { servicesOf, type ServiceInfo } from './services.js';

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface Changes<T> {
  added: T[];
  removed: T[];
  changed: { id: string; changes: FieldChange[] }[];
}

export interface RegistryDiff {
  keysAdded: { key: string; values: Record<string, RegValue> }[];
  keysRemoved: { key: string; values: Record<string, RegValue> }[];
  valuesAdded: { key: string; name: string; value: RegValue }[];
  valuesRemoved: { key: string; name: string; value: RegValue }[];
  valuesChanged: { key: string; name: string; before: RegValue; after: RegValue }[];
}

export interface DeviceSummary {
  instanceId: string;
  description: string;
  className: string;
  status: string;
  service?: string;
  driver?: string;
}

export interface PackageSummary {
  publishedName: string;
  originalName: string;
  storeFolder: string;
  provider: string;
  className: string;
  driverVer: string;
  signer?: string;
  files: { path: string; sha256: string }[];
}

export interface CertificateSummary {
  store: string;
  thumbprint: string;
  subject: string;
}

export interface TargetDiff {
  before: { label: string; takenAt: string };
  after: { label: string; takenAt: string };
  files: { added: FileEntry[]; removed: FileEntry[]; changed: { path: string; before: FileEntry; after: FileEntry }[] };
  registry: RegistryDiff;
  services: Changes<ServiceInfo>;
  devices: Changes<DeviceSummary>;
  driverStore: Changes<PackageSummary>;
  boot: FieldChange[];
  certificates: { added: CertificateSummary[]; removed: CertificateSummary[] };
}

export function isEmptyDiff(d: TargetDiff): boolean {
  const r = d.registry;
  return (
    d.files.added.length +
      d.files.removed.length +
      d.files.changed.length +
      r.keysAdded.length +
      r.keysRemoved.length +
      r.valuesAdded.length +
      r.valuesRemoved.length +
      r.valuesChanged.length +
      count(d.services) +
      count(d.devices) +
      count(d.driverStore) +
      d.boot.length +
      d.certificates.added.length +
      d.certificates.removed.length ===
    0
  );
}

function count(c: Changes<unknown>): number {
  return c.added.length + c.removed.length + c.changed.length;
}

/** Windows compares these names without case. */
function keyed<T>(items: T[], id: (t: T) => string): Map<string, T> {
  return new Map(items.map((t) => [id(t).toLowerCase(), t]));
}

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
    const b = show(before[field]);
    const a = show(after[field]);
    if (a !== b) out.push({ field, before: b, after: a });
  }
  return out;
}

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(none)';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- settings are scalars or arrays
  return String(v);
}

function compare<T>(before: T[], after: T[], id: (t: T) => string, fields: (t: T) => Record<string, unknown>): Changes<T> {
  const b = keyed(before, id);
  const a = keyed(after, id);
  const added = after.filter((t) => !b.has(id(t).toLowerCase()));
  const removed = before.filter((t) => !a.has(id(t).toLowerCase()));
  const changed: Changes<T>['changed'] = [];
  for (const t of after) {
    const old = b.get(id(t).toLowerCase());
    if (!old) continue;
    const changes = fieldChanges(fields(old), fields(t));
    if (changes.length) changed.push({ id: id(t), changes });
  }
  return { added, removed, changed };
}

export function deviceStatus(d: DeviceRecord): string {
  if (!d.present) return 'not present';
  if (d.disabled) return 'disabled (code 22)';
  if (d.problem) return `problem code ${d.problem}`;
  return d.rebootRequired ? 'running, restart needed' : 'running';
}

export function summarizeDevice(d: DeviceRecord): DeviceSummary {
  return {
    instanceId: d.instanceId,
    description: d.friendlyName ?? d.description,
    className: d.className,
    status: deviceStatus(d),
    ...(d.service ? { service: d.service } : {}),
    ...(d.driver ? { driver: `${d.driver.publishedName} (${d.driver.originalName}) ${d.driver.driverDate} ${d.driver.driverVersion} [${d.driver.section}]` } : {}),
  };
}

function deviceFields(d: DeviceRecord): Record<string, unknown> {
  const s = summarizeDevice(d);
  return {
    description: s.description,
    class: `${d.className} ${d.classGuid}`,
    status: s.status,
    service: d.service,
    driver: s.driver,
    signer: d.driver?.signer,
    hardwareIds: d.hardwareIds,
    upperFilters: d.upperFilters,
    lowerFilters: d.lowerFilters,
    parent: d.parent,
  };
}

export function summarizePackage(p: DriverPackageRecord): PackageSummary {
  return {
    publishedName: p.publishedName,
    originalName: p.originalName,
    storeFolder: p.storeFolder,
    provider: p.provider,
    className: p.className,
    driverVer: `${p.driverDate} ${p.driverVersion}`,
    ...(p.signer ? { signer: p.signer } : {}),
    files: p.files,
  };
}

function packageFields(p: DriverPackageRecord): Record<string, unknown> {
  return {
    originalName: p.originalName,
    storeFolder: p.storeFolder,
    provider: p.provider,
    class: p.className,
    driverVer: `${p.driverDate} ${p.driverVersion}`,
    signer: p.signer,
    catalog: p.catalog,
    files: p.files.map((f) => `${f.path} ${f.sha256}`),
  };
}

function diffFiles(before: FileEntry[], after: FileEntry[]): TargetDiff['files'] {
  const b = new Map(before.map((f) => [f.path, f]));
  const a = new Map(after.map((f) => [f.path, f]));
  return {
    added: after.filter((f) => !b.has(f.path)).sort(byPath),
    removed: before.filter((f) => !a.has(f.path)).sort(byPath),
    changed: after
      .filter((f) => b.has(f.path) && b.get(f.path)!.sha256 !== f.sha256)
      .map((f) => ({ path: f.path, before: b.get(f.path)!, after: f }))
      .sort(byPath),
  };
}

function sameValue(x: RegValue, y: RegValue): boolean {
  return x.type === y.type && JSON.stringify(x.data) === JSON.stringify(y.data);
}

function diffRegistry(before: MachineState['registry'], after: MachineState['registry']): RegistryDiff {
  const out: RegistryDiff = { keysAdded: [], keysRemoved: [], valuesAdded: [], valuesRemoved: [], valuesChanged: [] };
  const b = keyed(Object.keys(before), (k) => k);
  const a = keyed(Object.keys(after), (k) => k);
  const order = (x: string, y: string): number => x.toLowerCase().localeCompare(y.toLowerCase());
  for (const key of Object.keys(after).sort(order)) {
    const old = b.get(key.toLowerCase());
    if (old === undefined) {
      out.keysAdded.push({ key, values: after[key]!.values });
      continue;
    }
    const bv = before[old]!.values;
    const av = after[key]!.values;
    const bn = keyed(Object.keys(bv), (n) => n);
    const an = keyed(Object.keys(av), (n) => n);
    const names = (o: Record<string, RegValue>): string[] => Object.keys(o).sort(order);
    for (const name of names(av)) {
      const prev = bn.get(name.toLowerCase());
      if (prev === undefined) out.valuesAdded.push({ key, name, value: av[name]! });
      else if (!sameValue(bv[prev]!, av[name]!)) out.valuesChanged.push({ key, name, before: bv[prev]!, after: av[name]! });
    }
    for (const name of names(bv)) if (!an.has(name.toLowerCase())) out.valuesRemoved.push({ key, name, value: bv[name]! });
  }
  for (const key of Object.keys(before).sort(order)) if (!a.has(key.toLowerCase())) out.keysRemoved.push({ key, values: before[key]!.values });
  return out;
}

function certificates(state: MachineState): (CertificateSummary & { rec: CertificateRecord })[] {
  return (['Root', 'TrustedPublisher'] as const).flatMap((store) => state.certificates[store].map((c) => ({ store, thumbprint: c.thumbprint, subject: c.subject, rec: c })));
}

export function diffCaptures(before: Capture, after: Capture): TargetDiff {
  const bs = before.state;
  const as = after.state;
  const devices = compare(bs.devices, as.devices, (d) => d.instanceId, deviceFields);
  const store = compare(bs.packages, as.packages, (p) => p.publishedName, packageFields);
  const bc = certificates(bs);
  const ac = certificates(as);
  const certId = (c: CertificateSummary): string => `${c.store}/${c.thumbprint}`;
  const strip = ({ store: s, thumbprint, subject }: CertificateSummary): CertificateSummary => ({ store: s, thumbprint, subject });
  const { pending: bp, ...bootBefore } = bs.boot;
  const { pending: ap, ...bootAfter } = as.boot;
  return {
    before: { label: before.label, takenAt: before.takenAt },
    after: { label: after.label, takenAt: after.takenAt },
    files: diffFiles(before.files, after.files),
    registry: diffRegistry(bs.registry, as.registry),
    services: compare(
      servicesOf(bs),
      servicesOf(as),
      (s) => s.name,
      (s) => ({ ...s, name: undefined }),
    ),
    devices: { added: devices.added.map(summarizeDevice), removed: devices.removed.map(summarizeDevice), changed: devices.changed },
    driverStore: { added: store.added.map(summarizePackage), removed: store.removed.map(summarizePackage), changed: store.changed },
    boot: fieldChanges(
      { ...flatBoot(bootBefore), pending: bp ? JSON.stringify(bp) : undefined, os: `${bs.os.name} ${bs.os.build} ${bs.os.arch}` },
      { ...flatBoot(bootAfter), pending: ap ? JSON.stringify(ap) : undefined, os: `${as.os.name} ${as.os.build} ${as.os.arch}` },
    ),
    certificates: {
      added: ac.filter((c) => !bc.some((x) => certId(x) === certId(c))).map(strip),
      removed: bc.filter((c) => !ac.some((x) => certId(x) === certId(c))).map(strip),
    },
  };
}

function flatBoot(boot: Omit<MachineState['boot'], 'pending'>): Record<string, unknown> {
  const { dbgsettings, ...rest } = boot;
  return {
    ...rest,
    dbgsettings: dbgsettings
      ? `${dbgsettings.type} port=${dbgsettings.port} key=${dbgsettings.key}${dbgsettings.hostip ? ` hostip=${dbgsettings.hostip}` : ''}${dbgsettings.dhcp ? ' dhcp' : ''}`
      : undefined,
  };
}

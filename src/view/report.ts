// `wdksim target report`: the machine as Device Manager (View > Devices by
// type) shows it, plus the driver store, services, boot settings and the
// certificate stores. A pure function of the state.
import { problemName, type DeviceRecord, type MachineState } from '../machine/index.js';
import { deviceStatus, summarizePackage, type PackageSummary } from './diff.js';
import { servicesOf, type ServiceInfo } from './services.js';

export interface ReportDevice {
  instanceId: string;
  name: string;
  status: string;
  /** CM_PROB_* number, 0 when none. */
  problem: number;
  problemName?: string;
  present: boolean;
  disabled: boolean;
  hardwareIds: string[];
  service?: string;
  upperFilters?: string[];
  lowerFilters?: string[];
  driver?: {
    inf: string;
    originalName: string;
    section: string;
    matchingId: string;
    rank: string;
    provider: string;
    date: string;
    version: string;
    signer?: string;
    files: string[];
  };
}

export interface ReportClass {
  name: string;
  guid: string;
  description: string;
  devices: ReportDevice[];
}

export interface TargetReport {
  machine: { os: string; build: number; arch: string; kmdf: string; umdf: string; createdAt: string };
  boot: { testsigning: boolean; debug: boolean; debugger?: string; pending?: string; bootCount: number };
  classes: ReportClass[];
  problems: number;
  driverStore: (PackageSummary & { inbox: boolean; catalog?: string; arch: string })[];
  services: ServiceInfo[];
  certificates: { store: string; subject: string; thumbprint: string; notAfter?: string }[];
}

function reportDevice(d: DeviceRecord): ReportDevice {
  const b = d.driver;
  return {
    instanceId: d.instanceId,
    name: d.friendlyName ?? d.description,
    status: deviceStatus(d),
    problem: d.problem,
    ...(d.problem ? { problemName: problemName(d.problem) } : {}),
    present: d.present,
    disabled: d.disabled,
    hardwareIds: [...d.hardwareIds],
    ...(d.service ? { service: d.service } : {}),
    ...(d.upperFilters?.length ? { upperFilters: [...d.upperFilters] } : {}),
    ...(d.lowerFilters?.length ? { lowerFilters: [...d.lowerFilters] } : {}),
    ...(b
      ? {
          driver: {
            inf: b.publishedName,
            originalName: b.originalName,
            section: b.section,
            matchingId: b.matchingId,
            rank: b.rank,
            provider: b.provider,
            date: b.driverDate,
            version: b.driverVersion,
            ...(b.signer ? { signer: b.signer } : {}),
            files: [...b.files],
          },
        }
      : {}),
  };
}

const byText = (a: string, b: string): number => a.toLowerCase().localeCompare(b.toLowerCase());

export function buildReport(state: MachineState): TargetReport {
  const classes = new Map<string, ReportClass>();
  for (const c of state.classes) classes.set(c.guid.toLowerCase(), { name: c.name, guid: c.guid, description: c.description, devices: [] });
  for (const d of state.devices) {
    const key = d.classGuid.toLowerCase();
    if (!classes.has(key)) classes.set(key, { name: d.className || 'Other devices', guid: d.classGuid, description: d.className || 'Other devices', devices: [] });
    classes.get(key)!.devices.push(reportDevice(d));
  }
  const list = [...classes.values()].filter((c) => c.devices.length > 0).sort((a, b) => byText(a.description, b.description));
  for (const c of list) c.devices.sort((a, b) => byText(a.name, b.name) || byText(a.instanceId, b.instanceId));
  const { boot, os } = state;
  const dbg = boot.dbgsettings;
  return {
    machine: { os: os.name, build: os.build, arch: os.arch, kmdf: os.kmdf, umdf: os.umdf, createdAt: state.createdAt },
    boot: {
      testsigning: boot.testsigning,
      debug: boot.debug,
      ...(dbg ? { debugger: `${dbg.type} port ${dbg.port}, key ${dbg.key}${dbg.hostip ? `, host ${dbg.hostip}` : ''}${dbg.dhcp ? ', DHCP' : ''}` } : {}),
      ...(boot.pending && Object.keys(boot.pending).length
        ? {
            pending: Object.entries(boot.pending)
              .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
              .join(', '),
          }
        : {}),
      bootCount: boot.bootCount,
    },
    classes: list,
    problems: state.devices.filter((d) => d.present && d.problem !== 0).length,
    driverStore: state.packages
      .map((p) => ({ ...summarizePackage(p), inbox: p.inbox === true, arch: p.arch, ...(p.catalog ? { catalog: p.catalog } : {}) }))
      .sort((a, b) => Number(a.inbox) - Number(b.inbox) || byText(a.publishedName, b.publishedName)),
    services: servicesOf(state),
    certificates: (['Root', 'TrustedPublisher'] as const).flatMap((store) =>
      state.certificates[store].map((c) => ({ store, subject: c.subject, thumbprint: c.thumbprint, ...(c.notAfter ? { notAfter: c.notAfter } : {}) })),
    ),
  };
}

export function formatReportText(r: TargetReport): string {
  const out: string[] = [
    `${r.machine.os} (build ${r.machine.build}, ${r.machine.arch}), KMDF ${r.machine.kmdf}, UMDF ${r.machine.umdf}`,
    `Boot: test signing ${r.boot.testsigning ? 'on' : 'off'}, kernel debugging ${r.boot.debug ? `on${r.boot.debugger ? ` (${r.boot.debugger})` : ''}` : 'off'}${r.boot.pending ? `; pending until reboot: ${r.boot.pending}` : ''}`,
    '',
    `Devices by type (${r.problems} with a problem)`,
  ];
  for (const c of r.classes) {
    out.push(`  ${c.description} [${c.name} ${c.guid}]`);
    for (const d of c.devices) {
      out.push(`    ${d.problem || d.disabled ? '!' : ' '} ${d.name}  ${d.instanceId}  ${d.status}${d.problemName ? ` ${d.problemName}` : ''}`);
      if (d.driver)
        out.push(
          `        driver ${d.driver.inf} (${d.driver.originalName}) ${d.driver.date} ${d.driver.version}, ${d.driver.provider}, signer ${d.driver.signer ?? '(not signed)'}${d.service ? `, service ${d.service}` : ''}`,
        );
    }
  }
  out.push('', 'Driver store');
  for (const p of r.driverStore)
    out.push(`  ${p.publishedName}  ${p.originalName}  ${p.provider}  ${p.className}  ${p.driverVer}${p.inbox ? '  (inbox)' : `  signer ${p.signer ?? '(not signed)'}`}`);
  out.push('', 'Services');
  for (const s of r.services) out.push(`  ${s.name}  ${[s.type, s.start && `start ${s.start}`, s.imagePath].filter(Boolean).join(', ')}`);
  if (r.certificates.length) {
    out.push('', 'Certificates');
    for (const c of r.certificates) out.push(`  ${c.store}  ${c.thumbprint}  ${c.subject}`);
  }
  return out.join('\n') + '\n';
}

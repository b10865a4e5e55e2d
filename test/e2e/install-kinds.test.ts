// Every kind of driver package, installed and removed through the CLI as a
// developer would (deploy, then pnputil / devcon / infdefaultinstall /
// rundll32), checked with `target reg query`, `devcon status` and the files on
// the target; after removal, what the install made is gone and the inbox
// services are still there. Packages: fixtures/install (see its README) and
// the Windows-driver-samples corpus (MS-PL).
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { wdksim } from '../helpers/cli.js';
import { makePackage, newTarget, rm } from '../machine/helpers.js';

const REPO = join(import.meta.dirname, '../..');
const FIX = join(REPO, 'fixtures/install');
const CORPUS = join(REPO, 'fixtures/corpus/windows-driver-samples');
const SVC = 'HKLM\\SYSTEM\\CurrentControlSet\\Services';
const INBOX = ['WUDFRd', 'WinUsb', 'mf', 'usbccgp', 'HidUsb', 'kbdclass', 'mouclass', 'Serial', 'partmgr', 'FltMgr', 'cdrom', 'USBXHCI'];

/** A target, a signed package built from an INF (files synthesised), deployed to C:\DriverTest\Drivers. */
async function machine(infPath: string, edit: (inf: string) => string = (s) => s, os = 'win11-23h2') {
  const t = await newTarget({ os, testsigning: true });
  const name = infPath
    .split(/[\\/]/)
    .pop()!
    .replace(/\.inx$/i, '.inf');
  const text = edit(
    (await readFile(infPath, 'latin1'))
      .replace(/\r\n/g, '\n')
      .replace(/\$ARCH\$/g, 'amd64')
      .replace(/\$KMDFVERSION\$/g, '1.33'),
  );
  const files: Record<string, string> = {};
  for (const m of text.matchAll(/^\s*([\w.-]+\.(?:sys|dll))\s*=\s*\d+/gim)) files[m[1]!] = `synthesised ${m[1]}\n`;
  const catalogName = /^\s*CatalogFile(?:\.NTamd64)?\s*=\s*([^\s;]+)/im.exec(text)?.[1];
  await makePackage(join(t.base, 'pkg'), name, text, files, catalogName ? { catalogName } : {});
  const env = { WDKSIM_TARGET: t.root };
  const run = (...args: string[]) => wdksim(args, { cwd: join(t.root, 'DriverTest', 'Drivers'), env });
  const deployed = await wdksim(['deploy', join(t.base, 'pkg')], { cwd: t.base, env });
  expect(deployed.exitCode, deployed.stderr).toBe(0);
  const reg = async (key: string) => (await run('target', 'reg', 'query', key, '/s')).stdout;
  const status = async (id: string) => (await run('devcon', 'status', `@${id}`)).stdout;
  const file = (rel: string) => existsSync(join(t.root, ...rel.split('/')));
  const inboxStay = async () => {
    for (const s of INBOX) expect(await reg(`${SVC}\\${s}`), s).toContain('ImagePath');
  };
  return { ...t, run, reg, status, file, inboxStay, name, cleanup: () => rm(t.base, { recursive: true, force: true }) };
}

// Each test runs a dozen CLI processes: generous time on a busy machine.
describe('install kinds (e2e)', { timeout: 180000 }, () => {
  it('primitive driver: pnputil /add-driver /install runs [DefaultInstall.NTamd64] from the store; /delete-driver /uninstall reverses it', async () => {
    const m = await machine(join(CORPUS, 'filesys/miniFilter/passThrough/passThrough.inf'));
    try {
      const add = await m.run('pnputil', '/add-driver', m.name, '/install');
      expect(add.stdout).toContain('Published Name:         oem0.inf\nDriver package installed.\n');
      expect(add.exitCode).toBe(0);
      // 23H2 (22631) is below the 10.0...25952 decoration: the downlevel section copies to drivers.
      expect(m.file('Windows/System32/drivers/PassThrough.sys')).toBe(true);
      const svc = await m.reg(`${SVC}\\PassThrough`);
      expect(svc).toContain('ImagePath    REG_EXPAND_SZ    \\SystemRoot\\System32\\drivers\\PassThrough.sys');
      expect(svc).toContain('DisplayName    REG_SZ    @oem0.inf,%servicename%;PassThrough');
      expect(svc).toContain('DependOnService    REG_MULTI_SZ    FltMgr');
      expect(svc).toContain('Owners    REG_MULTI_SZ    oem0.inf');
      expect(svc).toContain('Instances\\PassThrough Instance\n    Altitude    REG_SZ    370030');
      expect(m.file('Windows/System32/CatRoot/{F750E6C3-38EE-11D1-85E5-00C04FC295EE}/oem0.cat')).toBe(true);
      expect(m.file('Windows/INF/oem0.PNF')).toBe(true);
      // Installed: deleting needs /uninstall.
      expect((await m.run('pnputil', '/delete-driver', 'oem0.inf')).exitCode).toBe(61);
      const del = await m.run('pnputil', '/delete-driver', 'oem0.inf', '/uninstall');
      expect(del.stdout).toContain('Driver package uninstalled.\nDriver package deleted successfully.\n');
      expect((await m.run('target', 'reg', 'query', `${SVC}\\PassThrough`)).exitCode).toBe(1);
      expect(m.file('Windows/System32/drivers/PassThrough.sys')).toBe(false);
      expect(m.file('Windows/INF/oem0.inf') || m.file('Windows/INF/oem0.PNF')).toBe(false);
      await m.inboxStay();
      expect((await m.run('target', 'verify')).exitCode).toBe(0);
    } finally {
      await m.cleanup();
    }
  });

  it('primitive driver on 24H2 runs the 10.0...25952 section: the service runs from the driver store', async () => {
    const m = await machine(join(CORPUS, 'filesys/miniFilter/passThrough/passThrough.inf'), undefined, 'win11-24h2');
    try {
      expect((await m.run('pnputil', '/add-driver', m.name, '/install')).exitCode).toBe(0);
      expect(await m.reg(`${SVC}\\PassThrough`)).toMatch(
        /ImagePath {4}REG_EXPAND_SZ {4}\\SystemRoot\\System32\\DriverStore\\FileRepository\\passthrough\.inf_amd64_[0-9a-f]{16}\\PassThrough\.sys/,
      );
      expect(await m.reg(`${SVC}\\PassThrough`)).toContain('Parameters\\Instances');
      expect(m.file('Windows/System32/drivers/PassThrough.sys')).toBe(false);
    } finally {
      await m.cleanup();
    }
  });

  it('legacy DefaultInstall: infdefaultinstall copies, adds registry and service outside the store; DefaultUninstall removes them', async () => {
    const m = await machine(join(FIX, 'legacy-service/legacysvc.inf'));
    try {
      const r = await m.run('infdefaultinstall', m.name);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(m.file('Windows/System32/drivers/legacysvc.sys') && m.file('Windows/System32/legacyhelp.dll')).toBe(true);
      const svc = await m.reg(`${SVC}\\LegacySvc`);
      expect(svc).toContain('Start    REG_DWORD    0x2');
      expect(svc).toContain('DisplayName    REG_SZ    Contoso Legacy Service');
      expect(svc).not.toContain('Owners');
      expect(svc).toContain('PollInterval    REG_DWORD    0xfa');
      expect(await m.reg(`${SVC}\\EventLog\\System\\LegacySvc`)).toContain('TypesSupported    REG_DWORD    0x7');
      expect(await m.reg('HKLM\\SOFTWARE\\Contoso\\LegacySvc')).toContain('Version    REG_SZ    2.1.0.7');
      // Nothing is staged: the driver store has no package of it.
      expect((await m.run('pnputil', '/enum-drivers')).stdout).not.toContain('legacysvc.inf');
      const u = await m.run('rundll32', 'setupapi.dll,InstallHinfSection', 'DefaultUninstall', '132', m.name);
      expect(u.exitCode, u.stderr).toBe(0);
      expect(m.file('Windows/System32/drivers/legacysvc.sys') || m.file('Windows/System32/legacyhelp.dll')).toBe(false);
      expect((await m.run('target', 'reg', 'query', `${SVC}\\LegacySvc`)).exitCode).toBe(1);
      expect((await m.run('target', 'reg', 'query', `${SVC}\\EventLog\\System\\LegacySvc`)).exitCode).toBe(1);
      expect(await m.reg('HKLM\\SOFTWARE\\Contoso\\LegacySvc')).not.toContain('Version');
      await m.inboxStay();
      expect((await m.run('target', 'verify')).exitCode).toBe(0);
    } finally {
      await m.cleanup();
    }
  });

  it('class upper filter on USB: the class key gets the filter, USB devices load it after a restart; uninstall takes only it out', async () => {
    const m = await machine(join(FIX, 'usb-upper-filter/usbflt.inf'));
    const cls = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{36fc9e60-c465-11cf-8056-444553540000}';
    const hub = 'USB\\ROOT_HUB30\\4&2AD2F5A8&0&0';
    try {
      expect((await m.run('rundll32', 'setupapi.dll,InstallHinfSection', 'DefaultInstall', '132', m.name)).exitCode).toBe(0);
      expect(await m.reg(cls)).toMatch(/UpperFilters {4}REG_MULTI_SZ {4}usbflt/);
      expect(await m.reg(`${SVC}\\usbflt`)).toContain('ImagePath    REG_EXPAND_SZ    \\SystemRoot\\System32\\drivers\\usbflt.sys');
      expect((await m.run('devcon', 'restart', `@${hub}`)).exitCode).toBe(0);
      expect(await m.status(hub)).toContain('Driver is running.');
      expect((await m.run('devcon', 'stack', `@${hub}`)).stdout).toContain('Upper class filters:\n        usbflt');
      expect((await m.run('rundll32', 'setupapi.dll,InstallHinfSection', 'DefaultUninstall', '132', m.name)).exitCode).toBe(0);
      expect(await m.reg(cls)).not.toContain('usbflt');
      expect((await m.run('target', 'reg', 'query', `${SVC}\\usbflt`)).exitCode).toBe(1);
      expect(m.file('Windows/System32/drivers/usbflt.sys')).toBe(false);
      expect((await m.run('devcon', 'stack', `@${hub}`)).stdout).not.toContain('usbflt');
      await m.inboxStay();
    } finally {
      await m.cleanup();
    }
  });

  it('class lower filter on CD-ROM (decorated legacy DefaultInstall): the drive loads it after a reboot; DefaultUninstall takes it out', async () => {
    const m = await machine(join(FIX, 'cdrom-lower-filter/cdflt.inf'));
    const cls = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e965-e325-11ce-bfc1-08002be10318}';
    const dvd = 'SCSI\\CDROM&VEN_HL-DT-ST&PROD_DVDRAM_GH24NSD1\\4&2F4B3F1&0&010000';
    try {
      expect((await m.run('infdefaultinstall', m.name)).exitCode).toBe(0);
      expect(await m.reg(cls)).toMatch(/LowerFilters {4}REG_MULTI_SZ {4}cdflt/);
      expect((await m.run('target', 'reboot')).exitCode).toBe(0);
      expect(await m.status(dvd)).toContain('Driver is running.');
      expect((await m.run('devcon', 'stack', `@${dvd}`)).stdout).toContain('Class lower filters:\n        cdflt');
      expect((await m.run('rundll32', 'setupapi.dll,InstallHinfSection', 'DefaultUninstall', '132', m.name)).exitCode).toBe(0);
      expect(await m.reg(cls)).not.toContain('cdflt');
      expect((await m.run('target', 'reg', 'query', `${SVC}\\cdflt`)).exitCode).toBe(1);
      expect((await m.run('target', 'reboot')).exitCode).toBe(0);
      expect(await m.status(dvd)).toContain('Driver is running.');
      await m.inboxStay();
    } finally {
      await m.cleanup();
    }
  });

  it("a class filter whose service was never installed stops the class's devices with Code 19 at their next start", async () => {
    const m = await machine(join(FIX, 'cdrom-lower-filter/cdflt.inf'), (s) => s.replace(/^AddService = cdflt.*$/m, ''));
    const dvd = 'SCSI\\CDROM&VEN_HL-DT-ST&PROD_DVDRAM_GH24NSD1\\4&2F4B3F1&0&010000';
    try {
      expect((await m.run('infdefaultinstall', m.name)).exitCode).toBe(0);
      // Already started: the filter is read when the stack is built again.
      expect(await m.status(dvd)).toContain('Driver is running.');
      expect((await m.run('target', 'reboot')).exitCode).toBe(0);
      expect(await m.status(dvd)).toContain('The device has the following problem: 19');
      expect((await m.run('pnputil', '/enum-devices', '/problem', '19')).stdout).toContain(dvd);
    } finally {
      await m.cleanup();
    }
  });

  it('a device whose filter service is missing has Code 19 (CM_PROB_REGISTRY); FeatureScore F9 ranks 0x00F9xxxx', async () => {
    const m = await machine(join(FIX, 'missing-filter/missflt.inf'));
    try {
      const r = await m.run('devcon', 'install', m.name, 'Root\\TailspinSensorHub');
      expect(r.exitCode, r.stderr).toBe(0);
      expect(await m.status('ROOT\\SYSTEM\\0001')).toContain('The device has the following problem: 19');
      const dev = await m.reg('HKLM\\SYSTEM\\CurrentControlSet\\Enum\\ROOT\\SYSTEM\\0001');
      expect(dev).toContain('LowerFilters    REG_MULTI_SZ    tailspinlf');
      expect(dev).toContain('DeviceDesc    REG_SZ    @oem0.inf,%dev.devicedesc%;Tailspin Sensor Hub');
      const log = await readFile(join(m.root, 'Windows/INF/setupapi.dev.log'), 'utf8');
      expect(log).toContain('Rank         - 0x00f90000');
      expect(log).toContain('FeatureScore - 0xF9');
      expect(log).toContain('CM_PROB_REGISTRY');
      expect(log).not.toContain(m.base);
      const del = await m.run('pnputil', '/delete-driver', 'oem0.inf', '/uninstall');
      expect(del.exitCode).toBe(0);
      expect((await m.run('target', 'reg', 'query', `${SVC}\\missflt`)).exitCode).toBe(1);
      expect(await m.status('ROOT\\SYSTEM\\0001')).toContain('The device has the following problem: 28');
      await m.inboxStay();
    } finally {
      await m.cleanup();
    }
  });

  it('multifunction device with Include=mf.inf gets mf as its service; mf stays after removal', async () => {
    const m = await machine(join(FIX, 'multifunction/mfcard.inf'));
    try {
      const r = await m.run('devcon', 'install', m.name, 'Root\\NorthwindMfCard');
      expect(r.exitCode, r.stderr).toBe(0);
      const id = 'ROOT\\MULTIFUNCTION\\0000';
      expect(await m.status(id)).toContain('Driver is running.');
      const dev = await m.reg(`HKLM\\SYSTEM\\CurrentControlSet\\Enum\\${id}`);
      expect(dev).toContain('Service    REG_SZ    mf');
      expect(dev).toContain('Child0000\n    HardwareID    REG_SZ    MF\\NorthwindMfCard_Serial');
      expect(await m.reg(`${SVC}\\mf`)).not.toContain('Owners');
      const driver = /Driver {4}REG_SZ {4}(\S+)/.exec(dev)![1]!;
      expect(await m.reg(`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\${driver}`)).toContain('InfSection    REG_SZ    MfCard_Install');
      expect((await m.run('pnputil', '/delete-driver', 'oem0.inf', '/uninstall')).exitCode).toBe(0);
      expect((await m.run('target', 'reg', 'query', `HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\${driver}`)).exitCode).toBe(1);
      expect(await m.reg(`HKLM\\SYSTEM\\CurrentControlSet\\Enum\\${id}`)).not.toContain('Service    REG_SZ');
      expect(await m.status(id)).toContain('problem: 28');
      await m.inboxStay();
    } finally {
      await m.cleanup();
    }
  });

  it('UMDF driver with Include=wudfrd.inf: WUDFRd is the function driver, the UMDF service keys are written; WUDFRd stays', async () => {
    const m = await machine(join(CORPUS, 'gnss/gnssUmdf/gnssUmdf.inf'), (s) => s.replace(/\$UMDFVERSION\$/g, '2.15'));
    try {
      const r = await m.run('devcon', 'install', m.name, 'Root\\gnssUmdf');
      expect(r.exitCode, r.stderr).toBe(0);
      const id = (await m.run('devcon', 'find', 'Root\\gnssUmdf')).stdout.split(' ')[0]!.trim();
      expect(await m.status(id)).toContain('Driver is running.');
      const dev = await m.reg(`HKLM\\SYSTEM\\CurrentControlSet\\Enum\\${id}`);
      expect(dev).toContain('Service    REG_SZ    WUDFRd');
      expect(dev).toMatch(/WUDF\\Services\\gnssUmdf\n {4}UmdfLibraryVersion {4}REG_SZ {4}2\.15/);
      expect(await m.reg(`${SVC}\\WUDFRd`)).not.toContain('Owners');
      expect((await m.run('pnputil', '/delete-driver', 'oem0.inf', '/uninstall')).exitCode).toBe(0);
      expect(await m.status(id)).toContain('problem: 28');
      await m.inboxStay();
    } finally {
      await m.cleanup();
    }
  });

  it('device upper filter with Include=keyboard.inf (kbfiltr sample): i8042prt drives it, kbfiltr and the class filter kbdclass load; the filter service goes with the package', async () => {
    const m = await machine(join(CORPUS, 'input/kbfiltr/sys/kbfiltr.inx'), (s) => s.replace(/^DriverVer\s*=.*$/m, 'DriverVer = 10/01/2025,1.0.0.0'));
    try {
      const r = await m.run('devcon', 'install', m.name, '*PNP0BAAD');
      expect(r.exitCode, r.stderr).toBe(0);
      const stack = (await m.run('devcon', 'stack', '*PNP0BAAD')).stdout;
      expect(stack).toContain('Upper class filters:\n        kbdclass\n    Upper filters:\n        kbfiltr\n    Controlling service:\n        i8042prt');
      expect(await m.status('ROOT\\KEYBOARD\\0000')).toContain('Driver is running.');
      expect(await m.reg(`${SVC}\\kbfiltr`)).toContain('Owners    REG_MULTI_SZ    oem0.inf');
      expect(await m.reg(`${SVC}\\i8042prt`)).not.toContain('Owners');
      expect((await m.run('pnputil', '/delete-driver', 'oem0.inf', '/uninstall')).exitCode).toBe(0);
      expect((await m.run('target', 'reg', 'query', `${SVC}\\kbfiltr`)).exitCode).toBe(1);
      expect(await m.reg(`${SVC}\\i8042prt`)).toContain('ImagePath');
      await m.inboxStay();
    } finally {
      await m.cleanup();
    }
  });

  it('NDIS miniport (virtio-win NetKVM): Characteristics, BusType and the keywords land in the driver key; the service goes with the package', async () => {
    const m = await machine(join(FIX, 'netkvm/netkvm.inf'));
    try {
      const r = await m.run('devcon', 'install', m.name, 'PCI\\VEN_1AF4&DEV_1000');
      expect(r.exitCode, r.stderr).toBe(0);
      const id = 'ROOT\\NET\\0000';
      expect(await m.status(id)).toContain('Driver is running.');
      const driver = /Driver {4}REG_SZ {4}(\S+)/.exec(await m.reg(`HKLM\\SYSTEM\\CurrentControlSet\\Enum\\${id}`))![1]!;
      const sw = await m.reg(`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\${driver}`);
      expect(sw).toContain('Characteristics    REG_DWORD    0x84');
      expect(sw).toContain('BusType    REG_SZ    5');
      expect(sw).toContain('*IfType    REG_DWORD    0x6');
      expect(sw).toContain('*MediaType    REG_DWORD    0x0');
      expect(sw).toContain('*PhysicalMediaType    REG_DWORD    0x0');
      expect(sw).toContain('ComponentId    REG_SZ    pci\\ven_1af4&dev_1000');
      expect(sw).toMatch(/NetCfgInstanceId {4}REG_SZ {4}\{[0-9A-F-]{36}\}/);
      expect(sw).toContain('Ndi\\Interfaces\n    UpperRange    REG_SZ    ndis5');
      expect(await m.reg(`${SVC}\\netkvm`)).toContain('Owners    REG_MULTI_SZ    oem0.inf');
      expect(m.file('Windows/System32/drivers/netkvm.sys')).toBe(true);
      expect((await m.run('pnputil', '/delete-driver', 'oem0.inf', '/uninstall')).exitCode).toBe(0);
      expect((await m.run('target', 'reg', 'query', `${SVC}\\netkvm`)).exitCode).toBe(1);
      expect((await m.run('target', 'reg', 'query', `HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\${driver}`)).exitCode).toBe(1);
      expect(m.file('Windows/System32/drivers/netkvm.sys')).toBe(false);
      await m.inboxStay();
    } finally {
      await m.cleanup();
    }
  });

  it('NetAdapterCx (WiFiCx sample client): KMDF service, Net directives and the NetworkInterface keywords', async () => {
    const m = await machine(join(CORPUS, 'network/wlan/wificx/km/wificxsampleclientkm.inf'));
    try {
      const inf = await readFile(join(CORPUS, 'network/wlan/wificx/km/wificxsampleclientkm.inf'), 'latin1');
      const hwid = /^%[^%]+%\s*=\s*[^,]+,\s*(\S+)/m.exec(inf.slice(inf.indexOf('[Standard.NT')))![1]!;
      const r = await m.run('devcon', 'install', m.name, hwid);
      expect(r.exitCode, r.stderr).toBe(0);
      const id = 'ROOT\\NET\\0000';
      expect(await m.status(id)).toContain('Driver is running.');
      const driver = /Driver {4}REG_SZ {4}(\S+)/.exec(await m.reg(`HKLM\\SYSTEM\\CurrentControlSet\\Enum\\${id}`))![1]!;
      const sw = await m.reg(`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\${driver}`);
      expect(sw).toContain('Characteristics    REG_DWORD    0x84');
      expect(sw).toContain('*IfType    REG_DWORD    0x47');
      expect(sw).toContain('NetworkInterface\n    *IfConnectorPresent    REG_DWORD    0x1');
      expect(await m.reg(`${SVC}\\wificxsampleclientkm\\Parameters\\Wdf`)).toContain('KmdfLibraryVersion    REG_SZ    1.33');
      expect((await m.run('pnputil', '/delete-driver', 'oem0.inf', '/uninstall')).exitCode).toBe(0);
      expect((await m.run('target', 'reg', 'query', `${SVC}\\wificxsampleclientkm`)).exitCode).toBe(1);
      await m.inboxStay();
    } finally {
      await m.cleanup();
    }
  });

  it('pnputil /add-driver /install with no matching device says so and exits 259 (3)', async () => {
    const m = await machine(join(FIX, 'netkvm/netkvm.inf'));
    try {
      const r = await m.run('pnputil', '/add-driver', m.name, '/install');
      expect(r.stdout).toContain('Published Name:         oem0.inf\nNo matching devices are present.\n');
      expect(r.exitCode).toBe(3);
    } finally {
      await m.cleanup();
    }
  });

  it('a failed devcon install leaves a Code 28 devnode and a log that does not claim the package was imported', async () => {
    const m = await machine(join(FIX, 'missing-filter/missflt.inf'), (s) =>
      s.replace('AddService = missflt,0x00000002,MissFlt.Service', 'AddService = missflt,0x00000002,NoSuchSection'),
    );
    try {
      const r = await m.run('devcon', 'install', m.name, 'Root\\TailspinSensorHub');
      expect(r.exitCode).toBe(2);
      expect(await m.status('ROOT\\SYSTEM\\0001')).toContain('problem: 28');
      const log = await readFile(join(m.root, 'Windows/INF/setupapi.dev.log'), 'utf8');
      expect(log).not.toContain('Successfully imported driver package');
      expect(log).toContain('import was rolled back');
      expect(log).not.toContain(m.base);
      expect((await m.run('pnputil', '/enum-drivers')).stdout).not.toContain('oem0.inf');
    } finally {
      await m.cleanup();
    }
  });

  it("a CDC serial INF with LayoutFile=layout.inf: usbser.sys is the system's own, so deploy and install need no copy of it and the port runs", async () => {
    const m = await machine(join(REPO, 'fixtures/packages/layoutfile/cdcser.inf'));
    try {
      const r = await m.run('devcon', 'install', m.name, 'USB\\VID_239A&PID_0001&MI_00');
      expect(r.stdout).toContain('Drivers installed successfully.');
      expect(r.exitCode).toBe(0);
      expect(await m.status('ROOT\\PORTS\\0000')).toContain('Driver is running.');
      const log = await readFile(join(m.root, 'Windows/INF/setupapi.dev.log'), 'utf8');
      expect(log).toContain("'C:\\Windows\\System32\\drivers\\usbser.sys' is the system's own file (LayoutFile in [Version]); not copied from the package.");
      expect(m.file('Windows/System32/drivers/usbser.sys')).toBe(false);
      expect((await m.run('target', 'verify')).exitCode).toBe(0);
      // The INF named in another case: Windows would find it, Linux does not; the error says so.
      const wrongCase = await m.run('devcon', 'install', 'CDCSER.INF', 'USB\\VID_239A&PID_0001&MI_00');
      expect(wrongCase.exitCode).toBe(2);
      expect(wrongCase.stderr).toContain('CDCSER.INF: no such file; check the INF path (and its case)');
    } finally {
      await m.cleanup();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { readFile as rf, writeFile as wf, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { deployPackage, installDriverOnDevices, stageDriverPackage } from '../../src/machine/index.js';
import { rebootTarget } from '../../src/machine/devices.js';
import { verifyTarget } from '../../src/machine/verify.js';
import { makePackage, newTarget } from './helpers.js';

const hello = (state: { devices: { instanceId: string; problem: number }[] }) => state.devices.find((d) => d.instanceId === 'ROOT\\SAMPLE\\0000')!;
const FIXTURE = join(import.meta.dirname, '../../fixtures/packages/KmdfHelloWorld');

async function helloPackage(dir: string) {
  const inf = await rf(join(FIXTURE, 'KmdfHelloWorld.inf'), 'utf8');
  const sys = await rf(join(FIXTURE, 'KmdfHelloWorld.sys'));
  return makePackage(dir, 'KmdfHelloWorld.inf', inf.replace(/\r\n/g, '\n'), { 'KmdfHelloWorld.sys': sys });
}

describe('tutorial flow through the engine', () => {
  it('deploys, installs Root\\KmdfHelloWorld, and the device runs', async () => {
    const { base, root, target } = await newTarget({ testsigning: true });
    await helloPackage(join(base, 'pkg'));
    const deployed = await target.transaction('deploy', (tx) => deployPackage(tx, 'pkg'));
    expect(deployed.copied.map((c) => c.toLowerCase())).toEqual(
      expect.arrayContaining([
        'drivertest/drivers/kmdfhelloworld.inf',
        'drivertest/drivers/kmdfhelloworld.cat',
        'drivertest/drivers/kmdfhelloworld.sys',
        'drivertest/drivers/package.cer',
      ]),
    );
    expect(deployed.certificates[0]!.addedTo).toEqual(['Root', 'TrustedPublisher']);

    const result = await target.transaction('devcon install', (tx) =>
      installDriverOnDevices(tx, { infPath: deployed.infs[0]!, hardwareId: 'Root\\KmdfHelloWorld', createRootDevice: true, force: true }),
    );
    expect(result.created).toBe('ROOT\\SAMPLE\\0000');
    expect(result.publishedName).toBe('oem0.inf');
    const state = await target.read();
    const device = state.devices.find((d) => d.instanceId === 'ROOT\\SAMPLE\\0000')!;
    expect(device.problem).toBe(0);
    expect(device.service).toBe('KmdfHelloWorld');
    expect(device.driver?.section).toBe('KmdfHelloWorld_Device.NT');
    expect(device.driver?.rank).toBe('00FF0000');
    const pkg = state.packages.find((p) => !p.inbox)!;
    expect(pkg.storeFolder).toMatch(/^kmdfhelloworld\.inf_amd64_[0-9a-f]{16}$/);
    // DIRID 13: the .sys runs from the store folder.
    await stat(join(root, 'Windows/System32/DriverStore/FileRepository', pkg.storeFolder, 'KmdfHelloWorld.sys'));
    await stat(join(root, 'Windows/INF/oem0.inf'));
    const svc = state.registry['HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\KmdfHelloWorld']!;
    expect(svc.values.Type).toEqual({ type: 'REG_DWORD', data: 1 });
    expect(svc.values.Start).toEqual({ type: 'REG_DWORD', data: 3 });
    expect(svc.values.ImagePath!.data).toBe(`\\SystemRoot\\System32\\DriverStore\\FileRepository\\${pkg.storeFolder}\\KmdfHelloWorld.sys`);
    const log = await rf(join(root, 'Windows/INF/setupapi.dev.log'), 'utf8');
    expect(log).toContain('>>>  [Device Install (UpdateDriverForPlugAndPlayDevices) - ROOT\\SAMPLE\\0000]');
    expect(log).toContain('Published Driver Store Entry: oem0.inf');
    expect((await verifyTarget(target)).problems).toEqual([]);

    // Staging the identical package again keeps its published name.
    const again = await target.transaction('dp_add', (tx) => stageDriverPackage(tx, deployed.infs[0]!));
    expect(again).toMatchObject({ publishedName: 'oem0.inf', alreadyStaged: true });
  });

  it('gives problem 52 with test signing off, and the device starts after test signing is on and the target reboots', async () => {
    const { base, target } = await newTarget({ testsigning: false });
    await helloPackage(join(base, 'pkg'));
    const deployed = await target.transaction('deploy', (tx) => deployPackage(tx, 'pkg'));
    await target.transaction('install', (tx) =>
      installDriverOnDevices(tx, { infPath: deployed.infs[0]!, hardwareId: 'Root\\KmdfHelloWorld', createRootDevice: true, force: true }),
    );
    expect(hello(await target.read()).problem).toBe(52);
    await target.transaction('bcdedit', async (tx) => {
      tx.state.boot.pending = { testsigning: true };
    });
    expect(hello(await target.read()).problem).toBe(52);
    await target.transaction('reboot', (tx) => rebootTarget(tx));
    expect(hello(await target.read()).problem).toBe(0);
  });

  it('refuses a package whose .sys changed after signing, naming the file, and stages nothing', async () => {
    const { base, root, target } = await newTarget();
    const inf = await helloPackage(join(base, 'pkg'));
    await wf(join(base, 'pkg', 'KmdfHelloWorld.sys'), Buffer.from('tampered'));
    await target.transaction('certs', async (tx) => {
      const { certificateRecord, importCertificate } = await import('../../src/machine/certs.js');
      importCertificate(tx, certificateRecord(await rf(join(base, 'pkg', 'package.cer')), 'package.cer'));
    });
    await expect(
      target.transaction('install', (tx) => installDriverOnDevices(tx, { infPath: inf, hardwareId: 'Root\\KmdfHelloWorld', createRootDevice: true, force: true })),
    ).rejects.toThrow(/KmdfHelloWorld\.sys/);
    const state = await target.read();
    expect(state.packages.filter((p) => !p.inbox)).toEqual([]);
    expect(state.devices.filter((d) => d.instanceId.startsWith('ROOT\\SAMPLE'))).toEqual([]);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(join(root, 'Windows/System32/DriverStore/FileRepository'))).toEqual([]);
    expect(await rf(join(root, 'Windows/INF/setupapi.dev.log'), 'utf8')).toContain('!!!  sto:');
  });

  it('refuses an untrusted catalog and an unsigned one', async () => {
    const { base, target } = await newTarget();
    const inf = await helloPackage(join(base, 'pkg'));
    await expect(target.transaction('stage', (tx) => stageDriverPackage(tx, inf))).rejects.toThrow(/not trusted/);
    const raw = await rf(inf, 'utf8');
    const unsigned = await makePackage(
      join(base, 'pkg2'),
      'KmdfHelloWorld.inf',
      raw.replace(/\r\n/g, '\n'),
      { 'KmdfHelloWorld.sys': await rf(join(FIXTURE, 'KmdfHelloWorld.sys')) },
      { sign: false },
    );
    await expect(target.transaction('stage', (tx) => stageDriverPackage(tx, unsigned))).rejects.toThrow(/not signed/);
    expect((await target.read()).packages.filter((p) => !p.inbox)).toEqual([]);
  });

  it('a KMDF version newer than the OS has gives problem 39 (CM_PROB_DRIVER_FAILED_LOAD); the same package runs where KMDF is new enough', async () => {
    for (const [os, kmdf, problem] of [
      ['win10-22h2', '1.33', 39],
      ['win11-23h2', '1.33', 0],
      ['win11-23h2', '1.35', 39],
    ] as const) {
      const { base, target } = await newTarget({ os });
      const inf = (await rf(join(FIXTURE, 'KmdfHelloWorld.inf'), 'utf8')).replace(/\r\n/g, '\n').replace('KmdfLibraryVersion = 1.15', `KmdfLibraryVersion = ${kmdf}`);
      const path = await makePackage(join(base, 'pkg'), 'KmdfHelloWorld.inf', inf, { 'KmdfHelloWorld.sys': await rf(join(FIXTURE, 'KmdfHelloWorld.sys')) });
      const deployed = await target.transaction('deploy', (tx) => deployPackage(tx, path));
      await target.transaction('install', (tx) =>
        installDriverOnDevices(tx, { infPath: deployed.infs[0]!, hardwareId: 'Root\\KmdfHelloWorld', createRootDevice: true, force: true }),
      );
      expect(`${os} ${kmdf} ${hello(await target.read()).problem}`).toBe(`${os} ${kmdf} ${problem}`);
    }
  });

  it('matches package and target file names without regard to case', async () => {
    const { base, root, target } = await newTarget();
    const inf = (await rf(join(FIXTURE, 'KmdfHelloWorld.inf'), 'utf8')).replace(/\r\n/g, '\n').replace('DefaultDestDir = 13', 'DefaultDestDir = 12');
    const path = await makePackage(join(base, 'pkg'), 'KmdfHelloWorld.inf', inf, { 'KMDFHELLOWORLD.SYS': await rf(join(FIXTURE, 'KmdfHelloWorld.sys')) });
    const { mkdir, writeFile: wfile } = await import('node:fs/promises');
    await mkdir(join(root, 'Windows/System32/drivers'), { recursive: true });
    await wfile(join(root, 'Windows/System32/drivers/kmdfhelloworld.sys'), 'old version');
    const deployed = await target.transaction('deploy', (tx) => deployPackage(tx, path));
    await target.transaction('install', (tx) =>
      installDriverOnDevices(tx, { infPath: deployed.infs[0]!, hardwareId: 'ROOT\\KMDFHELLOWORLD', createRootDevice: true, force: true }),
    );
    const state = await target.read();
    expect(hello(state).problem).toBe(0);
    const { readdir } = await import('node:fs/promises');
    // The existing file (any case) is replaced, not doubled.
    expect((await readdir(join(root, 'Windows/System32/drivers'))).filter((n) => n.toLowerCase() === 'kmdfhelloworld.sys')).toEqual(['kmdfhelloworld.sys']);
    expect(await rf(join(root, 'Windows/System32/drivers/kmdfhelloworld.sys'))).toEqual(await rf(join(FIXTURE, 'KmdfHelloWorld.sys')));
    expect((await verifyTarget(target)).problems).toEqual([]);
  });

  it('an extension INF adds to the device and leaves its class, driver and service alone', async () => {
    const { base, target } = await newTarget();
    const hello = await helloPackage(join(base, 'pkg'));
    const deployed = await target.transaction('deploy', (tx) => deployPackage(tx, hello));
    await target.transaction('install', (tx) =>
      installDriverOnDevices(tx, { infPath: deployed.infs[0]!, hardwareId: 'Root\\KmdfHelloWorld', createRootDevice: true, force: true }),
    );
    const ext = await makePackage(
      join(base, 'ext'),
      'ext.inf',
      [
        '[Version]',
        'Signature="$WINDOWS NT$"',
        'Class=Extension',
        'ClassGuid={e2f84ce7-8efa-411c-aa69-97454ca4cb57}',
        'ExtensionId={11111111-2222-3333-4444-555555555555}',
        'Provider=%Mfg%',
        'CatalogFile=ext.cat',
        'DriverVer=11/21/2026,1.0.0.1',
        '[Manufacturer]',
        '%Mfg%=Models,NTamd64',
        '[Models.NTamd64]',
        '%Desc%=Ext_Install, Root\\KmdfHelloWorld',
        '[Ext_Install.NT]',
        'AddReg=Ext_Reg',
        '[Ext_Reg]',
        'HKR,,ExtensionSetting,0x00010001,7',
        '[Ext_Install.NT.HW]',
        'AddReg=Ext_HW',
        '[Ext_HW]',
        'HKR,,LowerFilters,0x00010000,"extflt"',
        '[Strings]',
        'Mfg="ext vendor"',
        'Desc="Hello extension"',
        '',
      ].join('\n'),
      {},
    );
    const r = await target.transaction('pnputil /install', (tx) => installDriverOnDevices(tx, { infPath: ext, hardwareId: 'Root\\KmdfHelloWorld' }));
    expect(r.publishedName).toBe('oem1.inf');
    const state = await target.read();
    const device = state.devices.find((d) => d.instanceId === 'ROOT\\SAMPLE\\0000')!;
    // extflt is not an installed service: the stack cannot be built, Code 19 (CM_PROB_REGISTRY), as on Windows.
    expect(device).toMatchObject({ className: 'Sample', service: 'KmdfHelloWorld', lowerFilters: ['extflt'], problem: 19, description: 'KmdfHelloWorld Device' });
    expect(device.driver?.publishedName).toBe('oem0.inf');
    const sw = state.registry[Object.keys(state.registry).find((k) => /Class\\\{78a1c341[^\\]*\\0000$/i.test(k))!]!;
    expect(sw.values.ExtensionSetting).toEqual({ type: 'REG_DWORD', data: 7 });
  });
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/time/clock.js';
import { catalogPlans, checkPackage, formatInf2CatLine, loadPackage } from '../../src/package/index.js';

const PACKAGES = fileURLToPath(new URL('../../fixtures/packages/', import.meta.url));
const clock = fixedClock('2026-11-24T12:00:00Z', 'UTC');

async function check(folder: string, osIds: string[], extra: { useLocalTime?: boolean; clock?: ReturnType<typeof fixedClock> } = {}) {
  const pkg = await loadPackage(`${PACKAGES}${folder}`);
  return checkPackage(pkg, { osIds, clock, ...extra });
}

describe('checkPackage', () => {
  it('passes the KMDF hello world package for Windows 10 2004 x64', async () => {
    expect(await check('KmdfHelloWorld', ['10_VB_X64'])).toEqual([]);
  });

  it.each([
    ['missing-file', '22.9.1', 'kmdfhelloworld.sys in [drivers_dir] of missing-file\\kmdfhelloworld.inf is missing or cannot be decompressed'],
    ['no-catalogfile', '22.9.4', 'Missing AMD64 CatalogFile entry (CatalogFile.ntamd64, CatalogFile.nt, CatalogFile) from [Version] section in no-catalogfile\\kmdfhelloworld.inf'],
    ['bad-driverver', '22.9.6', 'DriverVer missing or in incorrect format in bad-driverver\\kmdfhelloworld.inf'],
    ['future-driverver', '22.9.7', 'DriverVer set to a date in the future (postdated DriverVer not allowed) in future-driverver\\kmdfhelloworld.inf.'],
    ['unlisted-file', '22.9.10', 'hellohelper.dll missing from [SourceDisksFiles] section in unlisted-file\\kmdfhelloworld.inf'],
    ['unstamped-arch', 'inf2cat/models', 'unstamped-arch\\kmdfhelloworld.inf does not have NTAMD64 decorated model sections'],
    ['x86-only-models', 'inf2cat/models', 'x86-only-models\\kmdfhelloworld.inf does not have NTAMD64 decorated model sections'],
  ])('%s → exactly one %s', async (folder, code, text) => {
    const diagnostics = await check(folder, ['10_VB_X64']);
    expect(diagnostics.map((d) => d.code)).toEqual([code]);
    expect(formatInf2CatLine(diagnostics[0]!)).toContain(text);
    expect(diagnostics[0]!.file).toMatch(/KmdfHelloWorld\.inf$/);
    expect(diagnostics[0]!.line).toBeGreaterThan(0);
  });

  it('accepts an arch decoration whatever its build (the VS template with /os:10_X64 catalogs)', async () => {
    // NTamd64.10.0...16299 with /os:10_X64 (build 10240): Inf2Cat checks the architecture only.
    expect(await check('KmdfHelloWorld', ['10_X64'])).toEqual([]);
    expect(await check('KmdfHelloWorld', ['10_RS3_X64'])).toEqual([]);
  });

  it('reports x86 ids against an amd64-only package once per architecture', async () => {
    const diagnostics = await check('KmdfHelloWorld', ['10_VB_X64', '10_VB_X86', '10_X86']);
    expect(diagnostics.map(formatInf2CatLine)).toEqual(['KmdfHelloWorld\\kmdfhelloworld.inf does not have NTX86 decorated model sections']);
  });

  it('applies the Windows 7 minimum DriverVer date', async () => {
    const diagnostics = await check('legacy-date', ['7_X64']);
    expect(diagnostics.map(formatInf2CatLine)).toEqual([
      '22.9.7: DriverVer set to incorrect date (must be postdated to 4/21/2009 for newest OS) in legacy-date\\kmdfhelloworld.inf',
    ]);
    expect(await check('legacy-date', ['8_X64'])).toEqual([]);
  });

  describe('DriverVer date against UTC or local time', () => {
    const auckland = fixedClock('2026-11-24T12:30:00Z', 'Pacific/Auckland'); // 11/25 01:30 local
    const losAngeles = fixedClock('2026-11-25T03:00:00Z', 'America/Los_Angeles'); // 11/24 19:00 local

    it('a local-stamped date in a zone east of UTC fails by default, passes with /uselocaltime', async () => {
      const failing = await check('auckland-local-date', ['10_VB_X64'], { clock: auckland });
      expect(failing.map((d) => d.code)).toEqual(['22.9.7']);
      expect(failing[0]!.fix).toContain('Pacific/Auckland (UTC+13:00)');
      expect(failing[0]!.fix).toContain('/uselocaltime');
      expect(failing[0]!.fix).toContain('STAMPINF_DATE');
      expect(await check('auckland-local-date', ['10_VB_X64'], { clock: auckland, useLocalTime: true })).toEqual([]);
    });

    it('a UTC-stamped date in a zone west of UTC fails only with /uselocaltime', async () => {
      expect(await check('utc-date', ['10_VB_X64'], { clock: losAngeles })).toEqual([]);
      const failing = await check('utc-date', ['10_VB_X64'], { clock: losAngeles, useLocalTime: true });
      expect(failing.map((d) => d.code)).toEqual(['22.9.7']);
      expect(failing[0]!.fix).toContain('America/Los_Angeles (UTC-08:00)');
    });

    it('the same date passes on the day itself (equality is not "future")', async () => {
      expect(await check('utc-date', ['10_VB_X64'], { clock: fixedClock('2026-11-25T00:00:00Z', 'UTC') })).toEqual([]);
    });
  });
});

describe('catalogPlans', () => {
  it('plans one catalog per CatalogFile name with its files, OSAttr, OS and HWIDs', async () => {
    const pkg = await loadPackage(`${PACKAGES}multi-arch`);
    const plans = catalogPlans(pkg, { osIds: ['10_X64', '10_X86', '7_X86', '10_RS5_ARM64'] });
    const summary = plans.map((p) => ({
      name: p.catalogName,
      oses: p.oses.map((os) => os.id),
      members: p.members.map((m) => m.path.slice(pkg.dir.length + 1)),
      osAttr: p.osAttr,
      attributes: p.attributes.map((a) => `${a.name}=${a.value}`),
      version: p.version,
    }));
    // Every catalog holds every architecture's files and the IDs of every Models
    // section, as real Inf2Cat catalogs do (docs/catalogs.md).
    const all = ['Multi.INF', 'x86/Multi.SYS', 'x86/Helpers/MULTI32HELPER.dll', 'Docs/ReadMe.txt', 'X64/multi.sys', 'arm64/multi.sys'];
    const hwids = ['HWID3=acpi\\wdks0001', 'HWID2=pci\\ven_1234&cc_0880', 'HWID1=pci\\ven_1234&dev_5678'];
    expect(summary).toEqual([
      { name: 'multi64.cat', oses: ['10_X64'], osAttr: '2:10.0', version: 2, members: all, attributes: ['OS=_v100_X64', ...hwids] },
      { name: 'multi32.cat', oses: ['10_X86', '7_X86'], osAttr: '2:6.1,2:10.0', version: 1, members: all, attributes: ['OS=_v100,7X86', ...hwids] },
      { name: 'multi.cat', oses: ['10_RS5_ARM64'], osAttr: '2:10.0', version: 2, members: all, attributes: ['OS=_v100_ARM64_RS5', ...hwids] },
    ]);
  });

  it('lets the caller force the catalog version', async () => {
    const pkg = await loadPackage(`${PACKAGES}KmdfHelloWorld`);
    expect(catalogPlans(pkg, { osIds: ['10_VB_X64'] })[0]!.version).toBe(2);
    expect(catalogPlans(pkg, { osIds: ['10_VB_X64'], catalogVersion: 1 })[0]!.version).toBe(1);
  });

  it('plans one catalog per INF in the folder', async () => {
    const pkg = await loadPackage(`${PACKAGES}two-infs`);
    expect(catalogPlans(pkg, { osIds: ['10_VB_X64'] }).map((p) => [p.inf.name, p.catalogName, p.members.map((m) => m.name)])).toEqual([
      ['first.inf', 'first.cat', ['first.inf', 'KmdfHelloWorld.sys']],
      ['second.inf', 'second.cat', ['second.inf', 'KmdfHelloWorld.sys']],
    ]);
  });
});

describe('catalogPlans: INFs sharing one catalog', () => {
  it('one catalog lists both INFs and their files (usbip-win: usbip_root.inf and usbip_vhci.inf name usbip_vhci.cat)', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'wdksim-shared-cat-'));
    try {
      const inf = (hwid: string) =>
        [
          '[Version]',
          'Signature="$Windows NT$"',
          'Class=System',
          'ClassGuid={4d36e97d-e325-11ce-bfc1-08002be10318}',
          'Provider=x',
          'CatalogFile=shared.cat',
          'DriverVer=01/01/2025,1.0.0.0',
          '[SourceDisksNames]',
          '1=d',
          '[SourceDisksFiles]',
          'vhci.sys=1',
          '[DestinationDirs]',
          'DefaultDestDir=13',
          '[Manufacturer]',
          'x=M,NTamd64',
          '[M.NTamd64]',
          `d=I,${hwid}`,
          '[I.NT]',
          'CopyFiles=@vhci.sys',
          '',
        ].join('\r\n');
      await writeFile(join(dir, 'root.inf'), inf('USBIPWIN\\root'));
      await writeFile(join(dir, 'vhci.inf'), inf('USBIPWIN\\vhci'));
      await writeFile(join(dir, 'vhci.sys'), 'x');
      const plans = catalogPlans(await loadPackage(dir), { osIds: ['10_X64'] });
      expect(plans).toHaveLength(1);
      // The catalog sorts its members by digest, so the plan's order is not part of the promise: compare the sets.
      expect(plans[0]!.members.map((m) => m.name).sort()).toEqual(['root.inf', 'vhci.inf', 'vhci.sys']);
      expect(plans[0]!.attributes.map((a) => `${a.name}=${a.value}`)).toEqual(['OS=_v100_X64', 'HWID2=usbipwin\\vhci', 'HWID1=usbipwin\\root']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// Hostile INFs and packages: whatever they name, nothing outside the target
// (and the package folder, for reads) is touched. Each case runs in its own
// folder; the test snapshots that folder (minus the target) before and after.
import { describe, expect, it } from 'vitest';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TargetError } from '../../src/errors.js';
import { certificateRecord, importCertificate, installDriverOnDevices } from '../../src/machine/index.js';
import { verifyTarget } from '../../src/machine/verify.js';
import { makePackage, newTarget, testCertificate, treeSnapshot } from './helpers.js';

const BASE_INF = `[Version]
Signature="$WINDOWS NT$"
Class=Sample
ClassGuid={78A1C341-4539-11d3-B88D-00C04FAD5171}
Provider=%Mfg%
CatalogFile=evil.cat
DriverVer=11/20/2026,1.0.0.0

[DestinationDirs]
DefaultDestDir = 12
@DESTDIRS@

[SourceDisksNames]
1 = %Disk%,,,"@DISKPATH@"

[SourceDisksFiles]
@SDF@

[Manufacturer]
%Mfg%=Std,NTamd64

[Std.NTamd64]
%Desc%=Evil_Device, Root\\Evil

[Evil_Device.NT]
CopyFiles=Evil_Files
@EXTRA@

[Evil_Files]
@FILES@

[Evil_Device.NT.Services]
AddService = Evil,0x2,Evil_Service

[Evil_Service]
ServiceType = 1
StartType = 3
ErrorControl = 1
ServiceBinary = %12%\\evil.sys

[Strings]
Mfg="Evil Corp"
Disk="Evil Disk"
Desc="Evil Device"
`;

interface Case {
  name: string;
  destdirs?: string;
  diskPath?: string;
  sdf?: string;
  files?: string;
  extra?: string;
  /** Files of the package (name → content); default evil.sys. */
  pkgFiles?: Record<string, string>;
  /** Prepare the target or package before installing (symlinks...). */
  prepare?: (ctx: { base: string; root: string; pkg: string; outside: string }) => Promise<void>;
  /** The install is refused with a message matching this; undefined = it succeeds (inside the target). */
  refused?: RegExp;
}

const CASES: Case[] = [
  { name: '..\\..\\ in a CopyFiles file name', files: '..\\..\\..\\outside\\evil.sys', sdf: '..\\..\\..\\outside\\evil.sys = 1', refused: /\.\./ },
  { name: '..\\ in a SourceDisksFiles subdirectory', sdf: 'evil.sys = 1,..\\..\\outside', refused: /\.\./ },
  { name: '..\\ in the SourceDisksNames path', diskPath: '..\\outside', refused: /\.\./ },
  { name: 'absolute SourceDisksNames path on another drive', diskPath: 'D:\\secrets', refused: /absolute path/ },
  { name: '..\\ in a DestinationDirs subdirectory', destdirs: 'Evil_Files = 12,..\\..\\..\\..\\outside', refused: /\.\./ },
  { name: 'DIRID -1 to a host absolute path', destdirs: 'Evil_Files = -1,/tmp/wdksim-evil', refused: /not on the target's system drive/ },
  { name: 'DIRID 65535 to another drive', destdirs: 'Evil_Files = 65535,D:\\evil', refused: /not on the target's system drive/ },
  { name: 'DIRID -1 climbing out of C:', destdirs: 'Evil_Files = -1,C:\\..\\..\\outside', refused: /\.\./ },
  { name: 'a reserved device name as the destination', files: 'CON.sys,evil.sys', refused: /reserved device name/ },
  { name: 'NUL as a file name', files: 'nul,evil.sys', refused: /reserved device name/ },
  // The INF reader turns a NUL into a space (as SetupAPI's text reader does); what is left is an ordinary name.
  { name: 'a NUL character inside a file name', files: 'ev\0il.sys', sdf: 'ev\0il.sys = 1', refused: /ev il\.sys .*is not in the package/ },
  { name: 'a NUL character inside a destination subdirectory stays inside the target', destdirs: 'Evil_Files = 12,sub\0dir' },
  { name: 'a destination name with a path', files: 'sub\\..\\..\\..\\..\\outside\\x.sys,evil.sys', refused: /\.\./ },
  { name: 'DelFiles climbing out', extra: 'DelFiles=Evil_Del', destdirs: 'Evil_Del = 12', refused: /\.\./ },
  {
    name: 'a symbolic link inside the target pointing out (drivers folder)',
    prepare: async ({ root, outside }) => {
      const { rm } = await import('node:fs/promises');
      await rm(join(root, 'Windows/System32/drivers'), { recursive: true });
      await symlink(outside, join(root, 'Windows/System32/drivers'));
    },
    refused: /is a symbolic link; refused/,
  },
  {
    name: 'a package file that is a symbolic link to a file outside the package',
    prepare: async ({ pkg, outside }) => {
      const { rm } = await import('node:fs/promises');
      await writeFile(join(outside, 'secret.sys'), 'secret');
      await rm(join(pkg, 'evil.sys'));
      await symlink(join(outside, 'secret.sys'), join(pkg, 'evil.sys'));
    },
    refused: /symbolic link that leads outside/,
  },
  { name: 'DIRID -1 to a C:\\ path stays inside the target', destdirs: 'Evil_Files = -1,C:\\Program Files\\Evil' },
];

function infFor(c: Case): string {
  return BASE_INF.replace('@DESTDIRS@', c.destdirs ?? '')
    .replace('@DISKPATH@', c.diskPath ?? '')
    .replace('@SDF@', c.sdf ?? 'evil.sys = 1')
    .replace('@FILES@', (c.files ?? 'evil.sys').split(',').join('\n'))
    .replace('@EXTRA@', c.extra ?? '')
    .replace('[Strings]', c.extra?.includes('DelFiles') ? '[Evil_Del]\n..\\..\\..\\..\\outside\\victim.txt\n\n[Strings]' : '[Strings]');
}

describe('hostile INFs write nothing outside the target', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const { base, root, target } = await newTarget();
      const pkg = join(base, 'pkg');
      const outside = join(base, 'outside');
      await mkdir(outside, { recursive: true });
      await writeFile(join(outside, 'victim.txt'), 'do not touch');
      const inf = await makePackage(pkg, 'evil.inf', infFor(c), c.pkgFiles ?? { 'evil.sys': 'MZ evil driver' }, { catalogName: 'evil.cat' });
      await c.prepare?.({ base, root, pkg, outside });
      await target.transaction('trust', async (tx) => {
        importCertificate(tx, certificateRecord(testCertificate().certDer, 'test.cer'));
      });
      const before = (await treeSnapshot(base)).filter((p) => !p.startsWith('target/'));
      const attempt = target.transaction('install', (tx) => installDriverOnDevices(tx, { infPath: inf, hardwareId: 'Root\\Evil', createRootDevice: true, force: true }));
      if (c.refused) {
        await expect(attempt).rejects.toThrow(c.refused);
        await expect(
          target.transaction('again', (tx) => installDriverOnDevices(tx, { infPath: inf, hardwareId: 'Root\\Evil', createRootDevice: true, force: true })),
        ).rejects.toBeInstanceOf(TargetError);
        const state = await target.read();
        expect(state.packages.filter((p) => !p.inbox)).toEqual([]);
      } else {
        await attempt;
      }
      const after = (await treeSnapshot(base)).filter((p) => !p.startsWith('target/'));
      expect(after).toEqual(before);
      expect(await readFile(join(outside, 'victim.txt'), 'utf8')).toBe('do not touch');
      if (!c.prepare) expect((await verifyTarget(target)).problems).toEqual([]);
    });
  }
});

describe('links and records planted inside the target', () => {
  it('a setupapi.dev.log that links outside is not written through', async () => {
    const { base, root, target } = await newTarget();
    const outside = join(base, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'victim.txt'), 'do not touch');
    const { rm } = await import('node:fs/promises');
    await rm(join(root, 'Windows/INF/setupapi.dev.log'));
    await symlink(join(outside, 'victim.txt'), join(root, 'Windows/INF/setupapi.dev.log'));
    await expect(
      target.transaction('reboot', async (tx) => {
        tx.logRaw('[Boot Session: x]\r\n');
      }),
    ).rejects.toThrow(/is a symbolic link; refused/);
    expect(await readFile(join(outside, 'victim.txt'), 'utf8')).toBe('do not touch');
  });

  it('a .wdksim folder that links outside is refused', async () => {
    const { base, root, target } = await newTarget();
    const outside = join(base, 'outside');
    await mkdir(outside, { recursive: true });
    const { rm, readdir } = await import('node:fs/promises');
    await rm(join(root, '.wdksim'), { recursive: true, force: true });
    await symlink(outside, join(root, '.wdksim'));
    await expect(target.transaction('x', async () => undefined)).rejects.toThrow(/\.wdksim is a symbolic link/);
    expect(await readdir(outside)).toEqual([]);
  });

  it('a forged commit record naming paths outside the target is discarded, not applied', async () => {
    const { base, root, target } = await newTarget();
    await mkdir(join(root, '.wdksim/journal/x'), { recursive: true });
    await writeFile(join(root, '.wdksim/journal/x/f0'), 'evil');
    await writeFile(
      join(root, '.wdksim/journal/commit.json'),
      JSON.stringify({ puts: [{ tmp: '.wdksim/journal/x/f0', dest: '../evil.txt' }], deletes: [], state: '.wdksim/journal/x/state.json' }),
    );
    await target.transaction('x', async () => undefined);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(base)).not.toContain('evil.txt');
    expect((await verifyTarget(target)).problems).toEqual([]);
  });
});

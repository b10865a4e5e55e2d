// The tutorial's devcon steps and the driver-package commands as processes, on
// a provisioned target with the KmdfHelloWorld package deployed (signed with a
// test certificate, as the tutorial builds it).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wdksim } from '../helpers/cli.js';
import { makePackage, newTarget, rm } from '../machine/helpers.js';
import { deployPackage } from '../../src/machine/index.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/packages/KmdfHelloWorld');

async function deployedHello(testsigning = true) {
  const t = await newTarget({ testsigning });
  const inf = await readFile(join(FIXTURE, 'KmdfHelloWorld.inf'), 'utf8');
  await makePackage(join(t.base, 'pkg'), 'KmdfHelloWorld.inf', inf.replace(/\r\n/g, '\n'), { 'KmdfHelloWorld.sys': await readFile(join(FIXTURE, 'KmdfHelloWorld.sys')) });
  await t.target.transaction('deploy', (tx) => deployPackage(tx, 'pkg'));
  const cwd = join(t.root, 'DriverTest', 'Drivers');
  const run = (tool: 'devcon' | 'pnputil', ...args: string[]) => wdksim([tool, ...args], { cwd, env: { WDKSIM_TARGET: t.root } });
  return {
    ...t,
    cwd,
    run,
    infPath: 'C:\\DriverTest\\Drivers\\KmdfHelloWorld.inf',
    hostInf: join(cwd, 'KmdfHelloWorld.inf'),
    cleanup: () => rm(t.base, { recursive: true, force: true }),
  };
}

describe('devcon install (the tutorial)', () => {
  it('creates ROOT\\SAMPLE\\0000, installs the driver and status reports it running', async () => {
    const t = await deployedHello();
    try {
      const install = await t.run('devcon', 'install', 'KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld');
      expect(install).toEqual({
        exitCode: 0,
        stdout: `Device node created. Install is complete when drivers are installed...\nUpdating drivers for Root\\KmdfHelloWorld from ${t.infPath}.\nDrivers installed successfully.\n`,
        stderr: '',
      });
      expect(await t.run('devcon', 'status', 'Root\\KmdfHelloWorld')).toEqual({
        exitCode: 0,
        stdout: 'ROOT\\SAMPLE\\0000\n    Name: KmdfHelloWorld Device\n    Driver is running.\n1 matching device(s) found.\n',
        stderr: '',
      });
      expect((await t.run('devcon', 'find', 'Root\\KmdfHelloWorld')).stdout).toBe(`${'ROOT\\SAMPLE\\0000'.padEnd(60)}: KmdfHelloWorld Device\n1 matching device(s) found.\n`);
      const files = await t.run('devcon', 'driverfiles', '=Sample');
      expect(files.stdout).toMatch(
        /^ROOT\\SAMPLE\\0000\n {4}Name: KmdfHelloWorld Device\n {4}Driver installed from C:\\Windows\\INF\\oem0\.inf \[KmdfHelloWorld_Device\.NT\]\. 1 file\(s\) used by driver:\n {8}C:\\Windows\\System32\\DriverStore\\FileRepository\\kmdfhelloworld\.inf_amd64_[0-9a-f]{16}\\KmdfHelloWorld\.sys\n1 matching device\(s\) found\.\n$/,
      );
      const nodes = await t.run('devcon', 'drivernodes', '=Sample');
      expect(nodes.stdout).toMatch(
        /^ROOT\\SAMPLE\\0000\n {4}Name: KmdfHelloWorld Device\nDriver node #0:\n {4}Inf file is C:\\Windows\\INF\\oem0\.inf\n {4}Inf section is KmdfHelloWorld_Device\.NT\n {4}Driver description is KmdfHelloWorld Device\n/,
      );
      expect(nodes.stdout).toContain('    Driver node rank is 16711680\n    Driver node flags are 00022000\n        Inf is digitally signed\n1 matching device(s) found.\n');
      expect((await t.run('pnputil', '/enum-devices', '/class', 'Sample', '/drivers')).stdout).toContain(
        '    Matching Device ID:     Root\\KmdfHelloWorld\n    Driver Rank:            0xFF0000\n    Driver Status:          Best Ranked / Installed\n',
      );
      expect((await t.run('devcon', 'stack', '=Sample')).stdout).toContain(
        '    Setup Class: {78a1c341-4539-11d3-b88d-00c04fad5171} Sample\n    Controlling service:\n        KmdfHelloWorld\n',
      );
      // A second install creates a second devnode.
      expect((await t.run('devcon', 'install', 'KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld')).exitCode).toBe(0);
      expect((await t.run('devcon', 'find', '=Sample')).stdout).toContain('2 matching device(s) found.\n');
      expect((await t.run('devcon', 'find', '@ROOT\\SAMPLE\\0001')).stdout).toContain('ROOT\\SAMPLE\\0001');
    } finally {
      await t.cleanup();
    }
  }, 60000);

  it('takes C:\\ paths on the target and Windows relative paths; a path outside the target is echoed as the host path', async () => {
    const t = await deployedHello();
    try {
      const fromElsewhere = await wdksim(['devcon', 'install', 'c:\\drivertest\\drivers\\KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld'], {
        cwd: t.base,
        env: { WDKSIM_TARGET: t.root },
      });
      expect(fromElsewhere.stdout).toBe(
        'Device node created. Install is complete when drivers are installed...\nUpdating drivers for Root\\KmdfHelloWorld from C:\\drivertest\\drivers\\KmdfHelloWorld.inf.\nDrivers installed successfully.\n',
      );
      const relative = await wdksim(['devcon', 'update', '.\\pkg\\KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld'], { cwd: t.base, env: { WDKSIM_TARGET: t.root } });
      expect(relative).toEqual({
        exitCode: 0,
        stdout: `Updating drivers for Root\\KmdfHelloWorld from ${join(t.base, 'pkg', 'KmdfHelloWorld.inf')}.\nDrivers installed successfully.\n`,
        stderr: '',
      });
    } finally {
      await t.cleanup();
    }
  }, 60000);

  it('with test signing off the device shows problem 52', async () => {
    const t = await deployedHello(false);
    try {
      expect((await t.run('devcon', 'install', 'KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld')).exitCode).toBe(0);
      expect((await t.run('devcon', 'status', '=Sample')).stdout).toBe(
        'ROOT\\SAMPLE\\0000\n    Name: KmdfHelloWorld Device\n    The device has the following problem: 52\n1 matching device(s) found.\n',
      );
      const pnp = await t.run('pnputil', '/enum-devices', '/problem', '52');
      expect(pnp.stdout).toContain(
        'Status:                     Problem\nProblem Code:               52 (0x34) [CM_PROB_UNSIGNED_DRIVER]\nProblem Status:             0xC0000428\n',
      );
    } finally {
      await t.cleanup();
    }
  }, 60000);

  it('an INF without a driver for the hardware ID leaves a driverless devnode (problem 28) and fails', async () => {
    const t = await deployedHello();
    try {
      const r = await t.run('devcon', 'install', 'KmdfHelloWorld.inf', 'Root\\NoSuchModel');
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBe(`Device node created. Install is complete when drivers are installed...\nUpdating drivers for Root\\NoSuchModel from ${t.infPath}.\n`);
      expect(r.stderr.startsWith('devcon failed.\n')).toBe(true);
      expect((await t.run('devcon', 'find', 'Root\\NoSuchModel')).stdout).toBe('ROOT\\SAMPLE\\0000\n1 matching device(s) found.\n');
      expect((await t.run('devcon', 'status', 'Root\\NoSuchModel')).stdout).toBe('ROOT\\SAMPLE\\0000\n    The device has the following problem: 28\n1 matching device(s) found.\n');
    } finally {
      await t.cleanup();
    }
  }, 60000);

  it('update needs a present device with the hardware ID', async () => {
    const t = await deployedHello();
    try {
      const none = await t.run('devcon', 'update', 'KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld');
      expect(none.exitCode).toBe(2);
      expect(none.stdout).toBe(`Updating drivers for Root\\KmdfHelloWorld from ${t.infPath}.\n`);
      await t.run('devcon', 'install', 'KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld');
      expect(await t.run('devcon', 'updateni', 'KmdfHelloWorld.inf', 'root\\kmdfhelloworld')).toEqual({
        exitCode: 0,
        stdout: `Updating drivers for root\\kmdfhelloworld from ${t.infPath}.\nDrivers installed successfully.\n`,
        stderr: '',
      });
    } finally {
      await t.cleanup();
    }
  }, 60000);
});

describe('devcon dp_add / dp_enum / dp_delete', () => {
  it('adds (the same published name twice), lists, refuses to delete in use, deletes with -f', async () => {
    const t = await deployedHello();
    try {
      expect(await t.run('devcon', 'dp_add', 'KmdfHelloWorld.inf')).toEqual({ exitCode: 0, stdout: "Driver package 'oem0.inf' added.\n", stderr: '' });
      expect(await t.run('devcon', 'dp_add', t.hostInf)).toEqual({ exitCode: 0, stdout: "Driver package 'oem0.inf' added.\n", stderr: '' });
      const list = await t.run('devcon', 'dp_enum');
      expect(list.stdout).toMatch(
        /^The following third-party driver packages are installed on this computer:\noem0\.inf\n {4}Provider: .+\n {4}Class: Sample Device\n {4}Signer: WDKTestCert wdksim,134000000000000000\n {4}Date: \d\d\/\d\d\/\d{4}\n {4}Version: \d+\.\d+\.\d+\.\d+\n$/,
      );
      await t.run('devcon', 'install', 'KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld');
      const inUse = await t.run('devcon', 'dp_delete', 'oem0.inf');
      expect(inUse.exitCode).toBe(2);
      expect(inUse.stdout).toBe('Deleting the specified driver package from the machine failed\nbecause it is in use by a device.\n');
      expect(inUse.stderr.startsWith('devcon failed.\n')).toBe(true);
      const notOem = await t.run('devcon', 'dp_delete', 'KmdfHelloWorld.inf');
      expect(notOem.stdout).toBe('Deleting the specified driver package from the machine failed\nbecause it is not an third-party package.\n');
      expect((await t.run('devcon', 'dp_delete', 'oem9.inf')).stdout).toBe(
        'Deleting the specified driver package from the machine failed\nbecause it is not an third-party package.\n',
      );
      expect(await t.run('devcon', '-f', 'dp_delete', 'C:\\Windows\\INF\\oem0.inf')).toEqual({ exitCode: 0, stdout: "Driver package 'oem0.inf' deleted.\n", stderr: '' });
      expect((await t.run('devcon', 'dp_enum')).stdout).toBe('There are no third-party driver packages on this machine.\n');
    } finally {
      await t.cleanup();
    }
  }, 60000);
});

// `wdksim pnputil` as a process: banner, field layout and return value of each command.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePackage } from '../machine/helpers.js';
import { BANNER, FIXTURE, pnputilMachine } from './pnputil-machine.js';
import { posixExit } from '../../src/pnputil/returns.js';

const COM1 = 'ACPI\\PNP0501\\1';

const machine = (withPackage = true) => pnputilMachine(withPackage);

describe('pnputil return values', () => {
  it('fold Windows values to POSIX exit statuses', () => {
    expect(posixExit(0)).toBe(0);
    expect(posixExit(3010)).toBe(194);
    expect(posixExit(1641)).toBe(105);
    expect(posixExit(259)).toBe(3);
    expect(posixExit(0xe000023d)).toBe(61);
    expect(posixExit(0x800b0100)).toBe(1);
  });
});

describe('pnputil driver packages', () => {
  it('/add-driver, /enum-drivers, /delete-driver and the legacy forms', async () => {
    const t = await machine();
    try {
      expect(await t.run('/add-driver', 'KmdfHelloWorld.inf')).toEqual({
        exitCode: 0,
        stdout: `${BANNER}Adding driver package:  KmdfHelloWorld.inf\nDriver package added successfully.\nPublished Name:         oem0.inf\n\nTotal driver packages:  1\nAdded driver packages:  1\n`,
        stderr: '',
      });
      // Already in the store: still added, with the existing name; nothing new, so 5.
      const again = await t.run('-ADD-DRIVER', '*.INF');
      expect(again.exitCode).toBe(5);
      expect(again.stdout).toBe(
        `${BANNER}Adding driver package:  KmdfHelloWorld.inf\nDriver package added successfully. (Already exists in the system)\nPublished Name:         oem0.inf\n\nTotal driver packages:  1\nAdded driver packages:  1\n`,
      );
      const list = await t.run('/enum-drivers');
      expect(list.exitCode).toBe(0);
      expect(list.stdout).toMatch(
        /^Microsoft PnP Utility\n\nPublished Name: {5}oem0\.inf\nOriginal Name: {6}kmdfhelloworld\.inf\nProvider Name: {6}.+\nClass Name: {9}Sample Device\nClass GUID: {9}\{78a1c341-4539-11d3-b88d-00c04fad5171\}\nDriver Version: {5}\d\d\/\d\d\/\d{4} \d+\.\d+\.\d+\.\d+\nSigner Name: {8}WDKTestCert wdksim,134000000000000000\n\n$/,
      );
      expect((await t.run('-e')).stdout).toBe(list.stdout);
      expect((await t.run('/enum-drivers', '/class', 'Net')).stdout).toBe(BANNER);
      expect(await t.run('/delete-driver', 'oem0.inf')).toEqual({ exitCode: 0, stdout: `${BANNER}Driver package deleted successfully.\n`, stderr: '' });
      expect((await t.run('-a', 'KmdfHelloWorld.inf')).stdout).toContain('Published Name:         oem0.inf\n');
      expect((await t.run('-d', 'oem0.inf')).stdout).toBe(`${BANNER}Driver package deleted successfully.\n`);
    } finally {
      await t.cleanup();
    }
  }, 60000);

  it('/add-driver /install updates matching devices; /delete-driver in use fails until /uninstall', async () => {
    const t = await machine();
    try {
      // No device has the package's hardware ID yet: staged, nothing installed, 259, and pnputil says so (issue 19).
      const none = await t.run('/add-driver', 'KmdfHelloWorld.inf', '/install');
      expect(none.exitCode).toBe(3);
      expect(none.stdout).toContain('Published Name:         oem0.inf\nNo matching devices are present.\n\nTotal driver packages:  1\nAdded driver packages:  1\n');
      await t.devcon('install', 'KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld');
      const inUse = await t.run('/delete-driver', 'oem0.inf');
      expect(inUse).toEqual({
        exitCode: 61,
        stdout: `${BANNER}Failed to delete driver package: One or more devices are presently installed using the specified INF.\n`,
        stderr: '',
      });
      expect(await t.run('/delete-driver', 'oem0.inf', '/uninstall')).toEqual({
        exitCode: 0,
        stdout: `${BANNER}Driver package uninstalled.\nDriver package deleted successfully.\n`,
        stderr: '',
      });
      expect((await t.devcon('status', '=Sample')).stdout).toContain('The device has the following problem: 28');
      const reinstall = await t.run('/add-driver', 'KmdfHelloWorld.inf', '/install');
      expect(reinstall.exitCode).toBe(0);
      expect(reinstall.stdout).toContain('Driver package installed on device: ROOT\\SAMPLE\\0000\n');
      expect((await t.devcon('status', '=Sample')).stdout).toContain('Driver is running.');
    } finally {
      await t.cleanup();
    }
  }, 60000);

  it('failures: a missing INF, a name that is not oem#.inf, an unknown package, bad command lines', async () => {
    const t = await machine(false);
    try {
      const missing = await t.run('/add-driver', 'missing.inf');
      expect(missing.exitCode).toBe(2);
      expect(missing.stdout).toBe(
        `${BANNER}Adding driver package:  missing.inf\nFailed to add driver package: The system cannot find the file specified.\n\nTotal driver packages:  1\nAdded driver packages:  0\n`,
      );
      const nothing = await t.run('/add-driver', 'nothing*.inf');
      expect(nothing.exitCode).toBe(2);
      expect(nothing.stdout).toBe(`${BANNER}\nTotal driver packages:  0\nAdded driver packages:  0\n`);
      expect(await t.run('/delete-driver', 'keyboard.inf')).toEqual({
        exitCode: 58,
        stdout: `${BANNER}Failed to delete driver package: The specified INF is not an installed OEM INF.\n`,
        stderr: '',
      });
      expect((await t.run('/delete-driver', 'oem3.inf')).exitCode).toBe(58);
      for (const args of [['/frobnicate'], ['/add-driver'], ['/enum-devices', '/class'], ['/enum-drivers', '/enum-devices']]) {
        const r = await t.run(...args);
        expect(r.exitCode).toBe(87);
        expect(r.stdout.startsWith(BANNER)).toBe(true);
        expect(r.stdout).toContain('PNPUTIL [/add-driver <...> |');
      }
      const help = await t.run('/?');
      expect(help.exitCode).toBe(0);
      expect(help.stdout.startsWith(`${BANNER}PNPUTIL [`)).toBe(true);
    } finally {
      await t.cleanup();
    }
  }, 60000);

  it('an unsigned package is refused: no digital signature information (0xE000022F)', async () => {
    const t = await machine(false);
    try {
      const inf = await readFile(join(FIXTURE, 'KmdfHelloWorld.inf'), 'utf8');
      await makePackage(
        join(t.base, 'unsigned'),
        'KmdfHelloWorld.inf',
        inf.replace(/\r\n/g, '\n'),
        { 'KmdfHelloWorld.sys': await readFile(join(FIXTURE, 'KmdfHelloWorld.sys')) },
        { sign: false },
      );
      const r = await t.run('/add-driver', join(t.base, 'unsigned', 'KmdfHelloWorld.inf'));
      expect(r).toEqual({
        exitCode: 47,
        stdout: `${BANNER}Adding driver package:  KmdfHelloWorld.inf\nFailed to add driver package: The third-party INF does not contain digital signature information.\n\nTotal driver packages:  1\nAdded driver packages:  0\n`,
        stderr: '',
      });
      expect((await t.run('/enum-drivers')).stdout).toBe(BANNER);
    } finally {
      await t.cleanup();
    }
  }, 60000);

  it('/export-driver copies a package out of the store', async () => {
    const t = await machine();
    try {
      await t.run('/add-driver', 'KmdfHelloWorld.inf');
      const out = join(t.base, 'exported');
      const r = await t.run('/export-driver', 'oem0.inf', out);
      expect(r).toEqual({ exitCode: 0, stdout: `${BANNER}Exporting driver package:   oem0.inf (kmdfhelloworld.inf)\nDriver package exported successfully.\n`, stderr: '' });
      expect((await readdir(out)).map((f) => f.toLowerCase()).sort()).toEqual(['kmdfhelloworld.cat', 'kmdfhelloworld.inf', 'kmdfhelloworld.sys']);
      expect((await t.run('/export-driver', 'oem5.inf', out)).exitCode).toBe(58);
      // A C:\ folder is on the target's system drive.
      const all = await t.run('/export-driver', '*', 'C:\\Export');
      expect(all.exitCode).toBe(0);
      expect(all.stdout).toBe(
        `${BANNER}Exporting driver package:   oem0.inf (kmdfhelloworld.inf)\nDriver package exported successfully.\n\nTotal driver packages:     1\nExported driver packages:  1\n`,
      );
      const [folder] = await readdir(join(t.root, 'Export'));
      expect(folder).toMatch(/^kmdfhelloworld\.inf_amd64_[0-9a-f]{16}$/);
      expect((await readdir(join(t.root, 'Export', folder!))).length).toBe(3);
    } finally {
      await t.cleanup();
    }
  }, 60000);
});

describe('pnputil devices and classes', () => {
  it('/enum-devices: 28-column labels, filters, /deviceids /services /stack /drivers', async () => {
    const t = await machine(false);
    try {
      const one = await t.run('/enum-devices', '/instanceid', COM1);
      expect(one).toEqual({
        exitCode: 0,
        stdout: `${BANNER}Instance ID:                ${COM1}\nDevice Description:         Communications Port (COM1)\nClass Name:                 Ports\nClass GUID:                 {4d36e978-e325-11ce-bfc1-08002be10318}\nManufacturer Name:          (Standard port types)\nStatus:                     Started\nDriver Name:                msports.inf\n\n`,
        stderr: '',
      });
      const ids = await t.run('-enum-devices', '-InstanceId', COM1, '/ids', '/services', '/stack');
      expect(ids.stdout).toContain(
        'Hardware IDs:               ACPI\\VEN_PNP&DEV_0501\n                            ACPI\\PNP0501\n                            *PNP0501\nService Name:               Serial\nStack:                      \\Driver\\Serial\n',
      );
      const drivers = await t.run('/enum-devices', '/deviceid', '*PNP0303', '/drivers');
      expect(drivers.stdout).toContain(
        'Matching Drivers:\n    Driver Name:            keyboard.inf\n    Original Name:          keyboard.inf\n    Provider Name:          Microsoft\n',
      );
      const disconnected = await t.run('/enum-devices', '/disconnected');
      expect(disconnected.stdout).toContain('Instance ID:                USB\\VID_0781&PID_5581\\4C530001230101112345\n');
      expect(disconnected.stdout).toContain('Status:                     Disconnected\n');
      expect((await t.run('/enum-devices', '/connected')).stdout).not.toContain('VID_0781');
      expect((await t.run('/enum-devices', '/class', 'Net')).stdout.match(/^Instance ID:/gm)).toHaveLength(2);
      expect((await t.run('/enum-devices', '/class', '{4d36e978-e325-11ce-bfc1-08002be10318}')).stdout).toContain(COM1);
      expect(await t.run('/enum-devices', '/instanceid', 'NO\\SUCH\\DEVICE')).toEqual({ exitCode: 0, stdout: `${BANNER}No devices were found on the system.\n`, stderr: '' });
      expect((await t.run('/enum-devices', '/problem')).stdout).toBe(`${BANNER}No devices were found on the system.\n`);
    } finally {
      await t.cleanup();
    }
  }, 60000);

  it('/disable-device, /enable-device, /restart-device, /remove-device, /scan-devices', async () => {
    const t = await machine(false);
    try {
      expect(await t.run('/disable-device', COM1)).toEqual({ exitCode: 0, stdout: `${BANNER}Disabling device:       ${COM1}\nDevice disabled successfully.\n`, stderr: '' });
      expect((await t.run('/enum-devices', '/problem', '22')).stdout).toContain('Status:                     Disabled\nProblem Code:               22 (0x16) [CM_PROB_DISABLED]\n');
      expect(await t.run('/enable-device', COM1)).toEqual({ exitCode: 0, stdout: `${BANNER}Enabling device:        ${COM1}\nDevice enabled successfully.\n`, stderr: '' });
      expect(await t.run('/restart-device', COM1)).toEqual({ exitCode: 0, stdout: `${BANNER}Restarting device:      ${COM1}\nDevice restarted successfully.\n`, stderr: '' });
      const boot = await t.run('/restart-device', '/class', 'DiskDrive');
      expect(boot.exitCode).toBe(194);
      expect(boot.stdout).toMatch(/Device restarted successfully\.\nSystem reboot is needed to complete the operation!\n$/);
      expect((await t.run('/disable-device', 'ROOT\\ACPI_HAL\\0000')).exitCode).toBe(50);
      expect(await t.run('/remove-device', 'NO\\SUCH\\0')).toEqual({
        exitCode: 11,
        stdout: `${BANNER}Removing device:        NO\\SUCH\\0\nFailed to remove device: The device instance does not exist in the hardware tree.\n`,
        stderr: '',
      });
      expect(await t.run('/remove-device', COM1)).toEqual({ exitCode: 0, stdout: `${BANNER}Removing device:        ${COM1}\nDevice removed successfully.\n`, stderr: '' });
      expect((await t.devcon('find', '*PNP0501')).stdout).toBe('No matching devices found.\n');
      expect(await t.run('/scan-devices')).toEqual({ exitCode: 0, stdout: `${BANNER}Scanning for device hardware changes.\nScan complete.\n`, stderr: '' });
      expect((await t.devcon('status', '*PNP0501')).stdout).toContain('Driver is running.');
      expect((await t.run('/enable-device')).exitCode).toBe(87);
    } finally {
      await t.cleanup();
    }
  }, 60000);

  it('/enum-classes and --json', async () => {
    const t = await machine(false);
    try {
      expect(await t.run('/enum-classes', '/class', 'DiskDrive', '/services')).toEqual({
        exitCode: 0,
        stdout: `${BANNER}Class Name:                 DiskDrive\nClass Description:          Disk drives\nClass GUID:                 {4d36e967-e325-11ce-bfc1-08002be10318}\nUpper Filters:              partmgr\n\n`,
        stderr: '',
      });
      const json = JSON.parse((await t.run('/enum-devices', '/instanceid', COM1, '--json')).stdout);
      expect(json).toMatchObject({ tool: 'pnputil', command: 'enum-devices', returnValue: 0, exitCode: 0 });
      expect(json.devices[0]).toMatchObject({ instanceId: COM1, className: 'Ports', problem: 0 });
      const failed = JSON.parse((await t.run('/delete-driver', 'oem4.inf', '--json')).stdout);
      expect(failed).toMatchObject({ returnValue: 0xe000023a, exitCode: 58 });
    } finally {
      await t.cleanup();
    }
  }, 60000);
});

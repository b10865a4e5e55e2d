// `wdksim devcon` as a process, on a target seeded with the inbox machine:
// each command's success, no-match and usage cases with exact output and exit code.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { wdksim } from '../helpers/cli.js';
import { makeInboxTarget, removeTarget } from '../devcon/target-helper.js';
import { inboxClasses, inboxDevices } from '../../src/machine/inbox.js';

const made: string[] = [];
afterEach(async () => {
  for (const root of made.splice(0)) await removeTarget(root);
});

async function machine(): Promise<string> {
  const root = await makeInboxTarget();
  made.push(root);
  return root;
}

async function devcon(root: string, ...args: string[]) {
  return wdksim(['devcon', ...args], { env: { WDKSIM_TARGET: root } });
}

const line = (id: string, info: string) => `${id.padEnd(60)}: ${info}\n`;
const invalidUse = (cmd: string) => `devcon: Invalid use of ${cmd}.\nFor more information, type: devcon help ${cmd}\n`;
const COM1 = 'ACPI\\PNP0501\\1';
const STICK = 'USB\\VID_0781&PID_5581\\4C530001230101112345';
const XHCI = 'PCI\\VEN_8086&DEV_A36D&SUBSYS_86941043&REV_10\\3&11583659&0&A0';

describe('devcon find / findall', () => {
  it('find * lists every present device, the one without IDs included', async () => {
    const root = await machine();
    const r = await devcon(root, 'find', '*');
    const present = inboxDevices().filter((d) => d.present);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(line('ROOT\\LEGACY_BEEP\\0000', 'Beep'));
    expect(r.stdout).toContain(line(COM1, 'Communications Port (COM1)'));
    expect(r.stdout).not.toContain(STICK);
    expect(r.stdout.endsWith(`${present.length} matching device(s) found.\n`)).toBe(true);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(present.length + 1);
  });

  it('find foo * does not list a device without IDs (the second * is a pattern)', async () => {
    const root = await machine();
    const r = await devcon(root, 'find', 'foo', '*');
    const withIds = inboxDevices().filter((d) => d.present && d.hardwareIds.length + d.compatibleIds.length > 0);
    expect(r.stdout).not.toContain('LEGACY_BEEP');
    expect(r.stdout.endsWith(`${withIds.length} matching device(s) found.\n`)).toBe(true);
  });

  it('hardware-ID wildcard, compatible ID, literal and class selections', async () => {
    const root = await machine();
    expect((await devcon(root, 'find', '*pnp0501')).stdout).toBe(line(COM1, 'Communications Port (COM1)') + '1 matching device(s) found.\n');
    expect((await devcon(root, 'find', "'*PNP0501")).stdout).toBe(line(COM1, 'Communications Port (COM1)') + '1 matching device(s) found.\n');
    expect((await devcon(root, 'find', "'*PNP05*")).stdout).toBe('No matching devices found.\n');
    expect((await devcon(root, 'find', 'ACPI\\PNP0A03')).stdout).toBe(line('ACPI\\PNP0A08\\0', 'PCI Express Root Complex') + '1 matching device(s) found.\n');
    expect((await devcon(root, 'find', '=ports')).stdout).toBe(line(COM1, 'Communications Port (COM1)') + '1 matching device(s) found.\n');
    expect((await devcon(root, 'find', '=Ports', 'PCI*')).stdout).toBe('No matching devices found.\n');
    expect((await devcon(root, 'find', '=NoSuchClass')).stdout).toBe('No matching devices found.\n');
  });

  it('IDs longer than 60 columns are not truncated', async () => {
    const root = await machine();
    const r = await devcon(root, 'find', '=Processor');
    expect(r.stdout).toContain('ACPI\\GENUINEINTEL_-_INTEL64_FAMILY_6_MODEL_158_-_INTEL(R)_CORE(TM)_I7-8700_CPU_@_3.20GHZ\\_0: Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz\n');
  });

  it('@ patterns: find skips devices that are not present, findall and an explicit @id reach them', async () => {
    const root = await machine();
    expect((await devcon(root, 'find', '@USB\\VID_0781*')).stdout).toBe('No matching devices found.\n');
    expect((await devcon(root, 'findall', '@USB\\VID_0781*')).stdout).toBe(line(STICK, 'USB Mass Storage Device') + '1 matching device(s) found.\n');
    expect((await devcon(root, 'find', `@${STICK.toLowerCase()}`)).stdout).toBe(line(STICK, 'USB Mass Storage Device') + '1 matching device(s) found.\n');
  });

  it('no match exits 0; no argument is an invalid use (exit 3, stderr)', async () => {
    const root = await machine();
    const none = await devcon(root, 'find', 'NOSUCH\\DEVICE');
    expect(none).toEqual({ exitCode: 0, stdout: 'No matching devices found.\n', stderr: '' });
    for (const cmd of ['find', 'findall']) {
      expect(await devcon(root, cmd)).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse(cmd) });
    }
  });

  it('-m:\\\\machine is accepted by find and names the machine in the tail', async () => {
    const root = await machine();
    const r = await devcon(root, '-m:\\\\LAB1', 'find', '*PNP0501');
    expect(r.stdout).toBe(line(COM1, 'Communications Port (COM1)') + '1 matching device(s) found on \\\\LAB1.\n');
    expect((await devcon(root, '-m:\\\\LAB1', 'find', 'nothing')).stdout).toBe('No matching devices found on \\\\LAB1.\n');
  });

  it('--json gives the same devices as data', async () => {
    const root = await machine();
    const r = await devcon(root, 'find', '*PNP0501', '--json');
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ tool: 'devcon', command: 'find', exitCode: 0, count: 1 });
    expect(json.devices[0]).toMatchObject({ instanceId: COM1, description: 'Communications Port (COM1)', className: 'Ports', status: 'running' });
  });
});

describe('devcon status / hwids / stack / resources / driverfiles / drivernodes', () => {
  it('status: running, disabled, not present', async () => {
    const root = await machine();
    expect((await devcon(root, 'status', '*PNP0501')).stdout).toBe(`${COM1}\n    Name: Communications Port (COM1)\n    Driver is running.\n1 matching device(s) found.\n`);
    await devcon(root, 'disable', '*PNP0501');
    expect((await devcon(root, 'status', '*PNP0501')).stdout).toBe(`${COM1}\n    Name: Communications Port (COM1)\n    Device is disabled.\n1 matching device(s) found.\n`);
    expect((await devcon(root, 'status', `@${STICK}`)).stdout).toBe(`${STICK}\n    Name: USB Mass Storage Device\n    Device is not present.\n1 matching device(s) found.\n`);
    expect((await devcon(root, 'status', 'nothing')).stdout).toBe('No matching devices found.\n');
    expect(await devcon(root, 'status')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse('status') });
  });

  it('hwids: hardware and compatible IDs, or none', async () => {
    const root = await machine();
    expect((await devcon(root, 'hwids', '*PNP0A03')).stdout).toBe(
      'ACPI\\PNP0A08\\0\n    Name: PCI Express Root Complex\n    Hardware IDs:\n        ACPI\\VEN_PNP&DEV_0A08\n        ACPI\\PNP0A08\n        *PNP0A08\n    Compatible IDs:\n        ACPI\\PNP0A03\n        *PNP0A03\n1 matching device(s) found.\n',
    );
    expect((await devcon(root, 'hwids', '@ROOT\\LEGACY_BEEP\\0000')).stdout).toBe(
      'ROOT\\LEGACY_BEEP\\0000\n    Name: Beep\n    No hardware/compatible IDs found for this device.\n1 matching device(s) found.\n',
    );
    expect(await devcon(root, 'hwids')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse('hwids') });
  });

  it('stack: setup class, class filters, controlling service', async () => {
    const root = await machine();
    expect((await devcon(root, 'stack', '=DiskDrive')).stdout).toBe(
      'SCSI\\DISK&VEN_SAMSUNG&PROD_SSD_860_EVO_500G\\4&2F4B3F1&0&000000\n    Name: Samsung SSD 860 EVO 500GB\n    Setup Class: {4d36e967-e325-11ce-bfc1-08002be10318} DiskDrive\n    Upper class filters:\n        partmgr\n    Controlling service:\n        disk\n1 matching device(s) found.\n',
    );
    expect((await devcon(root, 'stack', '*PNP0B00')).stdout).toContain('    Controlling service:\n        (none)\n');
    const none = await devcon(root, 'stack', 'nothing');
    expect(none.stdout, none.stderr).toBe('No matching devices found.\n');
  });

  it('resources: used when running, reserved when disabled, none', async () => {
    const root = await machine();
    expect((await devcon(root, 'resources', '*PNP0501')).stdout).toBe(
      `${COM1}\n    Name: Communications Port (COM1)\n    Device is currently using the following resources:\n        IO  : 03f8-03ff\n        IRQ : 4\n1 matching device(s) found.\n`,
    );
    await devcon(root, 'disable', '*PNP0501');
    expect((await devcon(root, 'resources', '*PNP0501')).stdout).toContain('    Device has the following reserved resources:\n');
    expect((await devcon(root, 'resources', 'ROOT\\UMBUS')).stdout).toContain('    Device is not using any resources.\n');
    expect(await devcon(root, 'resources')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse('resources') });
  });

  it('driverfiles and drivernodes: local only', async () => {
    const root = await machine();
    expect((await devcon(root, 'driverfiles', '*PNP0303')).stdout).toBe(
      'ACPI\\PNP0303\\4&1D401FB5&0\n    Name: Standard PS/2 Keyboard\n    Driver installed from C:\\Windows\\INF\\keyboard.inf [STANDARD_Inst]. 2 file(s) used by driver:\n        C:\\Windows\\System32\\drivers\\i8042prt.sys\n        C:\\Windows\\System32\\drivers\\kbdclass.sys\n1 matching device(s) found.\n',
    );
    expect((await devcon(root, 'driverfiles', '@ROOT\\LEGACY_BEEP\\0000')).stdout).toContain('    No driver information available for the device.\n');
    const nodes = await devcon(root, 'drivernodes', '*PNP0303');
    expect(nodes.stdout).toContain('\nDriver node #0:\n    Inf file is C:\\Windows\\INF\\keyboard.inf\n    Inf section is STANDARD_Inst\n');
    expect(nodes.stdout).toContain(
      '    Driver date is 6/21/2006\n    Driver version is 10.0.22631.1\n    Driver node rank is 16711681\n    Driver node flags are 00002000\n        Inf is digitally signed\n',
    );
    expect((await devcon(root, 'drivernodes', '@ROOT\\LEGACY_BEEP\\0000')).stdout).toContain('    No driver nodes found for this device.\n');
    for (const cmd of ['driverfiles', 'drivernodes']) {
      expect(await devcon(root, '-m:\\\\LAB1', cmd, '*')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse(cmd) });
      expect(await devcon(root, cmd)).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse(cmd) });
    }
  });
});

describe('devcon no-match cases', () => {
  it('every selecting command prints its nothing-matched tail and exits 0', async () => {
    const root = await machine();
    for (const cmd of ['findall', 'hwids', 'resources', 'driverfiles', 'drivernodes']) {
      expect(await devcon(root, cmd, '=Ports', 'NOSUCH\\ID')).toEqual({ exitCode: 0, stdout: 'No matching devices found.\n', stderr: '' });
    }
    expect(await devcon(root, 'removeall', 'NOSUCH\\ID')).toEqual({ exitCode: 0, stdout: 'No devices were removed.\n', stderr: '' });
  });
});

describe('devcon classes / listclass', () => {
  it('classes lists every setup class as %-20s: description', async () => {
    const root = await machine();
    const r = await devcon(root, 'classes');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith(`Listing ${inboxClasses().length} setup classes.\n`)).toBe(true);
    expect(r.stdout).toContain('Sample              : Sample Device\n');
    expect(r.stdout).toContain('Net                 : Network adapters\n');
  });

  it('listclass: devices of a class, an empty class, an unknown class', async () => {
    const root = await machine();
    expect((await devcon(root, 'listclass', 'ports')).stdout).toBe(`Listing 1 devices in setup class "Ports" (Ports (COM & LPT)).\n${line(COM1, 'Communications Port (COM1)')}`);
    expect((await devcon(root, 'listclass', 'Sample', 'Bogus')).stdout).toBe(
      'There are no devices in setup class "Sample" (Sample Device).\nThere is no "Bogus" setup class on the local machine.\n',
    );
    expect(await devcon(root, 'listclass')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse('listclass') });
  });
});

describe('devcon enable / disable / restart', () => {
  it('disable, restart, enable a device', async () => {
    const root = await machine();
    expect(await devcon(root, 'disable', '*PNP0501')).toEqual({ exitCode: 0, stdout: line(COM1, 'Disabled') + '1 device(s) disabled.\n', stderr: '' });
    expect(await devcon(root, 'restart', '*PNP0501')).toEqual({ exitCode: 0, stdout: line(COM1, 'Restarted') + '1 device(s) restarted.\n', stderr: '' });
    expect(await devcon(root, 'enable', '*PNP0501')).toEqual({ exitCode: 0, stdout: line(COM1, 'Enabled') + '1 device(s) are enabled.\n', stderr: '' });
    expect((await devcon(root, 'status', '*PNP0501')).stdout).toContain('    Driver is running.\n');
  });

  it('a device that cannot be disabled fails, and then nothing counts: exit 0', async () => {
    const root = await machine();
    expect(await devcon(root, 'disable', 'acpiapic')).toEqual({ exitCode: 0, stdout: line('ROOT\\ACPI_HAL\\0000', 'Disable failed') + 'No matching devices found.\n', stderr: '' });
  });

  it('a boot device is disabled on reboot: exit 1 and the reboot tail', async () => {
    const root = await machine();
    const r = await devcon(root, 'disable', '=DiskDrive');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe(
      line('SCSI\\DISK&VEN_SAMSUNG&PROD_SSD_860_EVO_500G\\4&2F4B3F1&0&000000', 'Disabled on reboot') +
        'The 1 device(s) are ready to be disabled. To disable the devices, restart the\ndevices or reboot the system .\n',
    );
    expect(r.stderr).toBe('');
  });

  it('no match, no argument, and -m', async () => {
    const root = await machine();
    for (const cmd of ['enable', 'disable', 'restart']) {
      expect(await devcon(root, cmd, 'NOSUCH')).toEqual({ exitCode: 0, stdout: 'No matching devices found.\n', stderr: '' });
      expect(await devcon(root, cmd)).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse(cmd) });
      expect(await devcon(root, '-m:\\\\LAB1', cmd, '*')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse(cmd) });
    }
  });
});

describe('devcon remove / removeall / rescan', () => {
  it('a removed root device stays removed after rescan; a removed PCI device comes back', async () => {
    const root = await machine();
    expect((await devcon(root, 'remove', '@ROOT\\LEGACY_BEEP\\0000')).stdout).toBe(line('ROOT\\LEGACY_BEEP\\0000', 'Removed') + '1 device(s) were removed.\n');
    expect((await devcon(root, 'remove', `@${XHCI}`)).stdout).toBe(line(XHCI, 'Removed') + '1 device(s) were removed.\n');
    expect((await devcon(root, 'findall', '@ROOT\\LEGACY_BEEP\\0000')).stdout).toBe('No matching devices found.\n');
    expect((await devcon(root, 'find', '=USB')).stdout).toBe('No matching devices found.\n');
    expect(await devcon(root, 'rescan')).toEqual({ exitCode: 0, stdout: 'Scanning for new hardware.\nScanning completed.\n', stderr: '' });
    expect((await devcon(root, 'findall', '@ROOT\\LEGACY_BEEP\\0000')).stdout).toBe('No matching devices found.\n');
    const usb = await devcon(root, 'find', '=USB');
    expect(usb.stdout).toContain(line(XHCI, 'Intel(R) USB 3.1 eXtensible Host Controller - 1.10 (Microsoft)'));
    expect(usb.stdout).toContain('USB\\ROOT_HUB30\\4&2AD2F5A8&0&0');
  });

  it('remove skips devices that are not present; removeall reaches them', async () => {
    const root = await machine();
    expect((await devcon(root, 'remove', '@USB\\VID_0781*')).stdout).toBe('No devices were removed.\n');
    expect((await devcon(root, 'removeall', '@USB\\VID_0781*')).stdout).toBe(line(STICK, 'Removed') + '1 device(s) were removed.\n');
    expect((await devcon(root, 'findall', '@USB\\VID_0781*')).stdout).toBe('No matching devices found.\n');
  });

  it('a boot device is removed on reboot (exit 1); usage and -m cases', async () => {
    const root = await machine();
    const r = await devcon(root, 'remove', 'STORAGE\\Volume');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/: Removed on reboot\nThe 1 device\(s\) are ready to be removed\. To remove the devices, reboot the system\.\n$/);
    for (const cmd of ['remove', 'removeall']) {
      expect(await devcon(root, cmd)).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse(cmd) });
      expect(await devcon(root, '-m:\\\\LAB1', cmd, '*')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse(cmd) });
    }
    expect((await devcon(root, '-m:\\\\LAB1', 'rescan')).stdout).toBe('Scanning for new hardware on \\\\LAB1.\nScanning completed.\n');
  });
});

describe('devcon reboot / sethwid / classfilter', () => {
  it('-r reboots the target when a command returns 1; the exit code stays 1', async () => {
    const root = await machine();
    const bootCount = async () => JSON.parse(await readFile(join(root, 'wdksim-state.json'), 'utf8')).boot.bootCount as number;
    const before = await bootCount();
    expect((await devcon(root, 'classfilter', 'DiskDrive', 'upper', '+volsnap')).exitCode).toBe(1);
    expect(await bootCount()).toBe(before);
    expect((await devcon(root, '-r', 'classfilter', 'DiskDrive', 'upper', '!volsnap')).exitCode).toBe(1);
    expect(await bootCount()).toBe(before + 1);
  });

  it('reboot is local only', async () => {
    const root = await machine();
    expect(await devcon(root, 'reboot')).toEqual({ exitCode: 0, stdout: 'Rebooting the local computer.\n', stderr: '' });
    expect(await devcon(root, '-m:\\\\LAB1', 'reboot')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse('reboot') });
  });

  it('sethwid modifies root-enumerated devices and skips the others', async () => {
    const root = await machine();
    expect(await devcon(root, 'sethwid', '@ROOT\\RDPBUS\\0000', ':=', '+ROOT\\WDKSIM', '-LAST')).toEqual({
      exitCode: 0,
      stdout: line('ROOT\\RDPBUS\\0000', 'ROOT\\WDKSIM,ROOT\\RDPBUS,LAST') + 'Modified the Hardware ID on 1 device(s).\n',
      stderr: '',
    });
    expect((await devcon(root, 'find', 'root\\wdksim')).stdout).toBe(line('ROOT\\RDPBUS\\0000', 'Remote Desktop Device Redirector Bus') + '1 matching device(s) found.\n');
    expect((await devcon(root, 'sethwid', '*PNP0501', '@ROOT\\RDPBUS\\0000', ':=', '!LAST')).stdout).toBe(
      line(COM1, 'Skipping (Not root-enumerated).') +
        line('ROOT\\RDPBUS\\0000', 'ROOT\\WDKSIM,ROOT\\RDPBUS') +
        'Skipped 1 non-root device(s), modified the hardware ID on 1 device(s).\n',
    );
    expect((await devcon(root, 'sethwid', 'NOSUCH', ':=', 'X')).stdout).toBe("No hardware ID's modified.\n");
    expect(await devcon(root, 'sethwid', '@ROOT\\RDPBUS\\0000', '+X')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse('sethwid') });
    expect(await devcon(root, 'sethwid', ':=', '+X')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse('sethwid') });
  });

  it('classfilter lists, changes (exit 1), and refuses what it cannot do', async () => {
    const root = await machine();
    expect(await devcon(root, 'classfilter', 'DiskDrive', 'upper')).toEqual({ exitCode: 0, stdout: 'Class filters unchanged.\n    partmgr\n', stderr: '' });
    expect(await devcon(root, 'classfilter', 'DiskDrive', 'upper', '-volsnap')).toEqual({
      exitCode: 1,
      stdout: 'Class filters changed. Restart the devices or reboot the system to make the change effective.\n    volsnap\n    partmgr\n',
      stderr: '',
    });
    expect((await devcon(root, 'stack', '=DiskDrive')).stdout).toContain('    Upper class filters:\n        volsnap\n        partmgr\n');
    expect(await devcon(root, 'classfilter', 'DiskDrive', 'upper', '!volsnap', '!partmgr')).toEqual({
      exitCode: 1,
      stdout: 'Class filters changed. Restart the devices or reboot the system to make the change effective.\n',
      stderr: '',
    });
    expect(await devcon(root, 'classfilter', 'DiskDrive', 'lower')).toEqual({ exitCode: 0, stdout: 'Class filters unchanged.\n', stderr: '' });
    const unknownClass = await devcon(root, 'classfilter', 'NoSuchClass', 'upper');
    expect(unknownClass.exitCode).toBe(2);
    expect(unknownClass.stdout).toBe('');
    expect(unknownClass.stderr.startsWith('devcon failed.\n')).toBe(true);
    expect((await devcon(root, 'classfilter', 'DiskDrive', 'upper', '+notaservice')).exitCode).toBe(2);
    expect((await devcon(root, 'classfilter', 'DiskDrive', 'upper', '@nothere')).exitCode).toBe(2);
    expect(await devcon(root, 'classfilter', 'DiskDrive', 'sideways')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse('classfilter') });
    expect(await devcon(root, 'classfilter', 'DiskDrive')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse('classfilter') });
  });
});

describe('devcon driver packages and install (read-only and error paths)', () => {
  it('dp_enum with no third-party packages; with an argument it is an invalid use', async () => {
    const root = await machine();
    expect(await devcon(root, 'dp_enum')).toEqual({ exitCode: 0, stdout: 'There are no third-party driver packages on this machine.\n', stderr: '' });
    expect(await devcon(root, 'dp_enum', 'x')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse('dp_enum') });
  });

  it('dp_add of a missing INF fails; dp_add and dp_delete need an argument', async () => {
    const root = await machine();
    const r = await devcon(root, 'dp_add', 'no-such-dir/none.inf');
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('Adding the specified driver package to the machine failed.\n');
    expect(r.stderr.startsWith('devcon failed.\n')).toBe(true);
    expect(await devcon(root, 'dp_add')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse('dp_add') });
    expect(await devcon(root, 'dp_delete')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse('dp_delete') });
  });

  it('install and update: missing INF fails before any output; too few arguments and -m are invalid uses', async () => {
    const root = await machine();
    for (const cmd of ['install', 'update', 'updateni']) {
      const r = await devcon(root, cmd, 'missing.inf', 'Root\\KmdfHelloWorld');
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith('devcon failed.\n')).toBe(true);
      expect(await devcon(root, cmd, 'missing.inf')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse(cmd) });
      expect(await devcon(root, '-m:\\\\LAB1', cmd, 'x.inf', 'Root\\X')).toEqual({ exitCode: 3, stdout: '', stderr: invalidUse(cmd) });
    }
    // Nothing was created by the failed installs.
    expect((await devcon(root, 'findall', '@ROOT\\*\\*')).stdout).not.toMatch(/ROOT\\SAMPLE/);
  });
});

describe('devcon command line', () => {
  it('no command, or an unknown one: usage on stderr, exit 3', async () => {
    const root = await machine();
    const usageText = 'devcon Usage: devcon [-r] [-m:\\\\<machine>] <command> [<arg>...]\nFor more information, type: devcon help\n';
    expect(await devcon(root)).toEqual({ exitCode: 3, stdout: '', stderr: usageText });
    expect(await devcon(root, 'frobnicate')).toEqual({ exitCode: 3, stdout: '', stderr: usageText });
    expect(await devcon(root, '-r', '-z', 'find', '*')).toEqual({ exitCode: 3, stdout: '', stderr: usageText });
  });

  it('commands are case-insensitive and may carry a - or / prefix', async () => {
    const root = await machine();
    const expected = line(COM1, 'Communications Port (COM1)') + '1 matching device(s) found.\n';
    expect((await devcon(root, 'FIND', '*PNP0501')).stdout).toBe(expected);
    expect((await devcon(root, '/find', '*PNP0501')).stdout).toBe(expected);
    expect((await devcon(root, '-R', '-find', '*PNP0501')).stdout).toBe(expected);
  });

  it('help COMMAND prints the usage of every command in the help list', async () => {
    const root = await machine();
    const list = (await devcon(root, 'help')).stdout;
    const names = [...list.matchAll(/^(\S+) {2,}\S.*\n\n/gm)].map((m) => m[1]!);
    expect(names).toHaveLength(26);
    for (const name of names) {
      const r = await devcon(root, 'help', name);
      expect(r.exitCode).toBe(0);
      if (name === 'help') expect(r.stdout).toContain('Device Console Help:');
      else expect(r.stdout).toMatch(new RegExp(`devcon .*${name}`));
    }
  }, 60000);
});

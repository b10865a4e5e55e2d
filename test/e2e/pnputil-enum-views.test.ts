// `wdksim pnputil /enum-devicetree | /enum-interfaces | /enum-containers` as a
// process: exact output (goldens checked by eye against the layouts in
// docs/devcon-pnputil.md), exit codes, usage errors, /format and /output-file.
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BANNER, pnputilMachine } from './pnputil-machine.js';
import { containerIdFor } from '../../src/pnputil/containers.js';

const CTL = '{c0ffee00-1234-4abc-8def-0123456789ab}';
const PLAIN = '{c0ffee01-1234-4abc-8def-0123456789ab}';
const KEYBOARD = '{884b96c3-56ef-11d1-bc8c-00a0c91405dd}';
const USB_DEVICE = '{a5dcbf10-6530-11d2-901f-00c04fb951ed}';
const ROOT_HUB = 'USB\\ROOT_HUB30\\4&2AD2F5A8&0&0';
const USB_MOUSE = 'USB\\VID_046D&PID_C077\\5&3A8B2F0&0&2';
const HID_MOUSE = 'HID\\VID_046D&PID_C077\\6&2E7A8C6&0&0000';
const STICK = 'USB\\VID_0781&PID_5581\\4C530001230101112345';
const SYSTEM = '{00000000-0000-0000-ffff-ffffffffffff}';

/** A machine whose KmdfHelloWorld package registers two interfaces (one with a reference string, one named through [Strings]). */
const machine = (withPackage: boolean) =>
  pnputilMachine(withPackage, (inf) =>
    inf.replace(
      '[Strings]',
      `[KmdfHelloWorld_Device.NT.Interfaces]\nAddInterface=${CTL.toUpperCase()},Ctl\nAddInterface=%HelloIface%\n\n[Strings]\nHelloIface="${PLAIN.toUpperCase()}"`,
    ),
  );

function iface(path: string, guid: string, instanceId: string, status: string, ref?: string): string {
  return `Interface Path:         ${path}\nInterface Description:  Unknown\nInterface Class GUID:   ${guid}\n${ref ? `Reference String:       ${ref}\n` : ''}Device Instance ID:     ${instanceId}\nInterface Status:       ${status}\n\n`;
}

describe('pnputil /enum-interfaces', () => {
  it("lists the inbox drivers' interfaces and a package's AddInterface lines, filtered by class and state", async () => {
    const t = await machine(true);
    try {
      expect(await t.run('/enum-interfaces', '/class', KEYBOARD.toUpperCase())).toEqual({
        exitCode: 0,
        stdout: BANNER + iface(`\\\\?\\ACPI#PNP0303#4&1D401FB5&0#${KEYBOARD}`, KEYBOARD, 'ACPI\\PNP0303\\4&1D401FB5&0', 'Enabled'),
        stderr: '',
      });
      // The USB stick is remembered but not connected: its interface is registered, disabled.
      expect(await t.run('-ENUM-INTERFACES', '-Disabled')).toEqual({
        exitCode: 0,
        stdout: BANNER + iface(`\\\\?\\USB#VID_0781&PID_5581#4C530001230101112345#${USB_DEVICE}`, USB_DEVICE, STICK, 'Disabled'),
        stderr: '',
      });
      expect((await t.run('/enum-interfaces', '/enabled')).stdout).not.toContain('VID_0781');
      // Nothing registers the package's interfaces until a device uses the driver.
      expect(await t.run('/enum-interfaces', '/class', CTL)).toEqual({ exitCode: 0, stdout: `${BANNER}No device interfaces were found on the system.\n`, stderr: '' });

      expect((await t.devcon('install', 'KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld')).exitCode).toBe(0);
      expect(await t.run('/enum-interfaces', '/class', CTL)).toEqual({
        exitCode: 0,
        stdout: BANNER + iface(`\\\\?\\ROOT#SAMPLE#0000#${CTL}\\Ctl`, CTL, 'ROOT\\SAMPLE\\0000', 'Enabled', 'Ctl'),
        stderr: '',
      });
      expect(await t.run('/enum-interfaces', '/class', PLAIN, '/properties')).toEqual({
        exitCode: 0,
        stdout:
          BANNER +
          `Interface Path:         \\\\?\\ROOT#SAMPLE#0000#${PLAIN}\nInterface Description:  Unknown\nInterface Class GUID:   ${PLAIN}\nDevice Instance ID:     ROOT\\SAMPLE\\0000\nInterface Status:       Enabled\n` +
          `Interface Properties:\n    DEVPKEY_DeviceInterface_Enabled [Boolean]:\n        TRUE\n    DEVPKEY_Device_InstanceId [String]:\n        ROOT\\SAMPLE\\0000\n    DEVPKEY_DeviceInterface_ClassGuid [GUID]:\n        ${PLAIN}\n    DEVPKEY_Device_ContainerId [GUID]:\n        ${SYSTEM}\n\n`,
        stderr: '',
      });
      // A disabled device keeps its interfaces registered but not enabled.
      expect((await t.run('/disable-device', 'ROOT\\SAMPLE\\0000')).exitCode).toBe(0);
      expect((await t.run('/enum-interfaces', '/class', CTL)).stdout).toContain('Interface Status:       Disabled\n');
      expect((await t.run('/enum-interfaces', '/disabled')).stdout.match(/^Interface Path:/gm)).toHaveLength(3);
      const json = JSON.parse((await t.run('/enum-interfaces', '/class', CTL, '--json')).stdout);
      expect(json).toMatchObject({ tool: 'pnputil', command: 'enum-interfaces', returnValue: 0, exitCode: 0 });
      expect(json.interfaces).toEqual([
        { path: `\\\\?\\ROOT#SAMPLE#0000#${CTL}\\Ctl`, classGuid: CTL, referenceString: 'Ctl', instanceId: 'ROOT\\SAMPLE\\0000', status: 'Disabled', source: 'inf' },
      ]);
    } finally {
      await t.cleanup();
    }
  }, 60000);

  it('usage errors: a bad switch, a class that is not a GUID, /enabled with /disabled', async () => {
    const t = await machine(false);
    try {
      for (const [args, message] of [
        [['/enum-interfaces', '/devices'], 'Invalid switch for /enum-interfaces: /devices. Use /enum-interfaces [/enabled | /disabled] [/class <GUID>] [/properties].'],
        [['/enum-interfaces', '/class', 'Keyboard'], 'Invalid interface class GUID: Keyboard. Use /class {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}.'],
        [['/enum-interfaces', '/enabled', '/disabled'], 'Specify only one of /enabled and /disabled.'],
        [['/enum-interfaces', 'extra'], 'Unexpected argument for /enum-interfaces: extra. Use /enum-interfaces [/enabled | /disabled] [/class <GUID>] [/properties].'],
      ] as const) {
        const r = await t.run(...args);
        expect(r.exitCode).toBe(87);
        expect(r.stderr).toBe('');
        expect(r.stdout.startsWith(`${BANNER}${message}\n\nPNPUTIL [`)).toBe(true);
      }
    } finally {
      await t.cleanup();
    }
  }, 60000);
});

describe('pnputil /enum-devicetree', () => {
  it('prints each device under its parent, four spaces deeper; /connected; detail switches; an unknown root', async () => {
    const t = await machine(true);
    try {
      const hub = `Instance ID:                ${ROOT_HUB}\nDevice Description:         USB Root Hub (USB 3.0)\nClass Name:                 USB\nClass GUID:                 {36fc9e60-c465-11cf-8056-444553540000}\nManufacturer Name:          (Generic USB Hub)\nStatus:                     Started\nDriver Name:                usbhub3.inf\n\n`;
      const mouse =
        `    Instance ID:                ${USB_MOUSE}\n    Device Description:         USB Input Device\n    Class Name:                 HIDClass\n    Class GUID:                 {745a17a0-74d3-11d0-b6fe-00a0c90f57da}\n    Manufacturer Name:          (Standard system devices)\n    Status:                     Started\n    Driver Name:                input.inf\n\n` +
        `        Instance ID:                ${HID_MOUSE}\n        Device Description:         HID-compliant mouse\n        Class Name:                 Mouse\n        Class GUID:                 {4d36e96f-e325-11ce-bfc1-08002be10318}\n        Manufacturer Name:          Microsoft\n        Status:                     Started\n        Driver Name:                msmouse.inf\n\n`;
      const stick = `    Instance ID:                ${STICK}\n    Device Description:         USB Mass Storage Device\n    Class Name:                 USB\n    Class GUID:                 {36fc9e60-c465-11cf-8056-444553540000}\n    Manufacturer Name:          Compatible USB storage device\n    Status:                     Disconnected\n    Driver Name:                usbstor.inf\n\n`;
      expect(await t.run('/enum-devicetree', ROOT_HUB)).toEqual({ exitCode: 0, stdout: BANNER + hub + mouse + stick, stderr: '' });
      expect(await t.run('-Enum-DeviceTree', ROOT_HUB.toLowerCase(), '/CONNECTED')).toEqual({ exitCode: 0, stdout: BANNER + hub + mouse, stderr: '' });

      await t.devcon('install', 'KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld');
      const sample = await t.run('/enum-devicetree', 'ROOT\\SAMPLE\\0000', '/services', '/stack', '/interfaces');
      expect(sample).toEqual({
        exitCode: 0,
        stdout:
          BANNER +
          'Instance ID:                ROOT\\SAMPLE\\0000\nDevice Description:         KmdfHelloWorld Device\nClass Name:                 Sample\nClass GUID:                 {78a1c341-4539-11d3-b88d-00c04fad5171}\nManufacturer Name:          wdksim fixtures\nStatus:                     Started\nDriver Name:                oem0.inf\n' +
          'Service Name:               KmdfHelloWorld\nStack:                      \\Driver\\KmdfHelloWorld\n                            \\Driver\\PnpManager\n' +
          `Interfaces:\n    Interface Path:         \\\\?\\ROOT#SAMPLE#0000#${CTL}\\Ctl\n    Interface Description:  Unknown\n    Interface Class GUID:   ${CTL}\n    Reference String:       Ctl\n    Interface Status:       Enabled\n` +
          `    Interface Path:         \\\\?\\ROOT#SAMPLE#0000#${PLAIN}\n    Interface Description:  Unknown\n    Interface Class GUID:   ${PLAIN}\n    Interface Status:       Enabled\n\n`,
        stderr: '',
      });
      expect((await t.run('/enum-devicetree', 'ROOT\\SAMPLE\\0000', '/drivers')).stdout).toContain('Matching Drivers:\n    Driver Name:            oem0.inf\n');

      // The whole tree starts at HTREE\ROOT\0 and holds every device once.
      const whole = await t.run('/enum-devicetree');
      expect(whole.exitCode).toBe(0);
      expect(
        whole.stdout.startsWith(
          `${BANNER}Instance ID:                HTREE\\ROOT\\0\nStatus:                     Started\n\n    Instance ID:                ROOT\\ACPI_HAL\\0000\n`,
        ),
      ).toBe(true);
      const devices = JSON.parse((await t.run('/enum-devices', '--json')).stdout).devices.length;
      expect(whole.stdout.match(/Instance ID:/g)).toHaveLength(devices + 1);
      expect(whole.stdout).toContain(`\n                            Instance ID:                ${HID_MOUSE}\n`);

      expect(await t.run('/enum-devicetree', 'NO\\SUCH\\0')).toEqual({
        exitCode: 11,
        stdout: `${BANNER}Failed to enumerate device tree: The device instance does not exist in the hardware tree.\n`,
        stderr: '',
      });
      expect((await t.run('/enum-devicetree', STICK, '/connected')).exitCode).toBe(11);
      const bad = await t.run('/enum-devicetree', '/class', 'USB');
      expect(bad.exitCode).toBe(87);
      expect(
        bad.stdout.startsWith(
          `${BANNER}Invalid switch for /enum-devicetree: /class. Use /enum-devicetree [<root instance ID>] [/connected] [/services] [/stack] [/drivers] [/interfaces].\n`,
        ),
      ).toBe(true);
      expect(bad.stderr).toBe('');
    } finally {
      await t.cleanup();
    }
  }, 60000);
});

describe('pnputil /enum-containers', () => {
  const MOUSE_BOX = containerIdFor(USB_MOUSE);
  const STICK_BOX = containerIdFor(STICK);

  it('text, filters, /devices, and /problem after a device is disabled', async () => {
    const t = await machine(false);
    try {
      const system = `Container ID:               ${SYSTEM}\nDescription:                Unknown\nStatus:                     Connected\n\n`;
      const stick = `Container ID:               ${STICK_BOX}\nDescription:                USB Mass Storage Device\nManufacturer:               Compatible USB storage device\nStatus:                     Disconnected\n\n`;
      const mouse = `Container ID:               ${MOUSE_BOX}\nDescription:                USB Input Device\nManufacturer:               (Standard system devices)\nStatus:                     Connected\n\n`;
      const all = [
        [SYSTEM, system],
        [STICK_BOX, stick],
        [MOUSE_BOX, mouse],
      ]
        .sort((a, b) => a[0]!.localeCompare(b[0]!))
        .map((x) => x[1])
        .join('');
      expect(await t.run('/enum-containers')).toEqual({ exitCode: 0, stdout: BANNER + all, stderr: '' });
      expect(await t.run('-enum-containers', '-DISCONNECTED', '/devices')).toEqual({
        exitCode: 0,
        stdout:
          BANNER +
          stick.replace(/\n\n$/, '\n') +
          `Devices:\n    Instance ID:            ${STICK}\n    Device Description:     USB Mass Storage Device\n    Status:                 Disconnected\n\n`,
        stderr: '',
      });
      expect(await t.run('/enum-containers', '/containerid', MOUSE_BOX.toUpperCase(), '/devices')).toEqual({
        exitCode: 0,
        stdout:
          BANNER +
          mouse.replace(/\n\n$/, '\n') +
          `Devices:\n    Instance ID:            ${HID_MOUSE}\n    Device Description:     HID-compliant mouse\n    Status:                 Started\n    Instance ID:            ${USB_MOUSE}\n    Device Description:     USB Input Device\n    Status:                 Started\n\n`,
        stderr: '',
      });
      expect(await t.run('/enum-containers', '/problem')).toEqual({ exitCode: 0, stdout: `${BANNER}No device containers were found on the system.\n`, stderr: '' });
      expect((await t.run('/disable-device', HID_MOUSE)).exitCode).toBe(0);
      expect(await t.run('/enum-containers', '/problem')).toEqual({ exitCode: 0, stdout: BANNER + mouse, stderr: '' });
      expect((await t.run('/enum-containers', '/connected')).stdout).not.toContain(STICK_BOX);
    } finally {
      await t.cleanup();
    }
  }, 60000);

  it('/format xml and csv go to stdout without the banner; /output-file writes the same bytes inside the current directory', async () => {
    const t = await machine(false);
    try {
      const initial = await readdir(t.cwd);
      const xml = await t.run('/enum-containers', '/disconnected', '/devices', '/format', 'XML');
      expect(xml).toEqual({
        exitCode: 0,
        stdout:
          '<?xml version="1.0" encoding="utf-8"?>\n<PnpUtil Version="10.0.22631" Command="/enum-containers /disconnected /devices /format XML">\n' +
          `    <Container ContainerId="${STICK_BOX}">\n        <Description>USB Mass Storage Device</Description>\n        <Manufacturer>Compatible USB storage device</Manufacturer>\n        <Status>Disconnected</Status>\n` +
          `        <Devices>\n            <Device InstanceId="USB\\VID_0781&amp;PID_5581\\4C530001230101112345">\n                <DeviceDescription>USB Mass Storage Device</DeviceDescription>\n                <Status>Disconnected</Status>\n            </Device>\n        </Devices>\n    </Container>\n</PnpUtil>\n`,
        stderr: '',
      });
      expect(await t.run('/enum-containers', '/disconnected', '/format', 'csv')).toEqual({
        exitCode: 0,
        stdout: `ContainerId,Description,Manufacturer,Status\n${STICK_BOX},USB Mass Storage Device,Compatible USB storage device,Disconnected\n`,
        stderr: '',
      });
      expect(await t.run('/enum-containers', '/format', 'txt', '/problem')).toEqual({
        exitCode: 0,
        stdout: `${BANNER}No device containers were found on the system.\n`,
        stderr: '',
      });

      // The file holds exactly what stdout would have shown; stdout keeps only the banner.
      const written = await t.run('/enum-containers', '/disconnected', '/devices', '/format', 'xml', '/output-file', 'disconnected.xml');
      expect(written).toEqual({ exitCode: 0, stdout: BANNER, stderr: '' });
      expect(await readFile(join(t.cwd, 'disconnected.xml'), 'utf8')).toBe(xml.stdout.replace('/format XML">', '/format xml /output-file disconnected.xml">'));
      await mkdir(join(t.cwd, 'reports'));
      expect((await t.run('/enum-containers', '/output-file', 'reports\\all.txt')).exitCode).toBe(0);
      expect(await readFile(join(t.cwd, 'reports', 'all.txt'), 'utf8')).toBe((await t.run('/enum-containers')).stdout.slice(BANNER.length));
      // No name: enum-containers.<format>; written again, it is replaced.
      expect((await t.run('/enum-containers', '/format', 'csv', '/output-file')).exitCode).toBe(0);
      expect((await t.run('/enum-containers', '/format', 'csv', '/connected', '/output-file')).exitCode).toBe(0);
      expect(await readFile(join(t.cwd, 'enum-containers.csv'), 'utf8')).toBe((await t.run('/enum-containers', '/format', 'csv', '/connected')).stdout);
      // Nothing else was written (write-file-atomic leaves no temporary file behind).
      expect((await readdir(t.cwd)).sort()).toEqual([...initial, 'disconnected.xml', 'enum-containers.csv', 'reports'].sort());
      expect(await readdir(join(t.cwd, 'reports'))).toEqual(['all.txt']);
    } finally {
      await t.cleanup();
    }
  }, 60000);

  it('refuses output files outside the current directory and bad /format values, writing nothing', async () => {
    const t = await machine(false);
    try {
      const before = (await readdir(t.base)).sort();
      const cwdBefore = (await readdir(t.cwd)).sort();
      for (const name of ['../out.xml', '..\\out.xml', join(t.base, 'out.xml'), 'C:\\out.xml', 'reports/../../out.xml']) {
        const r = await t.run('/enum-containers', '/format', 'xml', '/output-file', name);
        expect(r).toEqual({
          exitCode: 5,
          stdout: `${BANNER}Failed to write output file: The output file must be inside the current directory: give a relative name such as enum-containers.xml instead of ${name}.\n`,
          stderr: '',
        });
      }
      // A folder below the current directory that is a link to elsewhere is outside too.
      await mkdir(join(t.base, 'elsewhere'));
      await symlink(join(t.base, 'elsewhere'), join(t.cwd, 'link'));
      expect((await t.run('/enum-containers', '/output-file', 'link/x.txt')).exitCode).toBe(5);
      expect(await readdir(join(t.base, 'elsewhere'))).toEqual([]);
      // A file name that is itself a link is not followed.
      await writeFile(join(t.base, 'victim.txt'), 'keep');
      await symlink(join(t.base, 'victim.txt'), join(t.cwd, 'out.txt'));
      expect((await t.run('/enum-containers', '/output-file', 'out.txt')).exitCode).toBe(5);
      expect(await readFile(join(t.base, 'victim.txt'), 'utf8')).toBe('keep');
      // A folder that does not exist is not created: ERROR_PATH_NOT_FOUND.
      expect(await t.run('/enum-containers', '/output-file', 'missing\\x.txt')).toEqual({
        exitCode: 3,
        stdout: `${BANNER}Failed to write output file: The system cannot find the path specified: missing (create the folder first).\n`,
        stderr: '',
      });
      expect((await readdir(t.base)).sort()).toEqual([...before, 'elsewhere', 'victim.txt'].sort());
      expect((await readdir(t.cwd)).sort()).toEqual([...cwdBefore, 'link', 'out.txt'].sort());

      for (const [args, message] of [
        [['/enum-containers', '/format', 'json'], 'Invalid format: json. Use /format txt, /format xml or /format csv.'],
        [
          ['/enum-containers', '/drivers'],
          'Invalid switch for /enum-containers: /drivers. Use /enum-containers [/containerid <container ID>] [/connected | /disconnected] [/problem] [/devices] [/format <txt | xml | csv>] [/output-file [<filename>]].',
        ],
        [['/enum-containers', '/containerid', 'usb-stick'], 'Invalid container ID: usb-stick. Use /containerid {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}.'],
        [['/enum-containers', '/connected', '/disconnected'], 'Specify only one of /connected and /disconnected.'],
        [['/enum-containers', '/problem', '28'], '/problem takes no code for /enum-containers: remove 28.'],
      ] as const) {
        const r = await t.run(...args, '/output-file', 'never.txt');
        expect(r.exitCode).toBe(87);
        expect(r.stderr).toBe('');
        expect(r.stdout.startsWith(`${BANNER}${message}\n\nPNPUTIL [`)).toBe(true);
      }
      expect((await readdir(t.cwd)).includes('never.txt')).toBe(false);
    } finally {
      await t.cleanup();
    }
  }, 60000);
});

// The pure parts of /enum-devicetree, /enum-interfaces and /enum-containers:
// the command line, interface paths, container grouping, the tree, XML and CSV.
import { describe, expect, it } from 'vitest';
import { parsePnpLine } from '../../src/pnputil/grammar.js';
import { interfacePath, normalizeGuid } from '../../src/pnputil/interfaces.js';
import { containerCsv, containerIdFor, containerIds, containerText, containerXml, filterContainers, machineContainers, SYSTEM_CONTAINER } from '../../src/pnputil/containers.js';
import { buildTree, treeText } from '../../src/pnputil/devicetree.js';
import type { MachineView } from '../../src/pnp/view.js';
import type { DeviceRecord } from '../../src/machine/model.js';

function device(instanceId: string, parent: string, extra: Partial<DeviceRecord> = {}): DeviceRecord {
  return {
    instanceId,
    parent,
    hardwareIds: [],
    compatibleIds: [],
    classGuid: '{36fc9e60-c465-11cf-8056-444553540000}',
    className: 'USB',
    description: instanceId.split('\\')[1]!,
    present: true,
    rootEnumerated: false,
    disabled: false,
    problem: 0,
    ...extra,
  };
}

const HUB = 'USB\\ROOT_HUB30\\4&1&0&0';
const STICK = 'USB\\VID_0781&PID_5581\\SERIAL1';
const MOUSE = 'USB\\VID_046D&PID_C077\\5&2&0&2';
const HIDMOUSE = 'HID\\VID_046D&PID_C077\\6&3&0&0000';

function view(): MachineView {
  return {
    devices: [
      device('ROOT\\ACPI_HAL\\0000', 'HTREE\\ROOT\\0', { className: 'Computer', description: 'ACPI x64-based PC' }),
      device(HUB, 'ROOT\\ACPI_HAL\\0000', { description: 'USB Root Hub (USB 3.0)' }),
      device(STICK, HUB, { description: 'USB Mass Storage Device', manufacturer: 'Compatible USB storage device', present: false }),
      device(MOUSE, HUB, { description: 'USB Input Device', manufacturer: 'Logi, "Inc"' }),
      device(HIDMOUSE, MOUSE, { className: 'Mouse', description: 'HID-compliant mouse', disabled: true }),
    ],
    classes: [],
    packages: [],
    services: [],
    windowsDir: 'C:\\Windows',
  };
}

describe('the command line of the three commands', () => {
  it('parses the new commands and switches in any case, with / or -', () => {
    const tree = parsePnpLine(['-ENUM-DEVICETREE', 'ROOT\\SYSTEM\\0000', '/Connected', '-interfaces']);
    expect(tree).toMatchObject({ command: 'enum-devicetree', positional: ['ROOT\\SYSTEM\\0000'] });
    expect([...tree.flags].sort()).toEqual(['connected', 'interfaces']);
    const ifs = parsePnpLine(['/enum-interfaces', '/Disabled', '/CLASS', '{884B96C3-56EF-11D1-BC8C-00A0C91405DD}']);
    expect(ifs.flags.has('disabled')).toBe(true);
    expect(ifs.values.get('class')).toBe('{884B96C3-56EF-11D1-BC8C-00A0C91405DD}');
    const cont = parsePnpLine(['/enum-containers', '/devices', '/format', 'xml', '/output-file']);
    expect(cont.values.has('output-file')).toBe(true);
    expect(cont.values.get('output-file')).toBeUndefined();
    expect(cont.text).toBe('/enum-containers /devices /format xml /output-file');
    expect(parsePnpLine(['/enum-containers', '/output-file', '/tmp/out/x.xml']).values.get('output-file')).toBe('/tmp/out/x.xml');
    expect(parsePnpLine(['/enum-containers', '/format']).error).toBe('Missing value for /format');
  });
});

describe('interfaces', () => {
  it('paths are the instance ID with # for \\, the lower-case class GUID, then \\reference string', () => {
    expect(interfacePath('USB\\VID_045E&PID_0840\\0C33CG9212501N0', '{a5dcbf10-6530-11d2-901f-00c04fb951ed}')).toBe(
      '\\\\?\\USB#VID_045E&PID_0840#0C33CG9212501N0#{a5dcbf10-6530-11d2-901f-00c04fb951ed}',
    );
    expect(interfacePath('ROOT\\SAMPLE\\0000', '{6994ad04-93ef-11d0-a3cc-00a0c9223196}', 'SRC')).toBe('\\\\?\\ROOT#SAMPLE#0000#{6994ad04-93ef-11d0-a3cc-00a0c9223196}\\SRC');
    expect(normalizeGuid('{884B96C3-56EF-11D1-BC8C-00A0C91405DD}')).toBe('{884b96c3-56ef-11d1-bc8c-00a0c91405dd}');
    expect(normalizeGuid('884b96c3-56ef-11d1-bc8c-00a0c91405dd')).toBe('{884b96c3-56ef-11d1-bc8c-00a0c91405dd}');
    expect(normalizeGuid('Keyboard')).toBeUndefined();
  });
});

describe('containers', () => {
  it('a removable USB device starts a container its children inherit; everything else is the system container', () => {
    const ids = containerIds(view());
    expect(ids.get('ROOT\\ACPI_HAL\\0000')).toBe(SYSTEM_CONTAINER);
    expect(ids.get(HUB)).toBe(SYSTEM_CONTAINER);
    expect(ids.get(MOUSE)).toBe(containerIdFor(MOUSE));
    expect(ids.get(HIDMOUSE)).toBe(containerIdFor(MOUSE));
    expect(ids.get(STICK)).not.toBe(ids.get(MOUSE));
    expect(containerIdFor(MOUSE)).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\}$/);
    expect(containerIdFor(MOUSE.toLowerCase())).toBe(containerIdFor(MOUSE));
  });

  it('filters, text, XML (escaped) and CSV (quoted)', () => {
    const all = machineContainers(view(), 'TESTPC');
    expect(all.map((c) => c.containerId)).toEqual([SYSTEM_CONTAINER, containerIdFor(STICK), containerIdFor(MOUSE)].sort());
    expect(filterContainers(all, { disconnected: true }).map((c) => c.description)).toEqual(['USB Mass Storage Device']);
    expect(filterContainers(all, { problem: true }).map((c) => c.description)).toEqual(['USB Input Device']);
    const mouse = filterContainers(all, { containerId: containerIdFor(MOUSE).toUpperCase() });
    expect(mouse).toHaveLength(1);
    const id = containerIdFor(MOUSE);
    expect(containerText(mouse, true)).toBe(
      `Container ID:               ${id}\nDescription:                USB Input Device\nManufacturer:               Logi, "Inc"\nStatus:                     Connected\nDevices:\n` +
        `    Instance ID:            ${HIDMOUSE}\n    Device Description:     HID-compliant mouse\n    Status:                 Disabled\n` +
        `    Instance ID:            ${MOUSE}\n    Device Description:     USB Input Device\n    Status:                 Started\n\n`,
    );
    expect(containerText([], true)).toBe('No device containers were found on the system.\n');
    expect(containerXml(mouse, false, '10.0.22631', '/enum-containers /format xml')).toBe(
      `<?xml version="1.0" encoding="utf-8"?>\n<PnpUtil Version="10.0.22631" Command="/enum-containers /format xml">\n    <Container ContainerId="${id}">\n        <Description>USB Input Device</Description>\n        <Manufacturer>Logi, &quot;Inc&quot;</Manufacturer>\n        <Status>Connected</Status>\n    </Container>\n</PnpUtil>\n`,
    );
    expect(containerXml([], true, '10.0.22631', 'x & y')).toBe('<?xml version="1.0" encoding="utf-8"?>\n<PnpUtil Version="10.0.22631" Command="x &amp; y">\n</PnpUtil>\n');
    expect(containerCsv(mouse, false)).toBe(`ContainerId,Description,Manufacturer,Status\n${id},USB Input Device,"Logi, ""Inc""",Connected\n`);
    expect(containerCsv(mouse, true).split('\n')[2]).toBe(`${id},USB Input Device,"Logi, ""Inc""",Connected,${MOUSE},USB Input Device,Started`);
    expect(all.find((c) => c.containerId === SYSTEM_CONTAINER)?.description).toBe('TESTPC');
  });
});

describe('device tree', () => {
  it('children under their parent, four spaces deeper; /connected prunes; an unknown root is undefined', () => {
    const v = view();
    const tree = buildTree(v, HUB, true)!;
    expect(tree.children.map((c) => c.instanceId)).toEqual([MOUSE]);
    expect(buildTree(v, HUB, false)!.children.map((c) => c.instanceId)).toEqual([MOUSE, STICK]);
    expect(buildTree(v, 'NO\\SUCH\\0', false)).toBeUndefined();
    expect(buildTree(v, STICK, true)).toBeUndefined();
    const whole = buildTree(v, undefined, false)!;
    expect(whole.instanceId).toBe('HTREE\\ROOT\\0');
    expect(whole.children.map((c) => c.instanceId)).toEqual(['ROOT\\ACPI_HAL\\0000']);
    const text = treeText(v, buildTree(v, MOUSE, false)!, {}, undefined, undefined);
    expect(text).toBe(
      `Instance ID:                ${MOUSE}\nDevice Description:         USB Input Device\nClass Name:                 USB\nClass GUID:                 {36fc9e60-c465-11cf-8056-444553540000}\nManufacturer Name:          Logi, "Inc"\nStatus:                     Started\n\n` +
        `    Instance ID:                ${HIDMOUSE}\n    Device Description:         HID-compliant mouse\n    Class Name:                 Mouse\n    Class GUID:                 {36fc9e60-c465-11cf-8056-444553540000}\n    Status:                     Disabled\n    Problem Code:               22 (0x16) [CM_PROB_DISABLED]\n    Problem Status:             0xC0000022\n\n`,
    );
  });

  it('a parent cycle in a damaged state does not loop', () => {
    const v = view();
    v.devices.push(device('X\\A\\0', 'X\\B\\0'), device('X\\B\\0', 'X\\A\\0'));
    expect(buildTree(v, 'X\\A\\0', false)!.children[0]!.children).toEqual([]);
  });
});

// The inbox machine is self-consistent: what `target init` seeds must hold together.
import { describe, expect, it } from 'vitest';
import { inboxClasses, inboxDevices, inboxPackages } from '../../src/machine/inbox.js';

describe('inbox machine', () => {
  const devices = inboxDevices();
  const classes = inboxClasses();
  const packages = inboxPackages();

  it('has unique instance IDs, class names and GUIDs in registry form', () => {
    expect(new Set(devices.map((d) => d.instanceId.toUpperCase())).size).toBe(devices.length);
    expect(new Set(classes.map((c) => c.name.toLowerCase())).size).toBe(classes.length);
    for (const c of classes) expect(c.guid).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/);
    for (const name of [
      'System',
      'Display',
      'Net',
      'HIDClass',
      'Keyboard',
      'Mouse',
      'USB',
      'DiskDrive',
      'Volume',
      'Processor',
      'Computer',
      'SoftwareDevice',
      'Sample',
      'Unknown',
    ]) {
      expect(
        classes.some((c) => c.name === name),
        name,
      ).toBe(true);
    }
  });

  it('every device names a known class, an existing parent and an inbox package', () => {
    const ids = new Set(devices.map((d) => d.instanceId));
    for (const d of devices) {
      const cls = classes.find((c) => c.guid === d.classGuid);
      expect(cls?.name, d.instanceId).toBe(d.className);
      expect(d.parent === 'HTREE\\ROOT\\0' || ids.has(d.parent!), `${d.instanceId} parent ${d.parent}`).toBe(true);
      if (d.driver)
        expect(
          packages.some((p) => p.publishedName === d.driver!.publishedName),
          d.instanceId,
        ).toBe(true);
      expect(d.rootEnumerated).toBe(d.instanceId.startsWith('ROOT\\'));
    }
  });

  it('includes the corner cases devcon is tested with', () => {
    const beep = devices.find((d) => d.instanceId === 'ROOT\\LEGACY_BEEP\\0000')!;
    expect(beep.hardwareIds.length + beep.compatibleIds.length).toBe(0);
    expect(devices.some((d) => !d.present)).toBe(true);
    expect(devices.some((d) => d.compatibleIds.includes('ACPI\\PNP0A03'))).toBe(true);
    expect(devices.some((d) => d.hardwareIds.some((h) => h.startsWith('PCI\\VEN_8086&DEV_')))).toBe(true);
    expect(devices.some((d) => d.instanceId.length > 60)).toBe(true);
    expect(packages.every((p) => p.inbox && !/^oem\d+\.inf$/i.test(p.publishedName))).toBe(true);
  });
});

// Device selection (wdk-tools.md §5.3) over a small hand-made machine.
import { describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../../src/machine/model.js';
import { parseIdPattern, selectDevices, wildcardMatch } from '../../src/pnp/select.js';
import type { MachineView } from '../../src/pnp/view.js';

function dev(instanceId: string, hw: string[], compat: string[] = [], extra: Partial<DeviceRecord> = {}): DeviceRecord {
  return {
    instanceId,
    hardwareIds: hw,
    compatibleIds: compat,
    classGuid: '{4d36e97d-e325-11ce-bfc1-08002be10318}',
    className: 'System',
    description: instanceId,
    present: true,
    rootEnumerated: instanceId.startsWith('ROOT\\'),
    disabled: false,
    problem: 0,
    ...extra,
  };
}

const NET = '{4d36e972-e325-11ce-bfc1-08002be10318}';
const view: MachineView = {
  devices: [
    dev('ROOT\\LEGACY_BEEP\\0000', []),
    dev('PCI\\VEN_8086&DEV_15BC\\3&1&0&FE', ['PCI\\VEN_8086&DEV_15BC&SUBSYS_1', 'PCI\\VEN_8086&DEV_15BC'], ['PCI\\CC_020000'], { classGuid: NET, className: 'Net' }),
    dev('ACPI\\PNP0501\\1', ['ACPI\\PNP0501', '*PNP0501']),
    dev('USB\\VID_0781&PID_5581\\4C53', ['USB\\VID_0781&PID_5581'], [], { present: false }),
    dev('ROOT\\SAMPLE\\0000', ['Root\\KmdfHelloWorld'], [], { classGuid: '{78a1c341-4539-11d3-b88d-00c04fad5171}', className: 'Sample' }),
  ],
  classes: [
    { guid: '{4d36e97d-e325-11ce-bfc1-08002be10318}', name: 'System', description: 'System devices' },
    { guid: NET, name: 'Net', description: 'Network adapters' },
    { guid: '{78a1c341-4539-11d3-b88d-00c04fad5171}', name: 'Sample', description: 'Sample Device' },
  ],
  packages: [],
  services: [],
  windowsDir: 'C:\\Windows',
};

const ids = (args: string[], includePhantoms = false) => {
  const s = selectDevices(view, args, { includePhantoms });
  return s.kind === 'usage' ? 'usage' : s.devices.map((d) => d.instanceId);
};

describe('wildcardMatch', () => {
  const m = (item: string, pattern: string) => wildcardMatch(item, parseIdPattern(pattern));
  it('is anchored at both ends and case-insensitive', () => {
    expect(m('ACPI\\PNP0501', 'acpi\\pnp0501')).toBe(true);
    expect(m('ACPI\\PNP0501', 'ACPI\\PNP050')).toBe(false);
    expect(m('ACPI\\PNP0501', 'ACPI*')).toBe(true);
    expect(m('ACPI\\PNP0501', '*0501')).toBe(true);
    expect(m('ACPI\\PNP0501', '*050')).toBe(false);
    expect(m('ACPI\\PNP0501', '*PNP*')).toBe(true);
    expect(m('ACPI\\PNP0501', 'A*P*1')).toBe(true);
    expect(m('AB', 'AB*AB')).toBe(false);
    expect(m('ABAB', 'AB*AB')).toBe(true);
  });
  it("treats ' as a literal prefix and ? as an ordinary character", () => {
    expect(m('*PNP0501', "'*PNP0501")).toBe(true);
    expect(m('XPNP0501', "'*PNP0501")).toBe(false);
    expect(m('ACPI\\PNP0501', 'ACPI\\PNP050?')).toBe(false);
  });
});

describe('selectDevices', () => {
  it('needs at least one argument', () => {
    expect(ids([])).toBe('usage');
  });
  it('a leading * selects every present device, one without IDs included', () => {
    expect(ids(['*'])).toContain('ROOT\\LEGACY_BEEP\\0000');
    expect(ids(['*'])).not.toContain('USB\\VID_0781&PID_5581\\4C53');
    expect(ids(['*'], true)).toContain('USB\\VID_0781&PID_5581\\4C53');
  });
  it('a * after another id is a pattern: devices without IDs do not match it', () => {
    const found = ids(['foo', '*']);
    expect(found).not.toContain('ROOT\\LEGACY_BEEP\\0000');
    expect(found).toContain('ACPI\\PNP0501\\1');
  });
  it('matches hardware and compatible IDs, ORs the ids and visits in instance-ID order', () => {
    expect(ids(['PCI\\CC_020000'])).toEqual(['PCI\\VEN_8086&DEV_15BC\\3&1&0&FE']);
    expect(ids(['root\\kmdfhelloworld', '*PNP0501'])).toEqual(['ACPI\\PNP0501\\1', 'ROOT\\SAMPLE\\0000']);
  });
  it('=class filters first; an unknown class matches nothing; = alone is an id', () => {
    expect(ids(['=net'])).toEqual(['PCI\\VEN_8086&DEV_15BC\\3&1&0&FE']);
    expect(ids(['=Sample', '*'])).toEqual(['ROOT\\SAMPLE\\0000']);
    expect(ids(['=System', 'PCI*'])).toEqual([]);
    expect(ids(['=NoSuchClass'])).toEqual([]);
    expect(ids(['='])).toEqual([]);
  });
  it('@ matches instance IDs; a plain @id opens a device that is not present', () => {
    expect(ids(['@ROOT\\*'])).toEqual(['ROOT\\LEGACY_BEEP\\0000', 'ROOT\\SAMPLE\\0000']);
    expect(ids(['@USB\\VID_0781&PID_5581\\4C53'])).toEqual(['USB\\VID_0781&PID_5581\\4C53']);
    expect(ids(['@usb\\*'])).toEqual([]);
    expect(ids(['@usb\\*'], true)).toEqual(['USB\\VID_0781&PID_5581\\4C53']);
    expect(ids(["@'ROOT\\SAMPLE\\0000"])).toEqual(['ROOT\\SAMPLE\\0000']);
  });
  it("' makes * literal", () => {
    expect(ids(["'*PNP0501"])).toEqual(['ACPI\\PNP0501\\1']);
    expect(ids(["'*PNP05*"])).toEqual([]);
  });
});

describe('wildcardMatch against a regular-expression oracle', () => {
  it('agrees on random IDs and patterns', async () => {
    const fc = await import('fast-check');
    const alphabet = fc.constantFrom('A', 'b', '\\', '&', '_', '0', '*');
    const text = fc.array(alphabet, { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        text.map((t) => t.replace(/\*/g, '')),
        text,
        (item, pattern) => {
          const oracle = new RegExp(
            `^${pattern
              .split('*')
              .map((p) => p.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))
              .join('.*')}$`,
            'i',
          );
          expect(wildcardMatch(item, parseIdPattern(pattern))).toBe(oracle.test(item));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

// devcon's output primitives: the 60-column device line and the status lines.
import { describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../../src/machine/model.js';
import { deviceLine, dumpDevice, dumpStatus, findTail } from '../../src/devcon/format.js';

const base: DeviceRecord = {
  instanceId: 'ROOT\\SAMPLE\\0000',
  hardwareIds: ['Root\\X'],
  compatibleIds: [],
  classGuid: '{78a1c341-4539-11d3-b88d-00c04fad5171}',
  className: 'Sample',
  description: 'X Device',
  present: true,
  rootEnumerated: true,
  disabled: false,
  problem: 0,
};

describe('devcon output primitives', () => {
  it('pads instance IDs to 60 columns and never cuts longer ones', () => {
    expect(deviceLine('ROOT\\SAMPLE\\0000', 'X')).toBe(`ROOT\\SAMPLE\\0000${' '.repeat(44)}: X\n`);
    const long = 'A'.repeat(70);
    expect(deviceLine(long, 'X')).toBe(`${long}: X\n`);
    expect(deviceLine(long)).toBe(`${long}\n`);
  });
  it('uses the friendly name, else the description, else the bare ID', () => {
    expect(dumpDevice({ ...base, friendlyName: 'Friendly' })).toContain(': Friendly\n');
    expect(dumpDevice(base)).toContain(': X Device\n');
    expect(dumpDevice({ ...base, description: '' })).toBe('ROOT\\SAMPLE\\0000\n');
  });
  it('status lines: running, disabled, problem (two digits), not present', () => {
    expect(dumpStatus(base)).toBe('    Driver is running.\n');
    expect(dumpStatus({ ...base, disabled: true, problem: 22 })).toBe('    Device is disabled.\n');
    expect(dumpStatus({ ...base, problem: 1 })).toBe('    The device has the following problem: 01\n');
    expect(dumpStatus({ ...base, problem: 52 })).toBe('    The device has the following problem: 52\n');
    expect(dumpStatus({ ...base, present: false })).toBe('    Device is not present.\n');
  });
  it('find tails, local and remote', () => {
    expect(findTail(0)).toBe('No matching devices found.\n');
    expect(findTail(3)).toBe('3 matching device(s) found.\n');
    expect(findTail(1, '\\\\LAB')).toBe('1 matching device(s) found on \\\\LAB.\n');
  });
});

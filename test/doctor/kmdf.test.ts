// The KMDF version each Windows release ships (Microsoft's KMDF version history).
import { describe, expect, it } from 'vitest';
import { inboxKmdfMinor } from '../../src/doctor/kmdf.js';
import { findOsId } from '../../src/package/os-ids.js';

describe('inboxKmdfMinor', () => {
  it.each([
    ['7_X64', 9],
    ['8_X64', 11],
    ['6_3_X64', 13],
    ['10_X64', 15],
    ['10_AU_X64', 19],
    ['10_RS2_X64', 21],
    ['10_RS3_X64', 23],
    ['10_RS4_X64', 25],
    ['10_RS5_X64', 27],
    ['10_19H1_X64', 29],
    ['10_VB_X64', 31],
    ['10_CO_X64', 33],
  ])('%s ships KMDF 1.%i', (id, minor) => {
    const os = findOsId(id);
    expect(os, id).toBeDefined();
    expect(inboxKmdfMinor(os!)).toBe(minor);
  });

  it('1511 (no Inf2Cat id) ships 1.17', () => {
    expect(inboxKmdfMinor({ major: 10, minor: 0, build: 10586 })).toBe(17);
  });

  it('nothing before Vista', () => {
    expect(inboxKmdfMinor({ major: 5, minor: 1, build: 2600 })).toBeUndefined();
  });
});

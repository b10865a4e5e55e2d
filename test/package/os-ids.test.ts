import { describe, expect, it } from 'vitest';
import { findOsId, OS_IDS, osAttrFor, parseOsList, resolveOsIds, supportsSha256Catalogs } from '../../src/package/os-ids.js';

// wdk-tools.md §3.2, every id (the canonical spelling of the docs / v3.3 binary table).
const EXPECTED_IDS = `2000 XP_X86 XP_X64 Server2003_X86 Server2003_X64 Server2003_IA64 Vista_X86 Vista_X64
Server2008_X86 Server2008_X64 Server2008_IA64 7_X86 7_X64 Server2008R2_X64 Server2008R2_IA64
8_X86 8_X64 8_ARM Server8_X64 6_3_X86 6_3_X64 6_3_ARM Server6_3_X64 10_X86 10_X64 Server10_X64
Server10_ARM64 10_AU_X86 10_AU_X64 Server2016_X64 10_RS2_X86 10_RS2_X64 10_RS3_X86 10_RS3_X64
10_RS3_ARM64 10_RS4_X86 10_RS4_X64 10_RS4_ARM64 10_RS5_X86 10_RS5_X64 10_RS5_ARM64 ServerRS5_X64
ServerRS5_ARM64 10_19H1_X86 10_19H1_X64 10_19H1_ARM64 10_VB_X86 10_VB_X64 10_VB_ARM64 10_CO_X64
10_CO_ARM64 ServerFE_X64 ServerFE_ARM64 10_NI_X64 10_NI_ARM64 10_GE_X64 10_GE_ARM64 Server2025_X64
Server2025_ARM64 10_25H2_X64 10_25H2_ARM64`.split(/\s+/);

describe('/os identifier table', () => {
  it('holds exactly the ids of the reference, each once', () => {
    expect(OS_IDS.map((os) => os.id)).toEqual(EXPECTED_IDS);
    expect(new Set(OS_IDS.map((os) => os.id.toLowerCase())).size).toBe(OS_IDS.length);
  });

  it('derives the architecture from the suffix (2000 is x86)', () => {
    for (const os of OS_IDS) {
      const suffix = /_(X86|X64|ARM64|ARM|IA64)$/.exec(os.id)?.[1] ?? 'X86';
      const arch = { X86: 'x86', X64: 'amd64', ARM64: 'arm64', ARM: 'arm', IA64: 'ia64' }[suffix];
      expect(os.arch, os.id).toBe(arch);
    }
  });

  it.each([
    ['2000', 5, 0, '2:5.00'],
    ['XP_X86', 5, 1, '2:5.1'],
    ['XP_X64', 5, 2, '2:5.1,2:5.2'],
    ['Vista_X64', 6, 0, '2:6.0'],
    ['7_X64', 6, 1, '2:6.1'],
    ['8_ARM', 6, 2, '2:6.2'],
    ['Server6_3_X64', 6, 3, '2:6.3'],
    ['10_GE_ARM64', 10, 0, '2:10.0'],
    // XP_X64 carries both XP tokens, as a real Inf2Cat catalog for /os:XP_X64,10_X64 shows (docs/catalogs.md).
  ])('%s is NT %i.%i with OSAttr %s', (id, major, minor, osAttr) => {
    const os = findOsId(id)!;
    expect([os.major, os.minor, os.osAttr]).toEqual([major, minor, osAttr]);
  });

  it.each([
    ['10_X64', 10240],
    ['10_AU_X64', 14393],
    ['Server2016_X64', 14393],
    ['10_RS3_ARM64', 16299],
    ['10_RS5_X64', 17763],
    ['10_19H1_X86', 18362],
    ['10_VB_X64', 19041],
    ['ServerFE_X64', 20348],
    ['10_CO_X64', 22000],
    ['10_NI_X64', 22621],
    ['10_GE_X64', 26100],
    ['Server2025_ARM64', 26100],
    ['10_25H2_X64', 26200],
  ])('%s implies build %i', (id, build) => {
    expect(findOsId(id)!.build).toBe(build);
  });

  it('marks server ids with product type 3', () => {
    expect(findOsId('ServerRS5_X64')!.productType).toBe(3);
    expect(findOsId('10_RS5_X64')!.productType).toBe(1);
  });
});

describe('parseOsList', () => {
  it('matches ids case-insensitively and keeps the order', () => {
    const result = parseOsList('10_x64,server2016_X64,7_x86');
    expect(result.ok && result.oses.map((os) => os.id)).toEqual(['10_X64', 'Server2016_X64', '7_X86']);
  });

  it('reports an empty list as missing', () => {
    expect(parseOsList('')).toMatchObject({ ok: false, reason: 'missing' });
  });

  it.each(['7_64', 'Server2008R2_X86', 'Sever2008_IA64', 'SERVER_6_3_X64', '10_ARM64', '10_CO_X86', '11_X64', '10_X64,', '10_X64,10_x64'])('rejects %s as invalid', (list) => {
    expect(parseOsList(list)).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('catalog version inputs', () => {
  it('knows SHA-256 catalogs start with Windows 8 / Server 2012', () => {
    expect(supportsSha256Catalogs(findOsId('7_X64')!)).toBe(false);
    expect(supportsSha256Catalogs(findOsId('Server2008R2_X64')!)).toBe(false);
    expect(supportsSha256Catalogs(findOsId('8_X86')!)).toBe(true);
    expect(supportsSha256Catalogs(findOsId('10_X64')!)).toBe(true);
  });

  it('writes one OSAttr token per distinct version, oldest first', () => {
    const oses = ['10_X64', '7_X86', '10_VB_X64', 'XP_X86'].map((id) => findOsId(id)!);
    expect(osAttrFor(oses)).toBe('2:5.1,2:6.1,2:10.0');
  });
});

describe('osAttrFor', () => {
  it('XP x86 + XP x64 + 10 x64: one token per version, oldest first', () => {
    expect(osAttrFor(resolveOsIds(['10_X64', 'XP_X64']))).toBe('2:5.1,2:5.2,2:10.0');
    expect(osAttrFor(resolveOsIds(['XP_X86', '10_X86']))).toBe('2:5.1,2:10.0');
    expect(osAttrFor(resolveOsIds(['2000', '7_X86']))).toBe('2:5.00,2:6.1');
  });
});

// Small pieces of the target engine: the jail's name checks, KDNET keys,
// ranking (inf-format.md §3.3 worked example), registry text formats.
import { describe, expect, it } from 'vitest';
import { componentProblem, splitRelative, windowsPathToComponents } from '../../src/machine/paths.js';
import { kdnetKeyProblem, generateKdnetKey } from '../../src/machine/kdnet.js';
import { findCandidates, formatRank } from '../../src/machine/match.js';
import { parseInf } from '../../src/inf/parse.js';
import { Registry } from '../../src/machine/registry.js';
import { regExportText, regQuery } from '../../src/machine/reg-format.js';
import { nextPublishedName } from '../../src/machine/stage.js';
import type { OsState } from '../../src/machine/schema.js';

const OS: OsState = {
  id: 'win11-23h2',
  name: 'Windows 11, version 23H2',
  major: 10,
  minor: 0,
  build: 22631,
  productType: 1,
  suiteMask: 0x100,
  kmdf: '1.33',
  umdf: '2.33',
  arch: 'amd64',
};

describe('jail name checks', () => {
  it.each(['..', 'CON', 'con.sys', 'Nul', 'COM1.txt', 'lpt9', 'a:b', 'x?.sys', 'name.', 'name ', 'a\0b', 'tab\there'])('refuses %j', (name) => {
    expect(componentProblem(name)).toBeDefined();
  });
  it.each(['KmdfHelloWorld.sys', 'console.sys', 'com10', 'a b.txt', '.hidden'])('accepts %j', (name) => {
    expect(componentProblem(name)).toBeUndefined();
  });
  it('splits relative paths and refuses absolute ones', () => {
    expect(splitRelative('a\\b/./c.sys', 'p')).toEqual(['a', 'b', 'c.sys']);
    expect(() => splitRelative('/etc/passwd', 'p')).toThrow(/absolute path/);
    expect(() => splitRelative('D:\\x', 'p')).toThrow(/absolute path/);
    expect(() => splitRelative('\\\\server\\share', 'p')).toThrow(/absolute path/);
    expect(windowsPathToComponents('C:\\Windows\\System32\\drivers\\x.sys', 'p')).toEqual(['Windows', 'System32', 'drivers', 'x.sys']);
    expect(() => windowsPathToComponents('D:\\Windows\\x.sys', 'p')).toThrow(/system drive C:/);
  });
});

describe('KDNET keys', () => {
  it('accepts one to four base-36 parts of at most 13 characters', () => {
    for (const k of ['1.2.3.4', 'abc', '2steg4fzbj2sz.23418vzkd4ko3.1g34ou07z4pev.1sp3yo9yz874p']) expect(kdnetKeyProblem(k)).toBeUndefined();
    for (const k of ['', '1..2', '1.2.3.4.5', 'a-b', '12345678901234']) expect(kdnetKeyProblem(k)).toBeDefined();
    expect(kdnetKeyProblem(generateKdnetKey())).toBeUndefined();
  });
});

describe('ranking', () => {
  const inf = parseInf(
    `[Version]\nSignature="$Windows NT$"\n[Manufacturer]\nM=Models,NTamd64\n[Models.NTamd64]\nD=Inst,INF_HwID_1,INF_CID_1,INF_CID_2\nF=Feat,INF_HwID_1\n[Inst.NT]\n[Feat.NTamd64]\nFeatureScore=0x80\n`,
  );
  it('follows the identifier score of the worked example', () => {
    const rank = (hw: string[], compat: string[]) =>
      findCandidates(inf, OS, { hardwareIds: hw, compatibleIds: compat }, true).map((c) => `${c.installSection} ${formatRank(c.rank)}`);
    expect(rank(['HwID_1', 'HwID_2'], ['CID_1', 'INF_CID_2'])).toEqual(['Inst.NT 00FF3101']);
    expect(rank(['HwID_1', 'INF_HwID_1'], ['CID_1', 'CID_2'])).toEqual(['Inst.NT 00FF0001', 'Feat.NTamd64 00800001']);
    expect(rank(['INF_CID_1'], [])).toEqual(['Inst.NT 00FF1000']);
    expect(rank([], ['x', 'inf_hwid_1'])).toEqual(['Inst.NT 00FF2001', 'Feat.NTamd64 00802001']);
  });
  it('unsigned candidates rank by their DDInstall decoration', () => {
    const [c] = findCandidates(inf, OS, { hardwareIds: ['INF_HwID_1'], compatibleIds: [] }, false);
    expect(formatRank(c!.rank)).toBe('80FF0000');
  });
});

describe('published names', () => {
  it('takes the lowest free oemN.inf', () => {
    const p = (n: string) => ({ publishedName: n }) as never;
    expect(nextPublishedName([])).toBe('oem0.inf');
    expect(nextPublishedName([p('oem0.inf'), p('OEM2.INF'), p('machine.inf')])).toBe('oem1.inf');
  });
});

describe('registry text', () => {
  const data = {};
  const reg = new Registry(data);
  reg.setValue('HKLM\\SYSTEM\\Svc', 'ImagePath', { type: 'REG_EXPAND_SZ', data: '\\SystemRoot\\System32\\drivers\\averyveryverylongdrivername.sys' });
  reg.setValue('hklm\\system\\SVC', 'Multi', { type: 'REG_MULTI_SZ', data: ['a', 'b'] });
  reg.setValue('HKLM\\SYSTEM\\Svc', '', { type: 'REG_SZ', data: 'quote " and \\' });
  reg.setValue('HKLM\\SYSTEM\\Svc\\Sub', 'N', { type: 'REG_DWORD', data: 255 });
  it('matches keys and values without regard to case', () => {
    expect(reg.getValue('HKEY_LOCAL_MACHINE\\system\\svc', 'imagepath')?.type).toBe('REG_EXPAND_SZ');
    expect(Object.keys(data)).toEqual(['HKEY_LOCAL_MACHINE', 'HKEY_LOCAL_MACHINE\\SYSTEM', 'HKEY_LOCAL_MACHINE\\SYSTEM\\Svc', 'HKEY_LOCAL_MACHINE\\SYSTEM\\Svc\\Sub']);
  });
  it('exports as regedit does', () => {
    const text = regExportText(reg, 'HKLM\\SYSTEM\\Svc');
    expect(text).toBe(
      [
        'Windows Registry Editor Version 5.00',
        '',
        '[HKEY_LOCAL_MACHINE\\SYSTEM\\Svc]',
        '@="quote \\" and \\\\"',
        '"ImagePath"=hex(2):5c,00,53,00,79,00,73,00,74,00,65,00,6d,00,52,00,6f,00,6f,00,\\',
        '  74,00,5c,00,53,00,79,00,73,00,74,00,65,00,6d,00,33,00,32,00,5c,00,64,00,72,\\',
        '  00,69,00,76,00,65,00,72,00,73,00,5c,00,61,00,76,00,65,00,72,00,79,00,76,00,\\',
        '  65,00,72,00,79,00,76,00,65,00,72,00,79,00,6c,00,6f,00,6e,00,67,00,64,00,72,\\',
        '  00,69,00,76,00,65,00,72,00,6e,00,61,00,6d,00,65,00,2e,00,73,00,79,00,73,00,\\',
        '  00,00',
        '"Multi"=hex(7):61,00,00,00,62,00,00,00,00,00',
        '',
        '[HKEY_LOCAL_MACHINE\\SYSTEM\\Svc\\Sub]',
        '"N"=dword:000000ff',
        '',
        '',
      ].join('\r\n'),
    );
  });
  it('queries as reg.exe does', () => {
    expect(regQuery(reg, 'HKLM\\SYSTEM\\Svc', false)).toBe(
      '\nHKEY_LOCAL_MACHINE\\SYSTEM\\Svc\n    (Default)    REG_SZ    quote " and \\\n    ImagePath    REG_EXPAND_SZ    \\SystemRoot\\System32\\drivers\\averyveryverylongdrivername.sys\n    Multi    REG_MULTI_SZ    a\\0b\n\nHKEY_LOCAL_MACHINE\\SYSTEM\\Svc\\Sub\n',
    );
  });
});

describe('a fresh target', () => {
  it('trusts the Microsoft roots that WHQL and attestation signatures chain to', async () => {
    const { newTarget } = await import('./helpers.js');
    const { target } = await newTarget();
    const state = await target.read();
    // 2010, 2011, then the roots of older WHQL catalogs: 2001 (FTDI's 2016 CDM catalogs chain to it) and 1997.
    expect(state.certificates.Root.map((c) => c.thumbprint)).toEqual([
      '3B1EFD3A66EA28B16697394703A72CA340A05BD5',
      '8F43288AD272F3103B6FB1428485EA3014C0BCFE',
      'CDD4EEAE6000AC7F40C3802C171E30148030C072',
      'A43489159A520F0D93D032CCAF37E7FE20A8B419',
    ]);
    expect(state.certificates.TrustedPublisher).toEqual([]);
  });
});

describe('OS ids', () => {
  it('name real releases by id, alias, build or version', async () => {
    const { findOs } = await import('../../src/machine/os.js');
    expect(findOs('win10-22h2')?.build).toBe(19045);
    expect(findOs('WIN11-23H2')?.build).toBe(22631);
    expect(findOs('win11')?.build).toBe(26100);
    expect(findOs('20348')?.id).toBe('server2022');
    expect(findOs('10.0.22631')?.id).toBe('win11-23h2');
    expect(findOs('26100')?.id).toBe('win11-24h2');
    expect(findOs('win95')).toBeUndefined();
  });
});

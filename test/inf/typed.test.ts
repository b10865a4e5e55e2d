// DriverVer, TargetOSVersion decorations and Models selection, DDInstall
// suffix selection, device IDs.
import { describe, expect, it } from 'vitest';
import { parseInf } from '../../src/inf/parse.js';
import { compareDriverVer, formatDriverVer, parseDriverVer } from '../../src/inf/driverver.js';
import { decorationApplies, parseDecoration, selectModelsSections, type TargetOs } from '../../src/inf/decorations.js';
import { resolveInstallSection } from '../../src/inf/ddinstall.js';
import { checkDeviceId, readModelsEntry } from '../../src/inf/hwid.js';
import { catalogFileKeys, parseArch } from '../../src/inf/arch.js';

const inf = (body: string) => parseInf(Buffer.from(`[Version]\nSignature="$Windows NT$"\n${body}`, 'latin1'));

describe('DriverVer', () => {
  it.each([
    ['07/20/1999, 1.0.0.0', '07/20/1999,1.0.0.0'],
    ['11-25-2026,7.5.9.123', '11/25/2026,7.5.9.123'],
    ['01/02/2026', '01/02/2026,0.0.0.0'],
    ['01/02/2026,1.2', '01/02/2026,1.2.0.0'],
  ])('%j reads as %j', (text, expected) => {
    const r = parseDriverVer(text);
    expect(r.ok && formatDriverVer(r.value)).toBe(expected);
  });
  it.each([
    ['', 'missing'],
    ['1/2/2026,1.0.0.0', 'date'],
    ['25.11.2026,1.0.0.0', 'date'],
    ['11/25/26,1.0.0.0', 'date'],
    ['02/30/2026,1.0.0.0', 'date'],
    ['13/45/2026,1.0.0.0', 'date'],
    ['01/02/2026,1.2.3.65536', 'version'],
    ['01/02/2026,1.2.3.4.5', 'version'],
    ['01/02/2026,a.b', 'version'],
  ])('%j is rejected (%s)', (text, error) => {
    const r = parseDriverVer(text);
    expect(r.ok ? 'ok' : r.error).toBe(error);
  });
  it('compares date first, then version', () => {
    const v = (t: string) => {
      const r = parseDriverVer(t);
      if (!r.ok) throw new Error(t);
      return r.value;
    };
    expect(compareDriverVer(v('01/02/2026,9.9.9.9'), v('01/03/2026,1.0.0.0'))).toBe(-1);
    expect(compareDriverVer(v('01/02/2026,1.0.0.10'), v('01/02/2026,1.0.0.9'))).toBe(1);
    expect(compareDriverVer(v('01/02/2026,1.0.0.0'), v('01-02-2026,1.0'))).toBe(0);
  });
});

describe('TargetOSVersion decorations', () => {
  const win11: TargetOs = { arch: 'amd64', major: 10, minor: 0, build: 22631, productType: 1 };
  const win10: TargetOs = { arch: 'amd64', major: 10, minor: 0, build: 19045, productType: 1 };
  it('parses every field, empty ones kept empty', () => {
    expect(parseDecoration('NTamd64.10.0...16299')).toEqual({ ok: true, value: { text: 'NTamd64.10.0...16299', arch: 'amd64', major: 10, minor: 0, build: 16299 } });
    expect(parseDecoration('NTx86....0x80')).toEqual({ ok: true, value: { text: 'NTx86....0x80', arch: 'x86', suiteMask: 0x80 } });
    expect(parseDecoration('NT$ARCH$.10.0...16299').ok).toBe(false);
    expect(parseDecoration('Foo').ok).toBe(false);
  });
  it('applies by arch, version, build, product type', () => {
    const dec = (t: string) => {
      const r = parseDecoration(t);
      if (!r.ok) throw new Error(t);
      return r.value;
    };
    expect(decorationApplies(dec('NTamd64.10.0...22000'), win11)).toBe(true);
    expect(decorationApplies(dec('NTamd64.10.0...22000'), win10)).toBe(false);
    expect(decorationApplies(dec('NTamd64.6.1'), win10)).toBe(true);
    expect(decorationApplies(dec('NTarm64'), win10)).toBe(false);
    expect(decorationApplies(dec('NT.6.0'), win10)).toBe(false); // no arch = x86 only
    expect(decorationApplies(dec('NTamd64.10.0.3'), win10)).toBe(false); // server only
  });
  it('picks the highest applicable decoration per Manufacturer line (§2.2 example 6)', () => {
    const doc = inf('[Manufacturer]\n%M%=A,NTamd64.10.0...17134,NTamd64.10.0...22000\n%M%=B,NTamd64.10.0...22000\n[Strings]\nM=x\n');
    expect(selectModelsSections(doc, win10).map((c) => c.section)).toEqual(['A.NTamd64.10.0...17134', undefined]);
    expect(selectModelsSections(doc, win11).map((c) => c.section)).toEqual(['A.NTamd64.10.0...22000', 'B.NTamd64.10.0...22000']);
    expect(selectModelsSections(doc, { ...win10, arch: 'x86' }).map((c) => c.section)).toEqual(['A', 'B']);
  });
});

describe('DDInstall selection', () => {
  it('prefers X.NT<arch>, then X.NT, then X; an empty section still wins', () => {
    const doc = inf('[X.NTamd64]\n[X.NT]\nCopyFiles=a\n[X]\n[Y]\nAddReg=r\n');
    expect(resolveInstallSection(doc, 'X', 'amd64').name).toBe('X.NTamd64');
    expect(resolveInstallSection(doc, 'X', 'arm64').name).toBe('X.NT');
    expect(resolveInstallSection(doc, 'Y', 'amd64')).toMatchObject({ name: 'Y', form: 'plain' });
    expect(resolveInstallSection(doc, 'Z', 'amd64').name).toBeUndefined();
  });
});

describe('device IDs and architectures', () => {
  it.each([
    ['Root\\KmdfHelloWorld', undefined],
    ['PCI\\VEN_8086&DEV_1237', undefined],
    ['', 'empty'],
    ['USB\\VID 1', 'bad-character'],
    ['A,B', 'bad-character'],
    ['X'.repeat(200), 'too-long'],
    ['ÄB', 'bad-character'],
  ])('%j → %s', (id, problem) => expect(checkDeviceId(id)).toBe(problem));
  it('splits a Models line', () => {
    expect(readModelsEntry('Echo Device', ['Echo_Device', 'root\\ECHO', '', '*PNP0001'])).toEqual({
      description: 'Echo Device',
      installSection: 'Echo_Device',
      hardwareId: 'root\\ECHO',
      compatibleIds: ['*PNP0001'],
    });
  });
  it('knows the architecture names', () => {
    expect(['x64', 'AMD64', 'Win32', 'arm64', 'mips'].map(parseArch)).toEqual(['amd64', 'amd64', 'x86', 'arm64', undefined]);
    expect(catalogFileKeys('amd64')).toEqual(['CatalogFile.ntamd64', 'CatalogFile.nt', 'CatalogFile']);
  });
});

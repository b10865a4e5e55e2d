// Units of the install engine's package kinds: FeatureScore as a hex byte, the
// primitive/legacy split of DefaultInstall INFs and the decorated section
// chosen for a build, the modelled system INFs and inbox services, host paths
// kept out of the log.
import { describe, expect, it } from 'vitest';
import { parseInf } from '../../src/inf/parse.js';
import { featureScore } from '../../src/machine/match.js';
import { defaultInstallKind, resolveDecoratedSection } from '../../src/machine/default-install.js';
import { inboxInf, MODELLED_INBOX_INFS } from '../../src/machine/inbox-infs.js';
import { INBOX_SERVICES, inboxService, serviceInstalled } from '../../src/machine/inbox-services.js';
import { Registry } from '../../src/machine/registry.js';
import { indirectString } from '../../src/machine/sections.js';

const os = (build: number) => ({ arch: 'amd64' as const, major: 10, minor: 0, build, productType: 1, suiteMask: 0x100 });
const inf = (...lines: string[]) => parseInf(['[Version]', 'Signature="$Windows NT$"', ...lines, ''].join('\r\n'), { file: 't.inf' });

describe('FeatureScore', () => {
  it('is a hexadecimal byte with or without 0x; absent or unreadable is 0xFF', () => {
    expect(featureScore('F9')).toBe(0xf9);
    expect(featureScore('0x80')).toBe(0x80);
    expect(featureScore('80')).toBe(0x80);
    expect(featureScore(undefined)).toBe(0xff);
    expect(featureScore('1FF')).toBe(0xff);
  });
});

describe('DefaultInstall kinds', () => {
  it('primitive: no Manufacturer, only an arch-decorated DefaultInstall, DefaultUninstall only with LegacyUninstall=1', () => {
    expect(defaultInstallKind(inf('[DefaultInstall.NTamd64]', 'CopyFiles=@a.sys'), os(22631))).toBe('primitive');
    expect(defaultInstallKind(inf('[DefaultInstall.NTamd64]', '[DefaultUninstall.NTamd64]', 'LegacyUninstall=1'), os(22631))).toBe('primitive');
  });
  it('legacy: undecorated DefaultInstall, a Manufacturer, or DefaultUninstall without LegacyUninstall', () => {
    expect(defaultInstallKind(inf('[DefaultInstall]', 'CopyFiles=@a.sys'), os(22631))).toBe('legacy');
    expect(defaultInstallKind(inf('[DefaultInstall.NTamd64]', '[Manufacturer]', 'x=y,NTamd64'), os(22631))).toBe('legacy');
    expect(defaultInstallKind(inf('[DefaultInstall.NTamd64]', '[DefaultUninstall.NTamd64]', 'DelFiles=x'), os(22631))).toBe('legacy');
    expect(defaultInstallKind(inf('[DefaultInstall.NTx86]'), os(22631))).toBe('none');
  });
  it('the highest applicable TargetOSVersion decoration wins, else .NT<arch>, .NT, plain', () => {
    const doc = inf('[DefaultInstall.NTamd64.10.0...25952]', '[DefaultInstall.NTamd64]', '[DefaultInstall.NT]', '[DefaultInstall]', '[DefaultInstall.NTamd64.Services]');
    expect(resolveDecoratedSection(doc, 'DefaultInstall', os(26100))?.name).toBe('DefaultInstall.NTamd64.10.0...25952');
    expect(resolveDecoratedSection(doc, 'DefaultInstall', os(22631))?.name).toBe('DefaultInstall.NTamd64');
    expect(resolveDecoratedSection(inf('[X.NT]', '[X]'), 'X', os(22631))?.name).toBe('X.NT');
    expect(resolveDecoratedSection(inf('[X]'), 'X', os(22631))?.name).toBe('X');
    expect(resolveDecoratedSection(inf('[X.NTarm64]'), 'X', os(22631))).toBeUndefined();
  });
});

describe('modelled system INFs and inbox services', () => {
  it('every modelled INF parses, and every service its sections add is an inbox service', () => {
    expect(MODELLED_INBOX_INFS).toEqual(expect.arrayContaining(['mf.inf', 'wudfrd.inf', 'winusb.inf', 'machine.inf', 'netvwifimp.inf']));
    for (const name of MODELLED_INBOX_INFS) {
      const doc = inboxInf(name.toUpperCase())!;
      expect(doc, name).toBeDefined();
      for (const section of doc.sections) {
        for (const e of section.findAll('AddService')) {
          const svc = e.fields[0]!.trim();
          if (svc) expect(inboxService(svc), `${name} ${svc}`).toBeDefined();
        }
      }
    }
    expect(
      inboxInf('mf.inf')!
        .section('MFINSTALL.mf.Services')!
        .find('AddService')!
        .fields.map((f) => f.trim()),
    ).toEqual(['mf', '0x00000002', 'MF_Service_Inst']);
    expect(inboxInf('nosuch.inf')).toBeUndefined();
  });
  it('a service is installed when its key has a Type; inbox names count on targets made before the inbox services were written', () => {
    const empty = new Registry({});
    expect(serviceInstalled(empty, 'WUDFRd')).toBe(true);
    expect(serviceInstalled(empty, 'tailspinlf')).toBe(false);
    const reg = new Registry({});
    reg.setValue('HKLM\\SYSTEM\\CurrentControlSet\\Services\\ACPI', 'Type', { type: 'REG_DWORD', data: 1 });
    expect(serviceInstalled(reg, 'WUDFRd')).toBe(false);
    reg.setValue('HKLM\\SYSTEM\\CurrentControlSet\\Services\\wudfrd', 'Type', { type: 'REG_DWORD', data: 1 });
    expect(serviceInstalled(reg, 'WUDFRd')).toBe(true);
    expect(new Set(INBOX_SERVICES.map((s) => s.name.toLowerCase())).size).toBe(INBOX_SERVICES.length);
  });
});

describe('indirect strings', () => {
  it('a %strkey% value becomes @oemN.inf,%strkey%;text (key lower-cased); a literal stays', () => {
    expect(indirectString('%KmdfHelloWorld.DeviceDesc%', 'KmdfHelloWorld Device', 'oem3.inf')).toBe('@oem3.inf,%kmdfhelloworld.devicedesc%;KmdfHelloWorld Device');
    expect(indirectString('Plain text', 'Plain text', 'oem3.inf')).toBe('Plain text');
    expect(indirectString('%X%', 'x', undefined)).toBe('x');
  });
});

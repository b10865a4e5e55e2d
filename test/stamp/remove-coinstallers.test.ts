// stampinf -x (passed by the WDK's StampInf task on every build): the lines that name the
// framework co-installer by its version token are dropped. Evidence (no Microsoft page
// documents -x): Microsoft's own samples (network/modem/fakemodem/mdmfake.inx, KMDF) carry
// WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll in CopyFiles and SourceDisksFiles and pass
// Inf2Cat in Visual Studio with no co-installer in the package, while an INF naming a
// co-installer without the token fails Inf2Cat with 22.9.1 (nefarius/ViGEmBus issue 39).
import { describe, expect, it } from 'vitest';
import { stampInf } from '../../src/stamp/index.js';
import { fixedClock } from '../../src/time/clock.js';

const INX = [
  '[Version]',
  'Signature="$WINDOWS NT$"',
  'DriverVer=',
  '',
  '[SourceDisksFiles]',
  'fake.sys = 1',
  'WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll=99 ; co-installer',
  '',
  '[Fake.NT.CoInstallers]',
  'AddReg=Fake_CoInstaller_AddReg',
  'CopyFiles=Fake_CoInstaller_CopyFiles',
  '',
  '[Fake_CoInstaller_AddReg]',
  'HKR,,CoInstallers32,0x00010000, "WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll,WdfCoInstaller"',
  '',
  '[Fake_CoInstaller_CopyFiles]',
  'WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll',
  '',
  '[Fake_wdfsect]',
  'KmdfLibraryVersion = $KMDFVERSION$',
  '; $KMDFCOINSTALLERVERSION$ in a comment stays',
  '',
].join('\r\n');
const clock = fixedClock('2026-11-24T12:30:00Z', 'UTC');

describe('stampinf -x: co-installer lines', () => {
  it('drops every line naming $KMDFCOINSTALLERVERSION$ outside a comment, keeps the rest byte for byte', () => {
    const r = stampInf(Buffer.from(INX, 'latin1'), { date: '*', version: '1.0.0.0', arch: 'amd64', kmdf: '1.15', removeCoinstallers: true }, clock);
    expect(r.text).not.toMatch(/^[^;]*WdfCoInstaller/m);
    expect(r.text).toContain('[Fake_CoInstaller_CopyFiles]\r\n\r\n');
    expect(r.text).toContain('KmdfLibraryVersion = 1.15');
    expect(r.text).toContain('; $KMDFCOINSTALLERVERSION$ in a comment stays');
    expect(r.text).toContain('fake.sys = 1\r\n');
  });
  it('without -x the token is replaced (01015) and the lines stay', () => {
    const r = stampInf(Buffer.from(INX, 'latin1'), { date: '*', version: '1.0.0.0', arch: 'amd64', kmdf: '1.15' }, clock);
    expect(r.text).toContain('WdfCoInstaller01015.dll=99');
    expect(r.text).toContain('[Fake_CoInstaller_CopyFiles]\r\nWdfCoInstaller01015.dll\r\n');
  });
});

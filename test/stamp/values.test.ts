import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { frameworkVersion, futureDriverVerWarning, ntverpVersion, parseStampDate, parseStampVersion, resolveStamp, stampInf } from '../../src/stamp/index.js';
import { fixedClock } from '../../src/time/clock.js';

const utcNoon = fixedClock('2026-11-24T12:30:00Z', 'UTC');

describe('DriverVer date and version values', () => {
  it.each(['01/02/2026', '02/29/2024', '12/31/2026', '01-02-2026'])('accepts %s', (text) => {
    expect(parseStampDate(text, '-d').text).toBe(text);
  });

  it.each([
    ['13/45/2026', /month 13/],
    ['02/30/2026', /not a real calendar date.*February 2026 has 28 days/],
    ['02/29/2026', /February 2026 has 28 days/],
    ['04/31/2026', /April 2026 has 30 days/],
    ['00/10/2026', /month 00/],
    ['1/2/2026', /mm\/dd\/yyyy/],
    ['2026-01-02', /mm\/dd\/yyyy/],
    ['01/02/26', /mm\/dd\/yyyy/],
    ['01/02-2026', /mm\/dd\/yyyy/],
  ])('rejects %s', (text, message) => {
    expect(() => parseStampDate(text, '-d')).toThrow(UsageError);
    expect(() => parseStampDate(text, '-d')).toThrow(message);
  });

  it.each(['1.2.3.4', '0.0.0.0', '65534.65534.65534.65534', '10.0', '7'])('accepts version %s', (text) => {
    expect(parseStampVersion(text, '-v')).toBe(text);
  });

  it.each(['1.2.3.65535', '70000.0.0.0', '1.2.3.4.5', '1.2.x.4', '1..2', '', 'v1.0'])('rejects version %s', (text) => {
    expect(() => parseStampVersion(text, '-v')).toThrow(UsageError);
  });

  it('names the part over 65534', () => {
    expect(() => parseStampVersion('1.2.3.65535', '-v')).toThrow(/part 65535.*0 to 65534/);
  });

  it.each([
    ['1.5', '01005'],
    ['1.9', '01009'],
    ['1.11', '01011'],
    ['1.15', '01015'],
    ['1.33', '01033'],
    ['2.15.0', '02015'],
    ['12.345', '12345'],
  ])('co-installer encoding of %s is %s', (version, coinstaller) => {
    expect(frameworkVersion(version, '-k', 2)).toEqual({ version, coinstaller });
  });

  it.each(['1', '1.x', '123.4', 'latest'])('rejects framework version %s', (text) => {
    expect(() => frameworkVersion(text, '-k', 2)).toThrow(UsageError);
  });
});

describe('precedence (wdk-tools.md §2.3)', () => {
  it('-d and -v beat STAMPINF_DATE and STAMPINF_VERSION', () => {
    const r = resolveStamp({ date: '01/02/2026', version: '1.2.3.4', env: { STAMPINF_DATE: '03/04/2025', STAMPINF_VERSION: '9.9.9.9' } }, utcNoon);
    expect([r.date.text, r.version, r.dateSource, r.versionSource]).toEqual(['01/02/2026', '1.2.3.4', 'option', 'option']);
  });

  it('STAMPINF_DATE and STAMPINF_VERSION beat today and ntverp.h', () => {
    const r = resolveStamp(
      { env: { STAMPINF_DATE: '03/04/2025', STAMPINF_VERSION: '9.9.9.9' }, ntverp: { file: 'ntverp.h', text: '#define VER_PRODUCTVERSION 1,2,3,4' } },
      utcNoon,
    );
    expect([r.date.text, r.version]).toEqual(['03/04/2025', '9.9.9.9']);
  });

  it('without anything the date is today (local) and the version comes from ntverp.h', () => {
    const r = resolveStamp({ ntverp: { file: 'ntverp.h', text: '#define VER_PRODUCTVERSION 10,0,19041,1' } }, fixedClock('2026-11-24T12:30:00Z', 'Pacific/Auckland'));
    expect([r.date.text, r.version, r.versionSource]).toEqual(['11/25/2026', '10.0.19041.1', 'ntverp.h']);
  });

  it('no version source at all is a clear error (exit 1)', () => {
    let error: unknown;
    try {
      resolveStamp({ date: '01/02/2026' }, utcNoon);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(1);
    expect((error as Error).message).toMatch(/-v w\.x\.y\.z.*STAMPINF_VERSION.*ntverp\.h/);
  });

  it('a bad STAMPINF_DATE names the variable', () => {
    expect(() => resolveStamp({ version: '1.0.0.0', env: { STAMPINF_DATE: '2026-11-24' } }, utcNoon)).toThrow(/STAMPINF_DATE/);
  });

  it('PRIVATE_DRIVER_PACKAGE: today and now whatever -d/-v say, CatalogFile=delta.cat unless -c', () => {
    const clock = fixedClock('2026-11-24T06:05:09.123Z', 'Europe/Berlin');
    const r = resolveStamp({ date: '01/02/2020', version: '9.9.9.9', env: { PRIVATE_DRIVER_PACKAGE: '1' } }, clock);
    expect([r.date.text, r.version, r.catalog]).toEqual(['11/24/2026', '7.5.9.123', 'delta.cat']);
    expect(resolveStamp({ catalog: 'mine.cat', env: { PRIVATE_DRIVER_PACKAGE: '1' } }, clock).catalog).toBe('mine.cat');
  });

  it('-v * is the local time H.M.S.ms without padding', () => {
    expect(resolveStamp({ version: '*' }, fixedClock('2026-11-24T07:05:09.123Z', 'UTC')).version).toBe('7.5.9.123');
    expect(resolveStamp({ version: '*' }, fixedClock('2026-11-24T07:05:09.000Z', 'Asia/Kolkata')).version).toBe('12.35.9.0');
  });

  it('$ARCH$ comes from -a, else Platform, else is removed', () => {
    expect(resolveStamp({ version: '1', arch: 'x86', env: { Platform: 'arm64' } }, utcNoon).arch).toBe('x86');
    expect(resolveStamp({ version: '1', env: { Platform: 'arm64' } }, utcNoon).arch).toBe('arm64');
    expect(resolveStamp({ version: '1', env: {} }, utcNoon).arch).toBe('');
  });
});

describe('ntverp.h', () => {
  it('expands VER_PRODUCTVERSION through other defines', () => {
    const text = [
      '#define VER_PRODUCTBUILD 26100 /* build */',
      '#define VER_PRODUCTBUILD_QFE 1742',
      '#define VER_PRODUCTMAJORVERSION 10',
      '#define VER_PRODUCTMINORVERSION 0',
      '#define VER_PRODUCTVERSION VER_PRODUCTMAJORVERSION,VER_PRODUCTMINORVERSION,\\',
      '        VER_PRODUCTBUILD,VER_PRODUCTBUILD_QFE',
    ].join('\r\n');
    expect(ntverpVersion(text)).toBe('10.0.26100.1742');
  });

  it('falls back to VER_PRODUCTVERSION_STR, then to the named parts', () => {
    expect(ntverpVersion('#define VER_PRODUCTVERSION_STR "6.3.9600.17415"')).toBe('6.3.9600.17415');
    expect(ntverpVersion('#define VER_PRODUCTMAJORVERSION 6\n#define VER_PRODUCTMINORVERSION 1\n#define VER_PRODUCTBUILD 7600')).toBe('6.1.7600.0');
    expect(ntverpVersion('// nothing here')).toBeUndefined();
  });
});

describe('the DriverVer-in-the-future warning', () => {
  it('explains the local/UTC mismatch east of UTC and gives both fixes', () => {
    const clock = fixedClock('2026-11-24T12:30:00Z', 'Pacific/Auckland');
    const text = futureDriverVerWarning({ month: 11, day: 25, year: 2026 }, clock)!;
    expect(text).toContain('11/25/2026');
    expect(text).toContain("today's UTC date 11/24/2026");
    expect(text).toContain('Pacific/Auckland (UTC+13:00)');
    expect(text).toContain('/uselocaltime');
    expect(text).toContain('STAMPINF_DATE=11/24/2026');
    expect(text).toContain('22.9.7');
  });

  it('is silent when the date is not after the UTC date', () => {
    expect(futureDriverVerWarning({ month: 11, day: 24, year: 2026 }, fixedClock('2026-11-24T12:30:00Z', 'America/Los_Angeles'))).toBeUndefined();
    expect(futureDriverVerWarning({ month: 1, day: 2, year: 2026 }, utcNoon)).toBeUndefined();
  });

  it('calls an explicit future date a future date', () => {
    expect(futureDriverVerWarning({ month: 1, day: 2, year: 2027 }, utcNoon)).toMatch(/is in the future/);
  });
});

describe('stampInf', () => {
  const inx = Buffer.from('[Version]\r\nSignature="$Windows NT$"\r\nDriverVer=\r\n\r\n[Manufacturer]\r\n%M%=S,NT$ARCH$\r\n[S.NT$ARCH$]\r\n', 'latin1');

  it('reports each changed line with section, line, before and after', () => {
    const result = stampInf(inx, { arch: 'amd64', date: '01/02/2026', version: '1.2.3.4' }, utcNoon);
    expect(result.driverVer).toBe('01/02/2026,1.2.3.4');
    expect(result.changes).toEqual([
      { section: 'Version', line: 3, before: 'DriverVer=', after: 'DriverVer=01/02/2026,1.2.3.4' },
      { section: 'Manufacturer', line: 6, before: '%M%=S,NT$ARCH$', after: '%M%=S,NTamd64' },
      { section: 'S.NT$ARCH$', line: 7, before: '[S.NT$ARCH$]', after: '[S.NTamd64]' },
    ]);
  });

  it('reports added lines with before null, at their line in the stamped file', () => {
    const result = stampInf(inx, { arch: 'amd64', date: '01/02/2026', version: '1.2.3.4', catalog: 'x.cat' }, utcNoon);
    expect(result.changes.find((c) => c.before === null)).toEqual({ section: 'Version', line: 4, before: null, after: 'CatalogFile=x.cat' });
    expect(result.bytes.toString('latin1')).toContain('DriverVer=01/02/2026,1.2.3.4\r\nCatalogFile=x.cat\r\n\r\n[Manufacturer]');
  });

  it('leaves comments, and text before the first section, alone', () => {
    const text = '; built for $ARCH$\r\ngarbage $ARCH$\r\n[Version]\r\nSignature="$Windows NT$" ; $ARCH$\r\n[Strings]\r\n';
    const out = stampInf(Buffer.from(text, 'latin1'), { arch: 'amd64', date: '01/02/2026', version: '1.2.3.4' }, utcNoon).bytes.toString('latin1');
    expect(out).toBe('; built for $ARCH$\r\ngarbage $ARCH$\r\n[Version]\r\nSignature="$Windows NT$" ; $ARCH$\r\nDriverVer=01/02/2026,1.2.3.4\r\n[Strings]\r\n');
  });

  it('inserts before a Ctrl-Z end of file, not after it', () => {
    const text = '[Strings]\r\nA=b\r\n\x1a[junk]\r\n';
    const out = stampInf(Buffer.from(text, 'latin1'), { date: '01/02/2026', version: '1.2.3.4' }, utcNoon).bytes.toString('latin1');
    expect(out).toBe('[Strings]\r\nA=b\r\n\r\n[Version]\r\nDriverVer=01/02/2026,1.2.3.4\r\n\x1a[junk]\r\n');
  });

  it('keeps the odd trailing byte of a UTF-16 file', () => {
    const body = Buffer.from('[Version]\r\nDriverVer=01/01/2001,1.0.0.0\r\n', 'utf16le');
    const input = Buffer.concat([Buffer.from([0xff, 0xfe]), body, Buffer.from([0x41])]);
    const out = stampInf(input, { date: '01/02/2026', version: '1.2.3.4' }, utcNoon).bytes;
    expect(out.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect(out[out.length - 1]).toBe(0x41);
    expect(out.subarray(2, out.length - 1).toString('utf16le')).toBe('[Version]\r\nDriverVer=01/02/2026,1.2.3.4\r\n');
  });

  it('validates before producing anything', () => {
    expect(() => stampInf(inx, { date: '13/45/2026', version: '1.2.3.4' }, utcNoon)).toThrow(UsageError);
    expect(() => stampInf(inx, { date: '01/02/2026', version: '1.2.3.65535' }, utcNoon)).toThrow(UsageError);
  });
});

describe('stampInf -s', () => {
  it('finds the section by its stamped name (-s X.NTamd64 for [X.NT$ARCH$])', () => {
    const text = '[Version]\r\nSignature="$Windows NT$"\r\n[X.NT$ARCH$]\r\nCopyFiles=F\r\n[F]\r\n';
    const out = stampInf(Buffer.from(text, 'latin1'), { section: 'x.ntAMD64', arch: 'amd64', date: '01/02/2026', version: '1.2.3.4' }, utcNoon);
    expect(out.bytes.toString('latin1')).toBe('[Version]\r\nSignature="$Windows NT$"\r\n[X.NTamd64]\r\nCopyFiles=F\r\nDriverVer=01/02/2026,1.2.3.4\r\n[F]\r\n');
  });
});

describe('stampInf: a written value that holds a token', () => {
  it('-c replaces CatalogFile=x_$ARCH$.cat whole', () => {
    const text = '[Version]\r\nSignature="$Windows NT$"\r\nCatalogFile=x_$ARCH$.cat\r\nDriverVer=01/01/2001,1.0.0.0\r\n';
    const out = stampInf(Buffer.from(text, 'latin1'), { arch: 'amd64', catalog: 'y.cat', date: '01/02/2026', version: '1.2.3.4' }, utcNoon);
    expect(out.bytes.toString('latin1')).toBe('[Version]\r\nSignature="$Windows NT$"\r\nCatalogFile=y.cat\r\nDriverVer=01/02/2026,1.2.3.4\r\n');
  });
});

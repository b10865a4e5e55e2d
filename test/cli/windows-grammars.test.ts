// inf2cat, devcon and pnputil read their command lines through the shared tokenizer
// (src/switches.ts); these are the forms real build scripts and install scripts use.
import { describe, expect, it } from 'vitest';
import { parseInf2CatArgs } from '../../src/commands/inf2cat.js';
import { parseDevconLine } from '../../src/devcon/grammar.js';
import { parsePnpLine } from '../../src/pnputil/grammar.js';

const inf2cat = (argv: string[]) => parseInf2CatArgs(argv, { json: false });
const options = (argv: string[]) => {
  const parsed = inf2cat(argv);
  if (parsed.kind !== 'run') throw new Error('expected a run');
  return { ...parsed.options, oses: parsed.options.oses.map((o) => o.id) };
};
const argumentError = (argv: string[]) => {
  try {
    inf2cat(argv);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('inf2cat command lines', () => {
  it('/driver:. /os:10_X64,Server10_X64 (the WDK build task)', () => {
    expect(options(['/driver:.', '/os:10_X64,Server10_X64'])).toMatchObject({ driver: '.', oses: ['10_X64', 'Server10_X64'], verbose: false, noCat: false });
  });

  it('/drv:"dir with space" /os:10_x64 /verbose (the shell has taken the quotes off)', () => {
    expect(options(['/drv:dir with space', '/os:10_x64', '/verbose'])).toMatchObject({ driver: 'dir with space', oses: ['10_X64'], verbose: true });
  });

  it('switches in any case and order; /v, /uselocaltime, /nocat, /pageHashes with and without a list', () => {
    expect(options(['/OS:10_X64', '/V', '/UseLocalTime', '/NOCAT', '/DRIVER:pkg', '/pageHashes'])).toMatchObject({
      driver: 'pkg',
      verbose: true,
      useLocalTime: true,
      noCat: true,
      pageHashes: true,
    });
    expect(options(['/driver:pkg', '/os:10_X64', '/pagehashes:A.sys, b.sys,a.sys'])).toMatchObject({ pageHashes: ['a.sys', 'b.sys'] });
  });

  it('the first /os: and the first /driver: count; a value after a colon may hold colons', () => {
    expect(options(['/os:10_X64', '/driver:C:\\pkg', '/os:bogus'])).toMatchObject({ driver: 'C:\\pkg', oses: ['10_X64'] });
    expect(argumentError(['/os:10_X64', '/driver:a', '/drv:b'])).toBe('Parameter format not correct.');
  });

  it('refuses as Inf2Cat does: `-` switches, flags with values, deprecated /drm and /pe prefixes', () => {
    expect(argumentError(['-driver:.', '/os:10_X64'])).toBe('Parameter format not correct.');
    expect(argumentError(['/driver:.', '/os:10_X64', '/nocat:yes'])).toBe('Parameter format not correct.');
    expect(argumentError(['/driver:.', '/os:10_X64', '/pagehashes:'])).toBe('Parameter format not correct.');
    expect(argumentError(['/driver:.', '/os:10_X64', '/DRMLevel:1'])).toMatch(/^Use of DRM argument no longer supported/);
    expect(argumentError(['/driver:.', '/os:10_X64', '/PETrust'])).toMatch(/^Use of PETrust argument no longer supported/);
    expect(argumentError(['/driver:.', '/os'])).toBe('Operating systems parameter missing.');
    expect(argumentError(['/driver:', '/os:10_X64'])).toBe('Driver path missing.');
  });
});

describe('devcon command lines', () => {
  it('-r install x.inf "Root\\X": the switch, then the command and its arguments untouched', () => {
    expect(parseDevconLine(['-r', 'install', 'x.inf', 'Root\\X'])).toEqual({
      reboot: true,
      force: false,
      unicode: false,
      json: false,
      command: 'install',
      args: ['x.inf', 'Root\\X'],
    });
  });

  it("-m:\\\\machine, /F, -u in any order and case; =class and @instance stay the command's", () => {
    expect(parseDevconLine(['/F', '-M:\\\\lab', '-u', 'find', '=net', '@ROOT\\*', '--json'])).toEqual({
      reboot: false,
      force: true,
      unicode: true,
      machine: '\\\\lab',
      json: true,
      command: 'find',
      args: ['=net', '@ROOT\\*'],
    });
  });

  it("a switch after the command is the command's; a bad switch is taken as the command", () => {
    expect(parseDevconLine(['status', '-r'])).toMatchObject({ reboot: false, command: 'status', args: ['-r'] });
    expect(parseDevconLine(['-m:', 'status'])).toMatchObject({ command: 'm:', args: ['status'] });
    expect(parseDevconLine(['-r:x', 'status'])).toMatchObject({ reboot: false, command: 'r:x' });
    expect(parseDevconLine(['/install', 'x.inf'])).toMatchObject({ command: 'install', args: ['x.inf'] });
    expect(parseDevconLine(['-r'])).toEqual({ reboot: true, force: false, unicode: false, json: false, args: [] });
  });
});

describe('pnputil command lines', () => {
  it('pnputil -i -a x.inf (Windows 7 scripts) is /add-driver x.inf /install', () => {
    const line = parsePnpLine(['-i', '-a', 'x.inf']);
    expect(line).toMatchObject({ command: 'add-driver', positional: ['x.inf'], legacy: true });
    expect([...line.flags]).toEqual(['install']);
  });

  it('/add-driver *.inf /subdirs /install (the wildcard reaches pnputil unexpanded)', () => {
    const line = parsePnpLine(['/add-driver', '*.inf', '/subdirs', '/install']);
    expect(line).toMatchObject({ command: 'add-driver', positional: ['*.inf'], legacy: false });
    expect([...line.flags]).toEqual(['subdirs', 'install']);
    expect(line.error).toBeUndefined();
  });

  it('/add-driver x.inf /subdirs /install /reboot; /enum-devices /class X /problem', () => {
    expect([...parsePnpLine(['/add-driver', 'x.inf', '/subdirs', '/install', '/reboot']).flags]).toEqual(['subdirs', 'install', 'reboot']);
    const devices = parsePnpLine(['/enum-devices', '/class', 'Net', '/problem']);
    expect(devices).toMatchObject({ command: 'enum-devices', positional: [] });
    expect([...devices.values]).toEqual([
      ['class', 'Net'],
      ['problem', undefined],
    ]);
  });

  it('a legacy letter mixed with a modern switch is the modern grammar (and an unknown switch there)', () => {
    expect(parsePnpLine(['-a', 'x.inf', '/install'])).toMatchObject({ legacy: false, error: 'Invalid switch: -a' });
  });

  it('/problem takes only a number as its value; /output-file takes a POSIX path; /class refuses a switch', () => {
    expect(parsePnpLine(['/enum-devices', '/problem', 'Net']).positional).toEqual(['Net']);
    expect(parsePnpLine(['/enum-devices', '/problem', '0x1C']).values.get('problem')).toBe('0x1C');
    expect(parsePnpLine(['/enum-devices', '/output-file', '/tmp/out/d.xml']).values.get('output-file')).toBe('/tmp/out/d.xml');
    expect(parsePnpLine(['/enum-devices', '/class', '/problem']).error).toBe('Missing value for /class');
  });
});

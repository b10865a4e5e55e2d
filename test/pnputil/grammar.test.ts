// pnputil's command line: case-insensitive switches with / or -, values, legacy forms, POSIX paths.
import { describe, expect, it } from 'vitest';
import { parsePnpLine } from '../../src/pnputil/grammar.js';

describe('parsePnpLine', () => {
  it('modern switches in any case, with / or -', () => {
    const line = parsePnpLine(['-Enum-Devices', '/CLASS', 'Net', '/problem', '28', '/ids', '--json']);
    expect(line.command).toBe('enum-devices');
    expect(line.values.get('class')).toBe('Net');
    expect(line.values.get('problem')).toBe('28');
    expect(line.flags.has('deviceids')).toBe(true);
    expect(line.json).toBe(true);
  });
  it('/problem without a code, /bus without a name', () => {
    const line = parsePnpLine(['/enum-devices', '/problem', '/bus']);
    expect(line.values.has('problem')).toBe(true);
    expect(line.values.get('problem')).toBeUndefined();
    expect(line.values.has('bus')).toBe(true);
  });
  it('legacy -a -i, -d -f, -e', () => {
    expect(parsePnpLine(['-i', '-a', 'x.inf'])).toMatchObject({ command: 'add-driver', positional: ['x.inf'], legacy: true });
    expect(parsePnpLine(['-i', '-a', 'x.inf']).flags.has('install')).toBe(true);
    expect(parsePnpLine(['-d', '-f', 'oem1.inf']).flags.has('force')).toBe(true);
    expect(parsePnpLine(['-e']).command).toBe('enum-drivers');
  });
  it('usage errors: unknown switch, missing value, two commands, no command', () => {
    expect(parsePnpLine(['/frob']).error).toBeDefined();
    expect(parsePnpLine(['/enum-devices', '/instanceid']).error).toBeDefined();
    expect(parsePnpLine(['/enum-drivers', '/enum-devices']).error).toBeDefined();
    expect(parsePnpLine(['x.inf']).error).toBeDefined();
    expect(parsePnpLine([]).command).toBe('help');
  });
  it('an absolute POSIX path is an argument, not a switch', () => {
    expect(parsePnpLine(['/add-driver', '/home/dev/pkg/x.inf', '/install'])).toMatchObject({ command: 'add-driver', positional: ['/home/dev/pkg/x.inf'] });
  });
});

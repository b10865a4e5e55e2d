// The shared tokenizer of the Windows-style tools: each form a switch can take, and what
// the tools rely on (a missing value is a token, not a throw; a path is a word).
import { describe, expect, it } from 'vitest';
import { tokenizeSwitches, type SwitchTable } from '../../src/switches.js';

const table: SwitchTable = {
  switches: { v: {}, code: { value: 'next' }, os: { value: 'colon' }, d: { value: 'next', optional: true } },
  long: { json: {}, format: { value: true } },
  isWord: (arg) => arg.startsWith('/') && arg.slice(1).includes('/'),
  doubleDash: true,
};

describe('tokenizeSwitches', () => {
  it('reads /flag, -FLAG, /k v, /k:v and --options, case-insensitively', () => {
    expect(tokenizeSwitches(['/v', '-CODE', '1203', '/OS:10_X64', '--json', '--format=sarif', '--format', 'json', 'x.inf'], table)).toEqual([
      { kind: 'switch', name: 'v', raw: '/v' },
      { kind: 'switch', name: 'code', raw: '-CODE', value: '1203' },
      { kind: 'switch', name: 'os', raw: '/OS:10_X64', value: '10_X64' },
      { kind: 'long', name: 'json', raw: '--json' },
      { kind: 'long', name: 'format', raw: '--format=sarif', value: 'sarif' },
      { kind: 'long', name: 'format', raw: '--format', value: 'json' },
      { kind: 'word', raw: 'x.inf' },
    ]);
  });

  it('reports unknown switches and missing values as tokens, in order', () => {
    expect(tokenizeSwitches(['/nosuch', '/os', '--format', '--x', '/code'], table)).toEqual([
      { kind: 'unknown', raw: '/nosuch', name: 'nosuch' },
      { kind: 'missing-value', raw: '/os', name: 'os', long: false },
      { kind: 'long', name: 'format', raw: '--format', value: '--x' },
      { kind: 'missing-value', raw: '/code', name: 'code', long: false },
    ]);
  });

  it('an optional value is left out before another switch or at the end', () => {
    expect(tokenizeSwitches(['/d', '/v', '/d'], table).map((t) => [t.kind, 'value' in t ? t.value : undefined])).toEqual([
      ['switch', undefined],
      ['switch', undefined],
      ['switch', undefined],
    ]);
    expect(tokenizeSwitches(['/d', '*'], table)).toEqual([{ kind: 'switch', name: 'd', raw: '/d', value: '*' }]);
  });

  it('absolute POSIX paths, `-` and everything after `--` are words', () => {
    expect(tokenizeSwitches(['/tmp/x.inf', '-', '--', '/v'], table).map((t) => t.kind)).toEqual(['word', 'word', 'word']);
  });
});

// The features inf2cat, devcon and pnputil need (issue 20): prefix rows, optional colon values,
// a row deciding which next argument is its value, exact-case long options, switches first.
describe('tokenizeSwitches: rows for inf2cat, devcon and pnputil', () => {
  const inf2cat: SwitchTable = {
    switches: { os: { value: 'colon' }, pagehashes: { value: 'colon', optional: true }, nocat: {}, drm: { prefix: true }, pe: { prefix: true }, pedantic: {} },
    switchShape: /^\/([^:]*)(?::(.*))?$/s,
  };

  it('a prefix row takes every switch starting with its name; an exact row wins, then the longest prefix', () => {
    expect(tokenizeSwitches(['/DRMx', '/drm:1', '/petrust', '/pedantic'], inf2cat)).toEqual([
      { kind: 'switch', name: 'drm', raw: '/DRMx' },
      { kind: 'switch', name: 'drm', raw: '/drm:1', value: '1' },
      { kind: 'switch', name: 'pe', raw: '/petrust' },
      { kind: 'switch', name: 'pedantic', raw: '/pedantic' },
    ]);
    const nested: SwitchTable = { switches: { p: { prefix: true }, pag: { prefix: true } } };
    expect(tokenizeSwitches(['/page', '/pq'], nested).map((t) => 'name' in t && t.name)).toEqual(['pag', 'p']);
  });

  it('an optional colon value may be left out; a required one may not; an empty one is given as ""', () => {
    expect(tokenizeSwitches(['/pageHashes', '/pagehashes:a.sys,b.sys', '/pagehashes:', '/os', '/os:'], inf2cat)).toEqual([
      { kind: 'switch', name: 'pagehashes', raw: '/pageHashes' },
      { kind: 'switch', name: 'pagehashes', raw: '/pagehashes:a.sys,b.sys', value: 'a.sys,b.sys' },
      { kind: 'switch', name: 'pagehashes', raw: '/pagehashes:', value: '' },
      { kind: 'missing-value', name: 'os', raw: '/os', long: false },
      { kind: 'switch', name: 'os', raw: '/os:', value: '' },
    ]);
  });

  it('a flag given a colon value carries it (the tool refuses it); a repeated switch is a token each time', () => {
    expect(tokenizeSwitches(['/nocat:x', '/os:10_X64', '/OS:Server10_X64'], inf2cat)).toEqual([
      { kind: 'switch', name: 'nocat', raw: '/nocat:x', value: 'x' },
      { kind: 'switch', name: 'os', raw: '/os:10_X64', value: '10_X64' },
      { kind: 'switch', name: 'os', raw: '/OS:Server10_X64', value: 'Server10_X64' },
    ]);
  });

  it('the switch shape decides the leaders: `-os:x` is a word where only `/` leads', () => {
    expect(tokenizeSwitches(['-os:10_X64', 'dir with space'], inf2cat).map((t) => t.kind)).toEqual(['word', 'word']);
  });

  it('accepts: the row decides which next argument is its value', () => {
    const numeric = (v: string) => /^\d+$/.test(v);
    const table: SwitchTable = { switches: { problem: { value: 'next', optional: true, accepts: numeric }, class: { value: 'next', accepts: (v) => !v.startsWith('/') } } };
    expect(tokenizeSwitches(['/problem', 'x', '/problem', '28'], table)).toEqual([
      { kind: 'switch', name: 'problem', raw: '/problem' },
      { kind: 'word', raw: 'x' },
      { kind: 'switch', name: 'problem', raw: '/problem', value: '28' },
    ]);
    expect(tokenizeSwitches(['/class', '/problem'], table)[0]).toEqual({ kind: 'missing-value', name: 'class', raw: '/class', long: false });
  });

  it('long options are case-insensitive unless the table says longCaseSensitive', () => {
    const long = { json: {} };
    expect(tokenizeSwitches(['--JSON'], { switches: {}, long })[0]!.kind).toBe('long');
    expect(tokenizeSwitches(['--JSON', '--json'], { switches: {}, long, longCaseSensitive: true }).map((t) => t.kind)).toEqual(['unknown', 'long']);
  });

  it('optionsFirst: the first argument that is not a well-formed switch ends the switches', () => {
    const devcon: SwitchTable = { switches: { r: {}, m: { value: 'colon' } }, optionsFirst: true };
    const kinds = (argv: string[]) => tokenizeSwitches(argv, devcon).map((t) => (t.kind === 'switch' ? t.name : t.raw));
    expect(kinds(['-r', '-m:\\\\lab', 'install', '-r', '@ROOT\\*'])).toEqual(['r', 'm', 'install', '-r', '@ROOT\\*']);
    expect(kinds(['-m:', '-r'])).toEqual(['-m:', '-r']); // an empty value
    expect(kinds(['-r:x', '-r'])).toEqual(['-r:x', '-r']); // a flag given a value
    expect(kinds(['/x', '-r'])).toEqual(['/x', '-r']); // an unknown switch
    expect(kinds(['=net', '-r'])).toEqual(['=net', '-r']);
  });

  it("only a table's own rows are switches (not `/constructor`)", () => {
    expect(tokenizeSwitches(['/constructor', '--constructor'], table).map((t) => t.kind)).toEqual(['unknown', 'unknown']);
  });
});

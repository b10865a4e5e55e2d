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

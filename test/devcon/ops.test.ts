// sethwid and classfilter subcommands, checked against the examples in devcon's own help.
import { describe, expect, it } from 'vitest';
import { applyFilterOps, applyHwidOps } from '../../src/pnp/devices.js';

describe('classfilter cursor operations (devcon help classfilter examples)', () => {
  const start = ['A', 'B', 'C', 'B', 'D', 'B', 'E'];
  const run = (...ops: string[]) => {
    const r = applyFilterOps(start, ops, () => true);
    return r.kind === 'ok' ? r.filters.join(',') : r.kind;
  };
  it.each([
    [['@D', '!B'], 'A,B,C,B,D,E'],
    [['!B', '!B', '!B'], 'A,C,D,E'],
    [['=!B', '=!A'], 'C,B,D,B,E'],
    [['!C', '+CC'], 'A,B,CC,B,D,B,E'],
    [['@D', '-CC'], 'A,B,C,B,CC,D,B,E'],
    [['@D', '+CC'], 'A,B,C,B,D,CC,B,E'],
    [['-CC'], 'CC,A,B,C,B,D,B,E'],
    [['+CC'], 'A,B,C,B,D,B,E,CC'],
    [['@D', '+X', '+Y'], 'A,B,C,B,D,X,Y,B,E'],
    [['@D', '-X', '-Y'], 'A,B,C,B,Y,X,D,B,E'],
    [['@D', '-X', '+Y'], 'A,B,C,B,X,Y,D,B,E'],
  ])('%j', (ops, expected) => {
    expect(run(...ops)).toBe(expected);
  });
  it('fails for a missing filter or an unknown service, and is a usage error for a bad operator', () => {
    expect(run('@Z')).toBe('fail');
    expect(applyFilterOps(start, ['+nosuch'], () => false).kind).toBe('fail');
    expect(run('*X')).toBe('usage');
    expect(run('+')).toBe('usage');
  });
});

describe('sethwid subcommands', () => {
  const run = (list: string[], ...ops: string[]) => {
    const r = applyHwidOps(list, ops);
    return r.kind === 'ok' ? r.ids.join(',') : r.kind;
  };
  it('=, +, -, ! and bare ids', () => {
    expect(run(['A', 'B'], '=X')).toBe('X');
    expect(run(['A', 'B'], '+X')).toBe('X,A,B');
    expect(run(['A', 'B'], '-X')).toBe('A,B,X');
    expect(run(['A', 'B', 'a'], '!A')).toBe('B');
    expect(run(['A', 'B'], 'X')).toBe('A,B,X');
    expect(run(['A', 'B'], '+X', 'Y')).toBe('X,Y,A,B');
    expect(run(['A', 'B'], '+b')).toBe('b,A');
    expect(run(['A'], '=')).toBe('usage');
  });
});

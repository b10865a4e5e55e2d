// The program shell: global options wherever they stand, version, help,
// unknown tools, and errors mapped to exit codes without stack traces.
import { describe, expect, it } from 'vitest';
import { extractGlobals, runCli } from '../src/cli.js';
import { memoryContext } from '../src/io.js';
import { selectStringsSection } from '../src/inf/strings.js';

async function run(argv: string[], env: Record<string, string> = {}) {
  const ctx = memoryContext({ env });
  const code = await runCli(argv, ctx.io);
  return { code, out: ctx.out.join(''), err: ctx.err.join('') };
}

describe('global options', () => {
  it('are taken before or after the tool name, in both spellings', () => {
    expect(extractGlobals(['--now', '2026-01-01T00:00:00Z', 'stampinf', '-f', 'x.inf'])).toEqual({ now: '2026-01-01T00:00:00Z', rest: ['stampinf', '-f', 'x.inf'] });
    expect(extractGlobals(['inf2cat', '/driver:.', '--now=2026-01-01T00:00:00Z', '--target', 't', '--no-color'])).toEqual({
      now: '2026-01-01T00:00:00Z',
      target: 't',
      color: false,
      rest: ['inf2cat', '/driver:.'],
    });
    expect(extractGlobals(['x', '--', '--now', 'y'])).toEqual({ rest: ['x', '--', '--now', 'y'] });
  });
  it('a bad --now is a usage error naming the option', async () => {
    const r = await run(['--now', 'yesterday', 'inf', 'parse', 'x.inf']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^wdksim: --now: "yesterday" is not an ISO-8601 date-time/);
  });
});

describe('program', () => {
  it('prints the version', async () => {
    const r = await run(['--version']);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toMatch(/^\d+\.\d+\.\d+/);
  });
  it('lists every tool in --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const tool of ['infverif', 'stampinf', 'inf2cat', 'signtool', 'devcon', 'pnputil', 'target', 'deploy', 'build', 'demo']) {
      expect(r.out).toContain(`  ${tool}`);
    }
  });
  it('refuses an unknown tool with exit 2', async () => {
    const r = await run(['frobnicate']);
    expect(r).toEqual({ code: 2, out: '', err: 'wdksim: unknown tool "frobnicate"; run "wdksim --help" for the list\n' });
  });
  it('turns an unreadable file into one line and exit 2', async () => {
    const r = await run(['inf', 'parse', 'does-not-exist.inf']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('wdksim: does-not-exist.inf: no such file or directory; check the path\n');
  });
});

describe('[Strings] locale selection', () => {
  const names = ['Version', 'Strings', 'Strings.0407', 'Strings.0009', 'strings.0c0a'];
  it.each([
    [0x0409, 'Strings.0009'], // same primary language, SUBLANG_NEUTRAL
    [0x0407, 'Strings.0407'], // exact
    [0x0807, 'Strings.0407'], // any of the same primary language
    [0x040a, 'strings.0c0a'],
    [0x0411, 'Strings'], // none: undecorated
  ])('LANGID %i picks %s', (langId, expected) => {
    expect(selectStringsSection(names, langId)).toBe(expected);
  });
});

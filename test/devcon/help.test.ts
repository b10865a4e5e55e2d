// Every command devcon's help lists is a command it accepts, and `help COMMAND` prints its usage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInboxTarget, removeTarget } from './target-helper.js';
import { memoryContext } from '../../src/io.js';
import { run } from '../../src/commands/devcon.js';
import { HELP } from '../../src/devcon/help.js';

let target = '/nonexistent/wdksim-target';
beforeAll(async () => {
  target = await makeInboxTarget();
});
afterAll(() => removeTarget(target));

async function devcon(args: string[]) {
  const ctx = memoryContext({ env: { WDKSIM_TARGET: target } });
  const code = await run(args, ctx);
  return { code, out: ctx.out.join(''), err: ctx.err.join('') };
}

describe('devcon help', () => {
  it('lists each command once with a blank line after its short help', async () => {
    const { code, out } = await devcon(['help']);
    expect(code).toBe(0);
    const listed = [...out.matchAll(/^(\S+) {2,}\S.*\n\n/gm)].map((m) => m[1]);
    expect(listed).toEqual(HELP.map((h) => h.name));
    expect(listed).toContain('removeall');
  });

  it.each(HELP.filter((h) => h.long).map((h) => h.name))('help %s prints the command usage', async (name) => {
    const { code, out } = await devcon(['help', name.toUpperCase()]);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^devcon .*${name}`, 'm'));
    expect(out).not.toContain('%1');
    expect(out).not.toContain('%2');
  });

  it.each(HELP.map((h) => h.name))('%s is a command devcon accepts', async (name) => {
    // Without arguments a command either runs (help, classes...) or is an invalid use; never "unknown command".
    const { err } = await devcon([name]);
    expect(err).not.toContain('Usage: devcon [-r]');
  });

  it('an unknown topic prints "Unknown command." and the list; /? and -help are help', async () => {
    const unknown = await devcon(['help', 'frobnicate']);
    expect(unknown.out.startsWith('Unknown command.\nclassfilter')).toBe(true);
    expect((await devcon(['/?'])).out).toContain('Device Console Help:');
    expect((await devcon(['-HELP'])).out).toContain('Device Console Help:');
  });

  it('no command or an unknown one: usage on stderr, exit 3', async () => {
    const none = await devcon([]);
    expect(none).toEqual({ code: 3, out: '', err: 'devcon Usage: devcon [-r] [-m:\\\\<machine>] <command> [<arg>...]\nFor more information, type: devcon help\n' });
    const bad = await devcon(['-x', 'find']);
    expect(bad.code).toBe(3);
    expect(bad.err).toContain('devcon Usage:');
  });
});

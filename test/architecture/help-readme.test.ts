// Help text and README describe the same options: every option a GNU-style command's
// --help usage line names appears in that command's row of the README's command table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/io.js';
import { run as infRun } from '../../src/commands/inf.js';
import { runCli } from '../../src/cli.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const rowOf = (command: string) => readme.split('\n').find((l) => l.startsWith(`| \`wdksim ${command}`)) ?? '';

describe('--help and the README agree', () => {
  it("inf parse: the usage line's options and arguments are in the README row", async () => {
    const ctx = memoryContext();
    expect(await infRun(['--help'], ctx)).toBe(0);
    const usage = /Usage: wdksim inf parse (.*)/.exec(ctx.out.join(''))?.[1] ?? '';
    expect(usage).toBe('<file|-> [--json]');
    const row = rowOf('inf parse');
    for (const option of usage.match(/--[a-z-]+/g) ?? []) expect(row).toContain(option);
    expect(row).toMatch(/`-` reads standard input/);
  });

  // Every option a README or docs example gives a commander-parsed command is one its
  // generated --help lists (so renaming an option without the docs fails here).
  it.each([
    'build',
    'cert new',
    'catalog dump',
    'catalog verify',
    'deploy',
    'target init',
    'target show',
    'target verify',
    'target reboot',
    'target log',
    'target snapshot',
    'target diff',
    'target report',
    'doctor',
    'demo',
    'inf parse',
  ])('wdksim %s: the options the docs use are in its --help', async (command) => {
    const docs = ['README.md', 'docs/build.md', 'docs/doctor.md', 'docs/target.md'].map((f) => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8')).join('\n');
    const used = new Set<string>();
    for (const m of docs.matchAll(new RegExp(`wdksim ${command}( [^\`|#\\n]*)`, 'g'))) {
      for (const o of m[1]!.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? []) used.add(o);
    }
    const ctx = memoryContext();
    expect(await runCli([...command.split(' '), '--help'], ctx.io)).toBe(0);
    const help = ctx.out.join('');
    for (const option of used) expect(help, `${option} of "wdksim ${command}"`).toMatch(new RegExp(`^  (-\\w, )?${option}\\b`, 'm'));
  });
});

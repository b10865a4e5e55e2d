// Help text and README describe the same options: every option a GNU-style command's
// --help usage line names appears in that command's row of the README's command table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/io.js';
import { run as infRun } from '../../src/commands/inf.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const rowOf = (command: string) => readme.split('\n').find((l) => l.startsWith(`| \`wdksim ${command}`)) ?? '';

describe('--help and the README agree', () => {
  it('inf parse: the usage line\'s options and arguments are in the README row', async () => {
    const ctx = memoryContext();
    expect(await infRun(['--help'], ctx)).toBe(0);
    const usage = /Usage: wdksim inf parse (.*)/.exec(ctx.out.join(''))?.[1] ?? '';
    expect(usage).toBe('<file|-> [--json]');
    const row = rowOf('inf parse');
    for (const option of usage.match(/--[a-z-]+/g) ?? []) expect(row).toContain(option);
    expect(row).toMatch(/`-` reads standard input/);
  });
});

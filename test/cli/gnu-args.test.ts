// wdksim's GNU-style commands parse with commander (src/commands/args/): generated --help,
// usage errors as one wdksim line naming the option and exit 2, zod-checked values.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { memoryContext } from '../../src/io.js';
import { parseBuildArgs } from '../../src/commands/args/build.js';
import { parseDoctorArgs } from '../../src/commands/args/doctor.js';
import { parseTargetInitArgs, parseTargetShowArgs } from '../../src/commands/args/target.js';
import { parseTargetViewArgs } from '../../src/commands/args/target-view.js';

async function run(argv: string[]) {
  const ctx = memoryContext();
  const code = await runCli(argv, ctx.io);
  return { code, out: ctx.out.join(''), err: ctx.err.join('') };
}

describe('GNU-style commands through commander', () => {
  it.each([
    [['build', '--help'], 'Usage: wdksim build [options] [project]', '--placeholder-binaries'],
    [['doctor', '--help'], 'Usage: wdksim doctor [options] [paths...]', '--max-warnings <n>'],
    [['cert', 'new', '--help'], 'Usage: wdksim cert new [options]', '--days <n>'],
    [['demo', '-h'], 'Usage: wdksim demo [options] [dir]', 'Exit codes:'],
    [['catalog', 'verify', '--help'], 'Usage: wdksim catalog verify [options] [file.cat]', '--package <dir>'],
    [['target', 'init', '--help'], 'Usage: wdksim target init [options] [dir]', '--kdnet-port <n>'],
    [['target', 'verify', '--help'], 'Usage: wdksim target verify [options]', '--repair'],
    [['inf', 'parse', '--help'], 'Usage: wdksim inf parse <file|-> [--json]', '--json'],
    [['deploy', '--help'], 'Usage: wdksim [--target DIR] deploy PACKAGE_DIR|INF [--install HWID]', '--install <hwid>'],
    [['target', 'show', '--help'], 'Usage: wdksim target show [options]', '--json'],
    [['target', 'reboot', '-h'], 'Usage: wdksim target reboot [options]', 'Exit codes:'],
    [['target', 'snapshot', '--help'], 'Usage: wdksim target snapshot NAME [--force] [--json]', '--force'],
    [['target', 'diff', '/?'], 'Usage: wdksim target diff BEFORE AFTER [--json] [--html FILE] [--exit-code]', '--since <snapshot>'],
    [['target', 'report', '--help'], 'Usage: wdksim target report [--json] [--html FILE]', '--html <file>'],
  ])('%j prints the generated help and exits 0', async (argv, usage, option) => {
    const r = await run(argv);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.startsWith(`${usage}\n`)).toBe(true);
    expect(r.out).toContain(option);
  });

  it.each([
    [['build', '--frobnicate'], 'wdksim: build: unknown option "--frobnicate"; run "wdksim build --help" for the options\n'],
    [['build', '--out'], 'wdksim: build: --out needs a value; run "wdksim build --help"\n'],
    [['build', '--out='], 'wdksim: build: --out needs a value; run "wdksim build --help"\n'],
    [['doctor', '--max-warnings', '-1'], 'wdksim: --max-warnings takes a non-negative whole number, not "-1"\n'],
    [['cert', 'new', '--days', '0'], 'wdksim: cert new: --days "0" must be a whole number of days between 1 and 36500\n'],
    [['cert', 'new', 'stray'], 'wdksim: cert new: unknown argument "stray"; run "wdksim cert --help"\n'],
    [['target', 'init', '--arch', 'ppc'], 'wdksim: target init: --arch takes amd64, x86 or arm64, got "ppc"\n'],
    [['target', 'verify', '--fast'], 'wdksim: target verify: unknown argument "--fast" (options: --full, --repair)\n'],
    [['target', 'log', '--tail', 'x'], 'wdksim: target log: --tail takes a number of lines, got "x"\n'],
    [['inf', 'parse', '--bogus'], 'wdksim: inf parse: unknown option "--bogus"; run "wdksim inf --help"\n'],
    [['demo', 'a', 'b'], 'wdksim: demo: one folder at a time; got "a" and "b"\n'],
    [['deploy', 'a', 'b'], 'wdksim: deploy: one package only ("a" and "b")\n'],
    [['deploy', 'pkg', '--install'], 'wdksim: deploy: --install needs a hardware ID (e.g. Root\\KmdfHelloWorld)\n'],
    [['deploy', 'pkg', '--install='], 'wdksim: deploy: --install needs a hardware ID (e.g. Root\\KmdfHelloWorld)\n'],
    [['deploy', 'pkg', '--force'], 'wdksim: deploy: unknown option "--force"; run "wdksim deploy --help"\n'],
    [['deploy', '-'], 'wdksim: deploy: unknown option "-"; run "wdksim deploy --help"\n'],
    [['target', 'show', 'stray'], 'wdksim: target show: unknown argument "stray"\n'],
    [['target', 'show', '--json=1'], 'wdksim: target show: unknown argument "--json=1"\n'],
    [['target', 'reboot', 'now'], 'wdksim: target reboot: unknown argument "now"\n'],
    [['target', 'snapshot'], 'wdksim: usage: wdksim target snapshot NAME [--force] [--json]\n'],
    [['target', 'snapshot', 'a', '--html', 'x.html'], 'wdksim: usage: wdksim target snapshot NAME [--force] [--json]\n'],
    [['target', 'diff', '--bogus'], 'wdksim: wdksim target diff: unknown option --bogus (see wdksim target diff --help)\n'],
    [['target', 'diff', '--since'], 'wdksim: wdksim target diff: --since needs a value (see wdksim target diff --help)\n'],
    [['target', 'diff', '--html', '--json'], 'wdksim: wdksim target diff: --html needs a value (see wdksim target diff --help)\n'],
    [['target', 'diff', 'a'], 'wdksim: usage: wdksim target diff BEFORE AFTER | --since SNAPSHOT (see wdksim target diff --help)\n'],
    [['target', 'report', 'extra'], 'wdksim: usage: wdksim target report [--json] [--html FILE]\n'],
  ])('%j is a usage error: one line on stderr, exit 2', async (argv, err) => {
    expect(await run(argv)).toEqual({ code: 2, out: '', err });
  });

  it('deploy with no package prints its help as a usage error (stderr, exit 2)', async () => {
    const r = await run(['deploy']);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err.startsWith('Usage: wdksim [--target DIR] deploy PACKAGE_DIR|INF [--install HWID]\n')).toBe(true);
    expect(r.err).toContain('Exit codes:');
  });

  it('reads values the ways the old grammars did', () => {
    expect(parseBuildArgs(['-c', 'Release', '--platform=x64', '/p:Configuration=Debug', 'proj', '--json'])).toMatchObject({
      project: 'proj',
      configuration: 'Debug',
      platform: 'x64',
      json: true,
      placeholders: false,
    });
    expect(parseDoctorArgs(['--FORMAT=JSON', '--', '--not-an-option'])).toEqual({ format: 'json', paths: ['--not-an-option'] });
    expect(parseDoctorArgs(['/?']).help).toContain('Rules (docs/doctor.md):');
    expect(parseTargetInitArgs(['dir', '--arch', 'X64', '--testsigning', 'off', '--kdnet-port=50000'], 'win11', ['win11'])).toEqual({
      dir: 'dir',
      arch: 'amd64',
      testsigning: false,
      port: '50000',
      force: false,
      json: false,
    });
    expect(parseTargetShowArgs(['--JSON'])).toEqual({ json: true });
    expect(parseTargetViewArgs('diff', ['before', '--html=d.html', 'after', '--json', '--exit-code'])).toEqual({
      positional: ['before', 'after'],
      html: 'd.html',
      json: true,
      force: false,
      exitCode: true,
    });
    // Options a view does not list in its help are still taken, as before commander.
    expect(parseTargetViewArgs('report', ['--force', '--exit-code'])).toMatchObject({ force: true, exitCode: true });
  });
});

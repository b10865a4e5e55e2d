// `wdksim target init|show|verify|reboot|log` options (commander; see ./gnu.ts); the views
// (snapshot, diff, report) are in ./target-view.ts. bcdedit and reg take Windows-style
// words as the real tools do, read in target.ts.
import { Option } from 'commander';
import * as z from 'zod';
import { UsageError } from '../../errors.js';
import { exitCodeTables } from '../../exit-codes.js';
import type { TargetArch } from '../../machine/os.js';
import { gnuProgram, lowerOptionNames, parseGnu, zodValue } from './gnu.js';

export interface TargetInitArgs {
  dir?: string;
  osId?: string;
  arch: TargetArch;
  testsigning: boolean;
  port?: string;
  key?: string;
  host?: string;
  force: boolean;
  json: boolean;
}

const arch = zodValue(
  z
    .string()
    .transform((v) => v.toLowerCase())
    .transform((v) => (v === 'x64' ? 'amd64' : v))
    .pipe(z.enum(['amd64', 'x86', 'arm64'])),
  (v) => `target init: --arch takes amd64, x86 or arm64, got "${v.toLowerCase()}"`,
);

export function onOff(value: string, flag: string): boolean {
  const v = value.toLowerCase();
  if (v === 'on' || v === 'yes' || v === 'true') return true;
  if (v === 'off' || v === 'no' || v === 'false') return false;
  throw new UsageError(`target: ${flag} takes on or off, got "${value}"`);
}

function initProgram(defaultOs: string, osIds: readonly string[]) {
  return gnuProgram('wdksim target init')
    .description('Provisions a simulated test computer, as Visual Studio\'s "Configure Devices" does.')
    .argument('[dir]', 'the target folder (default: --target DIR, else WDKSIM_TARGET, else ./wdksim-target)')
    .option('--os <id>', `the Windows release (default ${defaultOs}; one of ${osIds.join(', ')})`)
    .addOption(new Option('--arch <arch>', 'amd64 (x64), x86 or arm64 (default amd64)').argParser(arch))
    .addOption(new Option('--testsigning <on|off>', 'test signing (default on)').argParser((v: string) => onOff(v, '--testsigning')))
    .option('--kdnet-port <n>', "kernel debugging over the network: the host's port (50000-50039 as Visual Studio uses)")
    .option('--kdnet-key <key>', 'the KDNET key (default: a new random one), e.g. 1.2.3.4')
    .option('--kdnet-host <ip>', "the debugging host's IPv4 address")
    .option('--force', 'provision over an existing target')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `\n${exitCodeTables.target}`);
}

/** `target init`'s arguments (after `init`); the help text instead for -h/--help. Values are checked by target.ts. */
export function parseTargetInitArgs(argv: readonly string[], defaultOs: string, osIds: readonly string[]): TargetInitArgs | { help: string } {
  const parsed = parseGnu(initProgram(defaultOs, osIds), lowerOptionNames(argv), {
    unknown: (arg) => `target init: unknown option "${arg}"; run "wdksim target init --help"`,
    missing: (flag) => `target: ${flag} needs a value`,
  });
  if (parsed.help !== undefined) return { help: parsed.help };
  const [dir, second] = parsed.args;
  if (second !== undefined) throw new UsageError(`target init: one directory only ("${dir}" and "${second}")`);
  const o = parsed.opts as { os?: string; arch?: TargetArch; testsigning?: boolean; kdnetPort?: string; kdnetKey?: string; kdnetHost?: string; force?: boolean; json?: boolean };
  return {
    arch: o.arch ?? 'amd64',
    testsigning: o.testsigning ?? true,
    force: Boolean(o.force),
    json: Boolean(o.json),
    ...(dir !== undefined ? { dir } : {}),
    ...(o.os !== undefined ? { osId: o.os } : {}),
    ...(o.kdnetPort !== undefined ? { port: o.kdnetPort } : {}),
    ...(o.kdnetKey !== undefined ? { key: o.kdnetKey } : {}),
    ...(o.kdnetHost !== undefined ? { host: o.kdnetHost } : {}),
  };
}

const tail = zodValue(z.string().regex(/^\d+$/).transform(Number), (v) => `target log: --tail takes a number of lines, got "${v}"`);

/** `target log`'s arguments; the help text instead for -h/--help. */
export function parseTargetLogArgs(argv: readonly string[]): { tail?: number } | { help: string } {
  const program = gnuProgram('wdksim target log')
    .description('Prints %windir%\\INF\\setupapi.dev.log of the target.')
    .addOption(new Option('--tail <n>', 'only the last N lines').argParser(tail))
    .addHelpText('after', `\n${exitCodeTables.target}`);
  const parsed = parseGnu(program, argv, {
    unknown: (arg) => `target log: unknown argument "${arg}"; run "wdksim target log --help"`,
    missing: (flag) => `target: ${flag} needs a value`,
  });
  if (parsed.help !== undefined) return { help: parsed.help };
  if (parsed.args.length) throw new UsageError(`target log: unknown argument "${parsed.args[0]}"`);
  const o = parsed.opts as { tail?: number };
  return o.tail !== undefined ? { tail: o.tail } : {};
}

/** `target verify`'s options; the help text instead for -h/--help. */
export function parseTargetVerifyArgs(argv: readonly string[]): { full: boolean; repair: boolean } | { help: string } {
  const unknown = (arg: string) => `target verify: unknown argument "${arg}" (options: --full, --repair)`;
  const program = gnuProgram('wdksim target verify')
    .description("Checks the target's consistency: files and hashes, published INFs against the driver store.")
    .option('--full', 're-hash every file (by default files unchanged in size and time since they last matched are not)')
    .option('--repair', 'rebuild a state that cannot be read or restored from the files on disk (driver store packages; devices are lost)')
    .addHelpText('after', `\n${exitCodeTables.target}`);
  const parsed = parseGnu(program, argv, { unknown, missing: unknown });
  if (parsed.help !== undefined) return { help: parsed.help };
  if (parsed.args.length) throw new UsageError(unknown(parsed.args[0]!));
  return { full: Boolean(parsed.opts.full), repair: Boolean(parsed.opts.repair) };
}

/** `target show`'s options (names in any case, as before commander); the help text instead for -h/--help. */
export function parseTargetShowArgs(argv: readonly string[]): { json: boolean } | { help: string } {
  const unknown = (arg: string) => `target show: unknown argument "${arg}"`;
  const program = gnuProgram('wdksim target show')
    .description('Prints what the target machine is and holds: OS, boot settings, certificates, driver packages, devices with a problem.')
    .option('--json', 'print the machine state as JSON')
    .addHelpText('after', `\n${exitCodeTables.target}`);
  const parsed = parseGnu(program, lowerOptionNames(argv), { unknown, missing: unknown });
  if (parsed.help !== undefined) return { help: parsed.help };
  if (parsed.args.length) throw new UsageError(unknown(parsed.args[0]!));
  return { json: Boolean(parsed.opts.json) };
}

/** `target reboot` takes no arguments; the help text for -h/--help. */
export function parseTargetRebootArgs(argv: readonly string[]): Record<string, never> | { help: string } {
  const unknown = (arg: string) => `target reboot: unknown argument "${arg}"`;
  const program = gnuProgram('wdksim target reboot')
    .description('Restarts the target: applies pending boot settings (bcdedit: test signing, debugging) and starts its devices again.')
    .addHelpText('after', `\n${exitCodeTables.target}`);
  const parsed = parseGnu(program, argv, { unknown, missing: unknown });
  if (parsed.help !== undefined) return { help: parsed.help };
  if (parsed.args.length) throw new UsageError(unknown(parsed.args[0]!));
  return {};
}

// The wdksim program: global options, then dispatch to one tool. Errors are
// mapped to exit codes here and nowhere else.
import { environmentError, WdksimError } from './errors.js';
import { nodeIo, type Context, type Io } from './io.js';
import { createClock } from './time/clock.js';
import { commands, findCommand } from './commands/registry.js';
import { applySettings } from './settings.js';
import { installSignalHandlers } from './signals.js';

/** A bad setting is a bad command line: each tool's usage exit code. */
const USAGE_EXIT: Record<string, number> = { devcon: 3, inf2cat: 255, pnputil: 87 };

import { VERSION } from './version.js';

export const version: string = VERSION;

interface Globals {
  now?: string;
  target?: string;
  color?: boolean;
  rest: string[];
}

/** Pulls the global options out of argv wherever they stand (before `--`). */
export function extractGlobals(argv: string[]): Globals {
  const globals: Globals = { rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      globals.rest.push(...argv.slice(i));
      break;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--now' || flag === '--target') {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new WdksimError(`${flag} needs a value`, 2);
      if (flag === '--now') globals.now = value;
      else globals.target = value;
    } else if (arg === '--no-color') {
      globals.color = false;
    } else if (arg === '--color') {
      globals.color = true;
    } else {
      globals.rest.push(arg);
    }
  }
  return globals;
}

function wantColor(io: Io, explicit: boolean | undefined): boolean {
  if (explicit !== undefined) return explicit;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}${c.mirrors !== '-' ? ` (${c.mirrors})` : ''}`);
  return [
    `wdksim ${version}: the Windows Driver Kit's packaging and install tools, on any OS`,
    '',
    'Usage: wdksim [--now ISO] [--target DIR] [--no-color] <tool> [arguments]',
    '',
    'Tools:',
    ...lines,
    '',
    'Global options:',
    '  --now ISO-8601   the current time for every date decision (also WDKSIM_NOW, SOURCE_DATE_EPOCH); TZ sets the local zone',
    '  --target DIR     the simulated target machine (also WDKSIM_TARGET; default ./wdksim-target)',
    '  --color, --no-color',
    '  -V, --version    print the version',
    '  -h, --help       print this help; `wdksim <tool> --help` for a tool',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  try {
    const globals = extractGlobals(argv);
    const [name, ...rest] = globals.rest;
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      io.stdout(usage());
      return name === undefined ? 2 : 0;
    }
    if (name === '-V' || name === '--version' || name === 'version') {
      io.stdout(`${version}\n`);
      return 0;
    }
    const entry = findCommand(name);
    if (!entry) {
      io.stderr(`wdksim: unknown tool "${name}"; run "wdksim --help" for the list\n`);
      return 2;
    }
    applySettings(io.env, USAGE_EXIT[entry.name] ?? 2);
    const ctx: Context = {
      io,
      clock: createClock(io.env, globals.now),
      target: globals.target,
      color: wantColor(io, globals.color),
    };
    const command = await entry.load();
    return await command.run(rest, ctx);
  } catch (error) {
    if (error instanceof WdksimError) {
      io.stderr(`wdksim: ${error.message}\n`);
      return error.exitCode;
    }
    const environment = environmentError(error);
    if (environment) {
      io.stderr(`wdksim: ${environment.message}\n`);
      return environment.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`wdksim: internal error: ${message} (this is a bug in wdksim; please report it with the command line you ran)\n`);
    if (io.env.WDKSIM_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 2;
  }
}

/** Entry point for bin/wdksim.js. */
export async function main(): Promise<void> {
  installSignalHandlers();
  const code = await runCli(process.argv.slice(2), nodeIo());
  if (!process.exitCode) process.exitCode = code;
}

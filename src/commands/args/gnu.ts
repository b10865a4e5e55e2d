// The one grammar of wdksim's own GNU-style commands (target, cert, catalog, build,
// demo, doctor, inf): commander, with its generated --help. Commander never prints
// an error or exits here: a usage error becomes a UsageError (one line naming the
// bad option and `--help`, exit code 2 through src/cli.ts), help text is returned
// to the command, which prints it. Each command declares its options in
// src/commands/args/<command>.ts.
import { Command, CommanderError } from 'commander';
import type { ZodType } from 'zod';
import { UsageError } from '../../errors.js';

/** How a command words its usage errors (kept from before commander, so the messages do not change). */
export interface UsageMessages {
  /** An option the command does not have (`--x`, `-x`). */
  unknown: (arg: string) => string;
  /** An option that needs a value and got none. */
  missing: (flag: string) => string;
  /** Any other commander complaint (its own text, `error: ` removed). */
  other?: (text: string) => string;
}

/** A commander program that throws instead of printing and exiting. */
export function gnuProgram(name: string): Command {
  return new Command(name)
    .exitOverride()
    .allowExcessArguments(true) // the command says "one X at a time" in its own words
    .helpOption('-h, --help', 'show this help')
    .configureHelp({ helpWidth: 100 }) // the same help on every terminal (and in tests)
    .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
}

export type Parsed = { help: string } | { help?: undefined; args: string[]; opts: Record<string, unknown> };

/** Parses argv (without the command name) by the program; returns the help text instead when -h/--help was given. */
export function parseGnu(program: Command, argv: readonly string[], messages: UsageMessages): Parsed {
  let help = '';
  program.configureOutput({
    writeOut: (s) => {
      help += s;
    },
    writeErr: () => {},
    outputError: () => {},
  });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') return { help };
    throw new UsageError(usageMessage(error, messages));
  }
  return { args: program.args, opts: program.opts() };
}

function usageMessage(error: CommanderError, messages: UsageMessages): string {
  const text = error.message.replace(/^error: /, '').split('\n')[0]!;
  const quoted = /'([^']+)'/.exec(text)?.[1] ?? '';
  switch (error.code) {
    case 'commander.unknownOption':
      return messages.unknown(quoted);
    case 'commander.optionMissingArgument':
      return messages.missing(quoted.split(/[ ,]/).find((f) => f.startsWith('--')) ?? quoted.split(' ')[0]!);
    default:
      return messages.other ? messages.other(text) : text;
  }
}

/** An option parser from a zod schema: the value as the schema reads it, or the message as a usage error. */
export function zodValue<T>(schema: ZodType<T>, message: (value: string) => string): (value: string) => T {
  return (value: string) => {
    const result = schema.safeParse(value);
    if (!result.success) throw new UsageError(message(value));
    return result.data;
  };
}

/** A value that must not be empty (`--out=`): commander would take it, wdksim's commands never did. */
export function nonEmpty(message: (flag: string) => string, flag: string): (value: string) => string {
  return (value: string) => {
    if (value === '') throw new UsageError(message(flag));
    return value;
  };
}

/** Option names were case-insensitive before commander (--FORMAT) in some commands; they still are there. */
export function lowerOptionNames(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((arg, i) => ((end !== -1 && i > end) || !arg.startsWith('--') ? arg : arg.replace(/^--[^=]*/, (name) => name.toLowerCase())));
}

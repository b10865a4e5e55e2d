// `wdksim inf parse` arguments (commander; see ./gnu.ts).
import { UsageError } from '../../errors.js';
import { gnuProgram, parseGnu } from './gnu.js';

// Not the lint table: inf parse has no --max-warnings.
const INF_PARSE_EXIT_CODES = 'Exit codes: 0 no errors, 1 errors found, 2 usage error or unreadable input.';

function program() {
  return gnuProgram('wdksim inf parse')
    .usage('<file|-> [--json]')
    .description('Prints the parsed INF: sections, entries (key and fields as Windows reads them) and diagnostics.')
    .argument('<file>', 'INF or INX file, or - for standard input')
    .option('--json', 'print the document as JSON')
    .addHelpText('after', `\n${INF_PARSE_EXIT_CODES}`);
}

export function infHelp(): string {
  return (parseGnu(program(), ['--help'], { unknown: String, missing: String }) as { help: string }).help;
}

/** `inf parse`'s arguments (after `parse`); the help text instead for -h/--help. */
export function parseInfParseArgs(argv: readonly string[]): { file: string; json: boolean } | { help: string } {
  const parsed = parseGnu(program(), argv, {
    unknown: (arg) => `inf parse: unknown option "${arg}"; run "wdksim inf --help"`,
    missing: (flag) => `inf parse: ${flag} needs a value; run "wdksim inf --help"`,
    other: (text) => `inf parse: ${text}; run "wdksim inf --help"`,
  });
  if (parsed.help !== undefined) return { help: parsed.help };
  const [file, second] = parsed.args;
  if (file === undefined) throw new UsageError('inf parse: which file? give an INF or INX file, or - for standard input; run "wdksim inf --help"');
  if (second !== undefined) throw new UsageError(`inf parse: one file at a time; got "${file}" and "${second}"`);
  return { file, json: Boolean(parsed.opts.json) };
}

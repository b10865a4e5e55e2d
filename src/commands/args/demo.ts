// `wdksim demo` arguments (commander; see ./gnu.ts).
import { UsageError } from '../../errors.js';
import { exitCodeTables } from '../../exit-codes.js';
import { gnuProgram, parseGnu } from './gnu.js';

function program() {
  return gnuProgram('wdksim demo')
    .description(
      `Replays the KMDF "Hello World" driver tutorial on the bundled KmdfHelloWorld project:
creates the project in DIR (default: a new folder wdksim-demo under the current one),
builds it (a placeholder .sys, as nothing compiles C here), provisions a simulated
target machine DIR/wdksim-target (test signing on, KDNET port 50000, key 1.2.3.4),
deploys the package, installs it with devcon for Root\\KmdfHelloWorld, checks the
device's status and the target's consistency, and shows where to look.
Every step is printed as the wdksim command it runs.`,
    )
    .argument('[dir]', 'a new or empty folder (default: a new folder wdksim-demo under the current one)')
    .addHelpText(
      'after',
      `
DIR must be new or empty. --now and TZ fix the clock, as for every tool.

${exitCodeTables.demo}`,
    );
}

export function parseDemoArgs(argv: readonly string[]): { dir?: string; help?: string } {
  const parsed = parseGnu(
    program(),
    argv.map((a) => (a === '/?' ? '--help' : a)),
    {
      unknown: (arg) => `demo: unknown option "${arg}"; run "wdksim demo --help"`,
      missing: (flag) => `demo: ${flag} needs a value; run "wdksim demo --help"`,
    },
  );
  if (parsed.help !== undefined) return { help: parsed.help };
  const [dir, second] = parsed.args;
  if (second !== undefined) throw new UsageError(`demo: one folder at a time; got "${dir}" and "${second}"`);
  return dir !== undefined ? { dir } : {};
}

// `wdksim deploy` arguments (commander; see ./gnu.ts).
import { UsageError } from '../../errors.js';
import { exitCodeTables } from '../../exit-codes.js';
import { gnuProgram, parseGnu } from './gnu.js';

const NEEDS_HWID = 'deploy: --install needs a hardware ID (e.g. Root\\KmdfHelloWorld)';

function program() {
  return gnuProgram('wdksim [--target DIR] deploy')
    .usage('PACKAGE_DIR|INF [--install HWID]')
    .description(
      `Copies a driver package to %SystemDrive%\\DriverTest\\Drivers on the target:
the INF, its catalog, every file the INF names and the package's .cer test
certificates, which are imported into the target's Root and TrustedPublisher
stores. With --install HWID, installs it as "devcon install INF HWID" does
(Visual Studio's "Hardware ID Driver Update"): creates ROOT\\<CLASS>\\NNNN and
installs the driver on every device with that hardware ID.`,
    )
    .argument('[package]', 'the package folder, or its INF')
    .option('--install <hwid>', 'then install it for the hardware ID, e.g. Root\\KmdfHelloWorld')
    .addHelpText('after', `\nThe target is --target DIR, else WDKSIM_TARGET, else ./wdksim-target.\n\n${exitCodeTables.deploy}`);
}

const messages = {
  unknown: (arg: string) => `deploy: unknown option "${arg}"; run "wdksim deploy --help"`,
  missing: () => NEEDS_HWID,
};

/** deploy's arguments; the help text instead for -h/--help, or with no package named (then printed as a usage error). */
export function parseDeployArgs(argv: readonly string[]): { source: string; hwid?: string } | { help: string; usage: boolean } {
  const parsed = parseGnu(program(), argv, messages);
  if (parsed.help !== undefined) return { help: parsed.help, usage: false };
  if (parsed.args.includes('-')) throw new UsageError(messages.unknown('-')); // names no package, as before commander
  const [source, second] = parsed.args;
  if (second !== undefined) throw new UsageError(`deploy: one package only ("${source}" and "${second}")`);
  const hwid = parsed.opts.install as string | undefined;
  if (hwid === '') throw new UsageError(NEEDS_HWID);
  if (!source) return { help: (parseGnu(program(), ['--help'], messages) as { help: string }).help, usage: true };
  return { source, ...(hwid !== undefined ? { hwid } : {}) };
}

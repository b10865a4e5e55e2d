// `wdksim infdefaultinstall X.inf`: what InfDefaultInstall.exe (Explorer's
// right-click "Install" on an INF) does on the target: InstallHinfSection
// "DefaultInstall 132 X.inf" (docs/target.md "DefaultInstall packages").
import { UsageError } from '../errors.js';
import type { Context } from '../io.js';
import { exitCodeTables } from '../exit-codes.js';
import { runHinf } from './rundll32.js';

const HELP = `Usage: wdksim [--target DIR] infdefaultinstall INF

Runs the INF's [DefaultInstall] section (.NT<arch>, .NT or undecorated) on the
target as InfDefaultInstall.exe does: CopyFiles, DelFiles, RenFiles, AddReg,
DelReg and [DefaultInstall.Services] (AddService, DelService), from the INF's
own folder, outside the driver store. A primitive driver (no [Manufacturer],
only [DefaultInstall.NT<arch>]) is staged and installed from the driver store
instead, as Windows 10 1903 and later do. Remove a legacy install with
  wdksim rundll32 setupapi.dll,InstallHinfSection DefaultUninstall 132 INF

${exitCodeTables.infdefaultinstall}
`;

export async function run(argv: string[], ctx: Context): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help') || argv.includes('/?')) {
    ctx.io.stdout(HELP);
    return 0;
  }
  const json = argv.includes('--json');
  const args = argv.filter((a) => a !== '--json');
  if (args.length !== 1) throw new UsageError('infdefaultinstall: give exactly one INF file (run "wdksim infdefaultinstall --help")');
  return runHinf(ctx, { section: 'DefaultInstall', mode: 132, inf: args[0]!, caller: 'InfDefaultInstall', json });
}

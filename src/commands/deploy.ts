// `wdksim deploy PACKAGE_DIR|INF [--install HWID]`: Visual Studio's driver
// deployment: copy the package to C:\DriverTest\Drivers on the target, import
// its test certificates, and optionally install it (devcon install).
import type { Context } from '../io.js';
import { deployPackage, installDriverOnDevices, problemName } from '../machine/engine.js';
import { InstallError } from '../machine/install-error.js';
import { toWindowsPath } from '../machine/layout.js';
import { openTarget } from '../machine/target.js';
import { parseDeployArgs } from './args/deploy.js';

export async function run(argv: string[], ctx: Context): Promise<number> {
  const args = parseDeployArgs(argv);
  if ('help' in args) {
    // No package named: the help is the usage error.
    if (args.usage) ctx.io.stderr(args.help);
    else ctx.io.stdout(args.help);
    return args.usage ? 2 : 0;
  }
  const { source, hwid } = args;
  const target = await openTarget(ctx);
  const out = (s: string) => ctx.io.stdout(`${s}\n`);
  const result = await target.transaction('deploy', (tx) => deployPackage(tx, source));
  out(`Deploying ${source} to ${target.root} (C:\\DriverTest\\Drivers)`);
  for (const c of result.copied) out(`  Copied ${toWindowsPath(c)}`);
  for (const c of result.certificates) {
    out(
      c.addedTo.length
        ? `  Imported certificate "${c.subject}" (${c.thumbprint}) into ${c.addedTo.join(' and ')}`
        : `  Certificate "${c.subject}" (${c.thumbprint}) is already trusted`,
    );
  }
  for (const m of result.missing) ctx.io.stderr(`deploy: warning: ${m} is named by the INF but not in the package; installing will fail on it\n`);
  out(`Deployment complete: ${result.copied.length} file(s) copied.`);
  if (!hwid) return 0;

  const inf = result.infs[0]!;
  if (result.infs.length > 1) ctx.io.stderr(`deploy: warning: the package has ${result.infs.length} INFs; installing ${inf}\n`);
  try {
    const installed = await target.transaction('deploy --install', (tx) => installDriverOnDevices(tx, { infPath: inf, hardwareId: hwid!, createRootDevice: true, force: true }));
    out('Device node created. Install is complete when drivers are installed...');
    out(`Updating drivers for ${hwid} from ${toWindowsPath(`DriverTest/Drivers/${inf.split(/[\\/]/).pop()}`)}.`);
    out('Drivers installed successfully.');
    for (const d of installed.devices) {
      if (d.problem !== 0)
        ctx.io.stderr(
          `deploy: warning: ${d.instanceId} has problem ${d.problem} (${problemName(d.problem)})${d.problem === 52 ? '; turn test signing on (wdksim target bcdedit /set testsigning on) and reboot the target (wdksim target reboot)' : ''}\n`,
        );
    }
    return installed.rebootRequired ? 1 : 0;
  } catch (error) {
    if (error instanceof InstallError) {
      ctx.io.stderr(`deploy: install failed: ${error.message} (${error.hex})\n`);
      return 2;
    }
    throw error;
  }
}

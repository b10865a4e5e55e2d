// `wdksim deploy PACKAGE_DIR|INF [--install HWID]`: Visual Studio's driver
// deployment: copy the package to C:\DriverTest\Drivers on the target, import
// its test certificates, and optionally install it (devcon install).
import { UsageError } from '../errors.js';
import { exitCodeTables } from '../exit-codes.js';
import type { Context } from '../io.js';
import { deployPackage, installDriverOnDevices, problemName } from '../machine/engine.js';
import { InstallError } from '../machine/install-error.js';
import { toWindowsPath } from '../machine/layout.js';
import { openTarget } from '../machine/target.js';

const HELP = `Usage: wdksim [--target DIR] deploy PACKAGE_DIR|INF [--install HWID]

Copies a driver package to %SystemDrive%\\DriverTest\\Drivers on the target:
the INF, its catalog, every file the INF names and the package's .cer test
certificates, which are imported into the target's Root and TrustedPublisher
stores. With --install HWID, installs it as "devcon install INF HWID" does
(Visual Studio's "Hardware ID Driver Update"): creates ROOT\\<CLASS>\\NNNN and
installs the driver on every device with that hardware ID.

${exitCodeTables.deploy}
`;

export async function run(argv: string[], ctx: Context): Promise<number> {
  let source: string | undefined;
  let hwid: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') {
      ctx.io.stdout(HELP);
      return 0;
    }
    if (a === '--install' || a.startsWith('--install=')) {
      hwid = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!hwid) throw new UsageError('deploy: --install needs a hardware ID (e.g. Root\\KmdfHelloWorld)');
    } else if (a.startsWith('-')) {
      throw new UsageError(`deploy: unknown option "${a}"; run "wdksim deploy --help"`);
    } else if (source === undefined) {
      source = a;
    } else {
      throw new UsageError(`deploy: one package only ("${source}" and "${a}")`);
    }
  }
  if (!source) {
    ctx.io.stderr(HELP);
    return 2;
  }
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

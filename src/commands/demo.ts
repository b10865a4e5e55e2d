// `wdksim demo [DIR]`: the "Write a Hello World Windows driver (KMDF)"
// tutorial end to end, on the bundled KmdfHelloWorld project: create the
// project, build it, provision a test target (test signing, KDNET port 50000
// key 1.2.3.4), deploy, devcon install and status, then where to look. Each
// step is shown as the `$ wdksim ...` command it runs, so the transcript can
// be replayed by hand.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DEMO_PROJECT_NAME } from '../build/demo-project.js';
import { writeDemoProject } from '../build/demo-setup.js';
import { commandLine } from '../build/display.js';
import { runCaptured } from '../build/tool-runner.js';
import { UsageError } from '../errors.js';
import { BuildExit } from '../exit-codes.js';
import { parseDemoArgs } from './args/demo.js';
import type { Context } from '../io.js';
import type { CommandEntry } from './types.js';

const HWID = 'Root\\KmdfHelloWorld';
const TARGET = 'wdksim-target';

function freshDir(cwd: string): string {
  for (let n = 1; ; n++) {
    const dir = join(cwd, n === 1 ? 'wdksim-demo' : `wdksim-demo-${n}`);
    if (!existsSync(dir)) return dir;
  }
}

/** The oemN.inf the install published for KmdfHelloWorld, to point at the real file. */
function publishedInf(target: string): string | undefined {
  const inf = join(target, 'Windows', 'INF');
  try {
    return readdirSync(inf)
      .filter((n) => /^oem\d+\.inf$/i.test(n))
      .sort()
      .find((n) => readFileSync(join(inf, n), 'latin1').includes(DEMO_PROJECT_NAME));
  } catch {
    return undefined;
  }
}

/** `findCommand` is the command registry's lookup, passed in by the registry (which loads this module). */
export async function run(argv: string[], ctx: Context, findCommand: (name: string) => CommandEntry | undefined): Promise<number> {
  const args = parseDemoArgs(argv);
  if (args.help !== undefined) {
    ctx.io.stdout(args.help);
    return BuildExit.ok;
  }
  const dir = args.dir !== undefined ? resolve(ctx.io.cwd, args.dir) : freshDir(ctx.io.cwd);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    throw new UsageError(`demo: ${dir} is not an empty folder; pass a new or empty DIR so nothing of yours is overwritten`);
  }
  const out = ctx.io.stdout;
  const say = (text: string) => out(`${text}\n`);
  const shownDir = relative(ctx.io.cwd, dir) || '.';
  const demoCtx: Context = { ...ctx, io: { ...ctx.io, cwd: dir }, target: join(dir, TARGET) };

  const step = async (tool: string, toolArgv: string[]): Promise<boolean> => {
    say(`$ ${commandLine(tool, toolArgv)}`);
    const command = await findCommand(tool)!.load();
    const result = await runCaptured(command.run, toolArgv, demoCtx);
    if (result.output) out(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
    if (result.exitCode !== 0) {
      say('');
      say(`demo: "${commandLine(tool, toolArgv)}" failed with exit code ${result.exitCode}; its output is above.`);
      say(`The project and the target are left in ${shownDir} to look at.`);
      return false;
    }
    say('');
    return true;
  };

  say(`KMDF Hello World, step by step, in ${shownDir}`);
  say('');
  say(`1. Create the project (Visual Studio: New Project > Kernel Mode Driver, Empty (KMDF); add Driver.c).`);
  await writeDemoProject(dir, { useLocalTime: true });
  say(`$ cd ${shownDir}`);
  say(`   ${DEMO_PROJECT_NAME}/${DEMO_PROJECT_NAME}.vcxproj   the driver project (Debug|x64, KMDF, Windows10)`);
  say(`   ${DEMO_PROJECT_NAME}/${DEMO_PROJECT_NAME}.inx       the INF template: hardware ID ${HWID} under [Standard.NT$ARCH$]`);
  say(`   ${DEMO_PROJECT_NAME}/Driver.c                DriverEntry and KmdfHelloWorldEvtDeviceAdd from the tutorial`);
  say("   The tutorial's tip is applied: Inf2Cat > General > Use Local Time = Yes (<Inf2CatUseLocalTime>true</Inf2CatUseLocalTime>),");
  say('   so stampinf and inf2cat both use the local date and a fresh DriverVer is never "in the future" (Inf2Cat error 22.9.7).');
  say('');

  say('2. Build the solution (stampinf, signtool, inf2cat). Nothing compiles C here, so a placeholder');
  say('   KmdfHelloWorld.sys (a minimal native PE image marked WDKSIM-PLACEHOLDER) stands in for the driver.');
  if (!(await step('build', [DEMO_PROJECT_NAME, '--configuration', 'Debug', '--platform', 'x64', '--placeholder-binaries']))) return BuildExit.failed;
  const packageDir = `${DEMO_PROJECT_NAME}/x64/Debug/${DEMO_PROJECT_NAME}`;

  say('3. Provision the target computer: test signing on, kernel debugging over the network (port 50000, key 1.2.3.4).');
  if (!(await step('target', ['init', TARGET, '--testsigning', 'on', '--kdnet-port', '50000', '--kdnet-key', '1.2.3.4']))) return BuildExit.failed;

  say(`4. Deploy: copy the package (.inf, .cat, test certificate, .sys) to the target's %SystemDrive%\\DriverTest\\Drivers.`);
  if (!(await step('deploy', [packageDir]))) return BuildExit.failed;

  say(`5. Install the driver for the root-enumerated device ${HWID}, from the deployed copy, as on the target.`);
  if (!(await step('devcon', ['install', `${TARGET}/DriverTest/Drivers/${DEMO_PROJECT_NAME}.inf`, HWID]))) return BuildExit.failed;

  say('6. Check that the device exists and its driver is running.');
  if (!(await step('devcon', ['status', HWID]))) return BuildExit.failed;
  if (!(await step('target', ['verify']))) return BuildExit.failed;

  say('7. Where to look: the install log, the service key as regedit exports it, and the files.');
  if (!(await step('target', ['log', '--tail', '12']))) return BuildExit.failed;
  if (!(await step('target', ['reg', 'export', `HKLM\\SYSTEM\\CurrentControlSet\\Services\\${DEMO_PROJECT_NAME}`, `${DEMO_PROJECT_NAME}-service.reg`]))) return BuildExit.failed;
  const places: Array<[string, string]> = [
    [`${packageDir}/`, 'the package the build made (.inf, .sys, .cat, .cer)'],
    [`${TARGET}/DriverTest/Drivers/`, 'the deployed copy (%SystemDrive%\\DriverTest\\Drivers)'],
    [`${TARGET}/Windows/System32/DriverStore/FileRepository/`, 'the package staged in the driver store'],
    [`${TARGET}/Windows/INF/${publishedInf(join(dir, TARGET)) ?? 'oem*.inf'}`, 'the published INF (devcon dp_enum lists it)'],
    [`${TARGET}/Windows/System32/drivers/${DEMO_PROJECT_NAME}.sys`, 'the driver, copied by the INF (DIRID 12)'],
    [`${TARGET}/Windows/INF/setupapi.dev.log`, 'the device install log (wdksim target log)'],
    [`${DEMO_PROJECT_NAME}-service.reg`, 'the service key (wdksim target reg query ... /s)'],
  ];
  const width = Math.max(...places.map(([p]) => p.length));
  for (const [place, what] of places) say(`   ${place.padEnd(width)}  ${what}`);
  say('');
  say('On real hardware the next step is the debugger on the host: WinDbg -k net:port=50000,key=1.2.3.4');
  say('Done: every step of the tutorial worked.');
  return BuildExit.ok;
}

// wdksim devcon: the Device Console sample's command line against the
// simulated target (wdk-tools.md §5). Usage and failure messages go to stderr,
// everything else to stdout; exit codes 0 ok, 1 reboot needed, 2 failure,
// 3 usage, as devcon.h. `--json` anywhere prints one JSON object instead.
import { stat } from 'node:fs/promises';
import { WdksimError } from '../errors.js';
import { DevconExit, exitCodeTables } from '../exit-codes.js';
import type { Context } from '../io.js';
import { applyFilterOps, applyHwidOps, type ChangeOutcome } from '../pnp/devices.js';
import { changeEnabled, changeRemove, changeRestart, rebootMachine, rescanTarget, setClassFilters, setHardwareIds } from '../pnp/apply.js';
import { infSetupClass, installForHardwareId } from '../pnp/driver-install.js';
import { deviceLine } from '../devcon/format.js';
import { parseDevconLine, type DevconLine } from '../devcon/grammar.js';
import { commandUsageText, COMMAND_NAMES, failureText, helpText, usageText } from '../devcon/help.js';
import { runClasses, runDpEnum, runListClass } from '../devcon/listing.js';
import { viewOf } from '../pnp/machine.js';
import { runReport, runReportAll, type CommandResult, type ReportKind } from '../devcon/report.js';
import { selectDevices } from '../pnp/select.js';
import { driverNodes, type DriverNode } from '../pnp/nodes.js';
import { resolveUserPath } from '../machine/user-paths.js';
import { classesNamed, sameText } from '../pnp/view.js';
import { openTarget, type Target, type Transaction } from '../machine/target.js';
import { deleteDriverPackage, stageDriverPackage } from '../machine/engine.js';
import { InstallError, SetupError } from '../machine/install-error.js';
import type { MachineState } from '../machine/schema.js';
import { LazyState } from '../machine/lazy-state.js';
import type { DevconJson } from '../json-records.js';

const BASE = 'devcon';

/** Commands that refuse -m (they need class installers on the local machine). */
const LOCAL_ONLY = new Set(['enable', 'disable', 'restart', 'remove', 'removeall', 'install', 'update', 'updateni', 'reboot', 'driverfiles', 'drivernodes']);

interface Outcome extends CommandResult {
  /** A reason wdksim adds under devcon's "failed." line (devcon itself prints none). */
  reason?: string;
}

const usage = (): Outcome => ({ code: DevconExit.usage, out: '', json: {} });
const fail = (reason?: string, out = ''): Outcome => ({ code: DevconExit.fail, out, json: {}, reason });

async function load(ctx: Context): Promise<{ target: Target; state: MachineState }> {
  const target = await openTarget(ctx);
  return { target, state: await target.readLive() };
}

async function report(ctx: Context, kind: ReportKind, line: DevconLine): Promise<Outcome> {
  if (line.args.length === 0) return usage();
  const { target, state } = await load(ctx);
  if ((kind === 'find' || kind === 'findall' || kind === 'status') && !line.json && line.args.length === 1 && line.args[0] === '*' && state instanceof LazyState)
    return runReportAll(kind, (pick) => state.scanListings('devices', pick), line.machine);
  const view = viewOf(state);
  let nodes: Map<string, DriverNode[]> | undefined;
  if (kind === 'drivernodes') {
    const selection = selectDevices(view, line.args, { includePhantoms: false });
    if (selection.kind === 'devices') nodes = await driverNodes(target.root, state, selection.devices);
  }
  return runReport(view, kind, line.args, line.machine, nodes);
}

const WORDS: Record<'enable' | 'disable' | 'restart', { done: string; reboot: string; failed: string }> = {
  enable: { done: 'Enabled', reboot: 'Enabled on reboot', failed: 'Enable failed' },
  disable: { done: 'Disabled', reboot: 'Disabled on reboot', failed: 'Disable failed' },
  restart: { done: 'Restarted', reboot: 'Requires reboot', failed: 'Restart failed' },
};

function controlTail(cmd: 'enable' | 'disable' | 'restart', count: number, reboot: boolean): string {
  if (count === 0) return 'No matching devices found.\n';
  if (cmd === 'enable')
    return reboot ? `The ${count} device(s) are ready to be enabled. To enable the devices, restart the devices or\nreboot the system .\n` : `${count} device(s) are enabled.\n`;
  if (cmd === 'disable')
    return reboot ? `The ${count} device(s) are ready to be disabled. To disable the devices, restart the\ndevices or reboot the system .\n` : `${count} device(s) disabled.\n`;
  return reboot ? `The ${count} device(s) are ready to be restarted. To restart the devices, reboot the system.\n` : `${count} device(s) restarted.\n`;
}

/** enable, disable, restart, remove, removeall: one transaction over the selected devices. */
async function change(ctx: Context, cmd: 'enable' | 'disable' | 'restart' | 'remove' | 'removeall', line: DevconLine): Promise<Outcome> {
  if (line.args.length === 0 || line.machine !== undefined) return usage();
  const target = await openTarget(ctx);
  return target.transaction(`devcon ${cmd}`, async (tx) => {
    const selection = selectDevices(viewOf(tx.state), line.args, { includePhantoms: cmd === 'removeall' });
    if (selection.kind === 'usage') return usage();
    let out = '';
    let count = 0;
    let reboot = false;
    const devices: Record<string, unknown>[] = [];
    for (const device of selection.devices) {
      let outcome: ChangeOutcome;
      if (cmd === 'enable' || cmd === 'disable') outcome = await changeEnabled(tx, device.instanceId, cmd === 'enable');
      else if (cmd === 'restart') outcome = await changeRestart(tx, device.instanceId);
      else outcome = await changeRemove(tx, device.instanceId);
      const words = cmd === 'remove' || cmd === 'removeall' ? { done: 'Removed', reboot: 'Removed on reboot', failed: 'Remove failed' } : WORDS[cmd];
      out += deviceLine(device.instanceId, outcome === 'done' ? words.done : outcome === 'reboot' ? words.reboot : words.failed);
      if (outcome !== 'failed') count++;
      if (outcome === 'reboot') reboot = true;
      devices.push({ instanceId: device.instanceId, result: outcome });
    }
    if (cmd === 'remove' || cmd === 'removeall') {
      out +=
        count === 0
          ? 'No devices were removed.\n'
          : reboot
            ? `The ${count} device(s) are ready to be removed. To remove the devices, reboot the system.\n`
            : `${count} device(s) were removed.\n`;
    } else {
      out += controlTail(cmd, count, reboot);
    }
    return { code: reboot && count > 0 ? DevconExit.reboot : DevconExit.ok, out, json: { devices, count, rebootRequired: reboot && count > 0 } };
  });
}

async function rescanCmd(ctx: Context, line: DevconLine): Promise<Outcome> {
  const target = await openTarget(ctx);
  const added = await target.transaction('devcon rescan', (tx) => rescanTarget(tx));
  const out = `${line.machine ? `Scanning for new hardware on ${line.machine}.` : 'Scanning for new hardware.'}\nScanning completed.\n`;
  return { code: DevconExit.ok, out, json: { newDevices: added } };
}

async function rebootCmd(ctx: Context, line: DevconLine): Promise<Outcome> {
  if (line.machine !== undefined) return usage();
  const target = await openTarget(ctx);
  await target.transaction('devcon reboot', (tx) => rebootMachine(tx));
  return { code: DevconExit.ok, out: 'Rebooting the local computer.\n', json: { rebooted: true } };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** update / updateni, and the second half of install. */
async function update(ctx: Context, line: DevconLine, create: boolean): Promise<Outcome> {
  if (line.machine !== undefined || line.args.length < 2) return usage();
  const [inf, hwid] = line.args as [string, string];
  if (!inf || !hwid) return usage();
  const target = await openTarget(ctx);
  const { host: full, display } = await resolveUserPath(ctx.io.cwd, target.root, inf);
  // Install reads the INF's class first; update checks that the INF exists. Either failure prints nothing.
  const cls = await infSetupClass(full);
  if (!cls) {
    // Linux paths are case-sensitive where Windows' are not: say which it is.
    const missing = !(await stat(full).then(
      (s) => s.isFile(),
      () => false,
    ));
    return fail(missing ? `${display}: no such file; check the INF path (and its case)` : `cannot read the setup class of ${display}: [Version] has no Class or ClassGuid`);
  }
  let out = create ? 'Device node created. Install is complete when drivers are installed...\n' : '';
  out += `Updating drivers for ${hwid} from ${display}.\n`;
  const installed = await installForHardwareId(target, {
    infPath: full,
    hardwareId: hwid,
    createRootDevice: create,
    setupClass: cls,
    caller: `devcon ${create ? 'install' : 'update'}`,
  });
  if (!installed.ok) return { ...fail(describe(installed.error), out), json: { error: describe(installed.error), created: installed.created ?? null } };
  const result = installed.result;
  out += 'Drivers installed successfully.\n';
  return {
    code: result.rebootRequired ? DevconExit.reboot : DevconExit.ok,
    out,
    json: { publishedName: result.publishedName, created: result.created ?? null, devices: result.devices.map((d) => d.instanceId), rebootRequired: result.rebootRequired },
  };
}

async function sethwid(ctx: Context, line: DevconLine): Promise<Outcome> {
  const split = line.args.findIndex((a) => a === ':=');
  if (split < 0) return usage();
  const left = line.args.slice(0, split);
  const right = line.args.slice(split + 1);
  if (left.length === 0 || right.length === 0) return usage();
  const target = await openTarget(ctx);
  return target
    .transaction('devcon sethwid', async (tx) => {
      const selection = selectDevices(viewOf(tx.state), left, { includePhantoms: false });
      if (selection.kind === 'usage') return usage();
      let out = '';
      let skipped = 0;
      let modified = 0;
      const devices: Record<string, unknown>[] = [];
      for (const device of selection.devices) {
        if (!device.rootEnumerated) {
          out += deviceLine(device.instanceId, 'Skipping (Not root-enumerated).');
          skipped++;
          devices.push({ instanceId: device.instanceId, skipped: true });
          continue;
        }
        const result = applyHwidOps(device.hardwareIds, right);
        // A bad subcommand stops the enumeration with EXIT_USAGE: nothing is written.
        if (result.kind === 'usage') throw new UsageStop(out);
        setHardwareIds(tx, device.instanceId, result.ids);
        modified++;
        out += deviceLine(device.instanceId, result.ids.join(','));
        devices.push({ instanceId: device.instanceId, hardwareIds: result.ids });
      }
      if (skipped) out += `Skipped ${skipped} non-root device(s), modified the hardware ID on ${modified} device(s).\n`;
      else if (modified) out += `Modified the Hardware ID on ${modified} device(s).\n`;
      else out += "No hardware ID's modified.\n";
      return { code: DevconExit.ok, out, json: { devices, skipped, modified } };
    })
    .catch((error: unknown) => {
      if (error instanceof UsageStop) return { code: DevconExit.usage, out: error.out, json: {} };
      throw error;
    });
}

class UsageStop extends Error {
  constructor(readonly out: string) {
    super('usage');
  }
}

class FailStop extends Error {}

async function classfilter(ctx: Context, line: DevconLine): Promise<Outcome> {
  const [name, which, ...ops] = line.args;
  if (line.args.length < 2 || !name) return usage();
  const target = await openTarget(ctx);
  const run = async (state: MachineState, tx: Transaction | undefined): Promise<Outcome> => {
    const view = viewOf(state);
    const cls = classesNamed(view, name)[0];
    if (!cls) return fail(`there is no "${name}" setup class`);
    const upper = sameText(which!, 'upper');
    if (!upper && !sameText(which!, 'lower')) return usage();
    const current = (upper ? cls.upperFilters : cls.lowerFilters) ?? [];
    const listing = (list: readonly string[]) => list.map((f) => `    ${f}\n`).join('');
    if (ops.length === 0) return { code: DevconExit.ok, out: `Class filters unchanged.\n${listing(current)}`, json: { class: cls.name, filters: current, changed: false } };
    const result = applyFilterOps(current, ops, (svc) => view.services.some((s) => sameText(s, svc)));
    if (result.kind === 'usage') return usage();
    if (result.kind === 'fail') return fail('the filter is not in the list or the service is not installed');
    if (!result.modified)
      return { code: DevconExit.ok, out: `Class filters unchanged.\n${listing(result.filters)}`, json: { class: cls.name, filters: result.filters, changed: false } };
    if (tx) setClassFilters(tx, cls.guid, upper ? 'UpperFilters' : 'LowerFilters', result.filters);
    const out = `Class filters changed. Restart the devices or reboot the system to make the change effective.\n${listing(result.filters)}`;
    return { code: DevconExit.reboot, out, json: { class: cls.name, filters: result.filters, changed: true } };
  };
  if (ops.length === 0) return run(await target.read(), undefined);
  // Only a change is committed; a failed or usage result leaves the target as it was.
  let outcome: Outcome | undefined;
  try {
    await target.transaction('devcon classfilter', async (tx) => {
      outcome = await run(tx.state, tx);
      if (outcome.code !== DevconExit.reboot) throw new FailStop();
    });
  } catch (error) {
    if (!(error instanceof FailStop)) throw error;
  }
  return outcome!;
}

async function dpAdd(ctx: Context, line: DevconLine): Promise<Outcome> {
  if (line.args.length === 0) return usage();
  if (!line.args[0]) return { ...fail(undefined, 'The specified INF path is not valid.\n') };
  const target = await openTarget(ctx);
  const { host: full } = await resolveUserPath(ctx.io.cwd, target.root, line.args[0]);
  try {
    const staged = await target.transaction('devcon dp_add', (tx) => stageDriverPackage(tx, full, { caller: 'devcon dp_add' }));
    return { code: DevconExit.ok, out: `Driver package '${staged.publishedName}' added.\n`, json: { publishedName: staged.publishedName, alreadyStaged: staged.alreadyStaged } };
  } catch (error) {
    if (!(error instanceof WdksimError)) throw error;
    return { ...fail(describe(error), 'Adding the specified driver package to the machine failed.\n'), json: { error: describe(error) } };
  }
}

async function dpDelete(ctx: Context, line: DevconLine): Promise<Outcome> {
  if (line.args.length === 0) return usage();
  // Only the file-name part of the argument reaches SetupUninstallOEMInf.
  const arg = line.args[0]!;
  const name = arg.split(/[\\/]/).pop() ?? '';
  if (!name) return fail(undefined, 'The specified INF path is not valid.\n');
  // SetupUninstallOEMInf accepts only published third-party INFs (oem<N>.inf).
  if (!/^oem\d+\.inf$/i.test(name))
    return {
      ...fail(
        `${name} is not a published third-party package (oem<N>.inf)`,
        'Deleting the specified driver package from the machine failed\nbecause it is not an third-party package.\n',
      ),
      json: { publishedName: name, deleted: false },
    };
  const target = await openTarget(ctx);
  try {
    await target.transaction('devcon dp_delete', (tx) => deleteDriverPackage(tx, name, { force: line.force }));
    return { code: DevconExit.ok, out: `Driver package '${name}' deleted.\n`, json: { publishedName: name, deleted: true } };
  } catch (error) {
    if (!(error instanceof WdksimError)) throw error;
    const code = error instanceof InstallError ? error.code >>> 0 : undefined;
    let out = 'Deleting the specified driver package from the machine failed.\n';
    if (code === SetupError.infInUseByDevices) out = 'Deleting the specified driver package from the machine failed\nbecause it is in use by a device.\n';
    else if (code === SetupError.notAnInstalledOemInf) out = 'Deleting the specified driver package from the machine failed\nbecause it is not an third-party package.\n';
    return { ...fail(describe(error), out), json: { publishedName: name, deleted: false, error: describe(error) } };
  }
}

async function dispatch(ctx: Context, cmd: string, line: DevconLine): Promise<Outcome> {
  if (LOCAL_ONLY.has(cmd) && line.machine !== undefined) return usage();
  switch (cmd) {
    case 'help':
    case '?': {
      const text = helpText(BASE, line.args[0]);
      return { code: DevconExit.ok, out: text, json: { help: text } };
    }
    case 'classes': {
      const { state } = await load(ctx);
      return runClasses(viewOf(state), line.machine);
    }
    case 'listclass': {
      if (line.args.length === 0) return usage();
      const { state } = await load(ctx);
      return runListClass(viewOf(state), line.args, line.machine);
    }
    case 'find':
    case 'findall':
    case 'status':
    case 'hwids':
    case 'stack':
    case 'resources':
    case 'driverfiles':
    case 'drivernodes':
      return report(ctx, cmd, line);
    case 'enable':
    case 'disable':
    case 'restart':
    case 'remove':
    case 'removeall':
      return change(ctx, cmd, line);
    case 'rescan':
      return rescanCmd(ctx, line);
    case 'reboot':
      return rebootCmd(ctx, line);
    case 'install':
      return update(ctx, line, true);
    case 'update':
    case 'updateni':
      return update(ctx, line, false);
    case 'sethwid':
      return sethwid(ctx, line);
    case 'classfilter':
      return classfilter(ctx, line);
    case 'dp_add':
      return dpAdd(ctx, line);
    case 'dp_delete':
      return dpDelete(ctx, line);
    case 'dp_enum': {
      if (line.args.length > 0) return usage();
      const { state } = await load(ctx);
      return runDpEnum(viewOf(state), line.args);
    }
    default:
      return usage();
  }
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    ctx.io.stdout(`${helpText(BASE)}\nwdksim: ${exitCodeTables.devcon} --json prints one JSON object instead of the text.\n`);
    return DevconExit.ok;
  }
  const line = parseDevconLine(argv);
  const cmd = line.command === undefined ? undefined : COMMAND_NAMES.find((c) => c === line.command!.toLowerCase());
  if (cmd === undefined) {
    const text = usageText(BASE);
    if (line.json)
      ctx.io.stdout(JSON.stringify({ tool: 'devcon', command: line.command ?? null, exitCode: DevconExit.usage, error: text.trimEnd() } satisfies DevconJson, null, 2) + '\n');
    else ctx.io.stderr(text);
    return DevconExit.usage;
  }
  const outcome = await dispatch(ctx, cmd, line);
  const name = cmd === '?' ? '?' : cmd;
  let err = '';
  if (outcome.code === DevconExit.usage) err = commandUsageText(BASE, name);
  else if (outcome.code !== DevconExit.ok && outcome.code !== DevconExit.reboot) err = failureText(BASE) + (outcome.reason ? `wdksim: ${outcome.reason}\n` : '');
  if (outcome.code === DevconExit.reboot && line.reboot) {
    // -r: a planned reboot of the target; the exit code stays EXIT_REBOOT.
    const target = await openTarget(ctx);
    await target.transaction('devcon -r reboot', (tx) => rebootMachine(tx));
  }
  if (line.json) {
    ctx.io.stdout(
      JSON.stringify({ tool: 'devcon', command: name, exitCode: outcome.code, ...outcome.json, ...(err ? { error: err.trimEnd() } : {}) } satisfies DevconJson, null, 2) + '\n',
    );
  } else {
    ctx.io.stdout(outcome.out);
    ctx.io.stderr(err);
  }
  return outcome.code;
}

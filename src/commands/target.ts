// `wdksim target init|show|verify|reboot|bcdedit|reg|log`: the simulated
// target machine. Parses arguments, calls src/machine, formats the results.
import { readRegular } from '../machine/fs/jail.js';
import { isAbsolute, resolve } from 'node:path';
import { TargetError, UsageError, describeFsError } from '../errors.js';
import { exitCodeTables } from '../exit-codes.js';
import type { Context } from '../io.js';
import { DEFAULT_OS, findOs, OS_RELEASES } from '../machine/os.js';
import { onOff, parseTargetInitArgs, parseTargetLogArgs, parseTargetRebootArgs, parseTargetShowArgs, parseTargetVerifyArgs } from './args/target.js';
import { generateKdnetKey, ipv4Problem, kdnetKeyProblem, kdnetPortProblem } from '../machine/kdnet.js';
import { provisionTarget } from '../machine/provision.js';
import { openTarget, resolveTargetDir, type Target } from '../machine/target.js';
import { verifyTarget } from '../machine/verify.js';
import { repairTarget } from '../machine/repair.js';
import { rebootTarget } from '../machine/devices.js';
import { Registry } from '../machine/registry.js';
import { regExportBytes, regExportText, regQuery, regQueryValue } from '../machine/reg-format.js';
import { LOG_PATH } from '../machine/setupapi-log.js';
import { problemName } from '../machine/install.js';
import type { MachineState } from '../machine/schema.js';
import { writeUserFile } from '../fs/host-write.js';

const HELP = `Usage: wdksim [--target DIR] target <command> [options]

The simulated target machine: a directory that mirrors a Windows system drive
(Windows\\INF, Windows\\System32\\drivers, the driver store, DriverTest\\Drivers)
plus its state (registry, devices, driver store index, certificate stores,
boot settings) in wdksim-state.json. The target is --target DIR, else
WDKSIM_TARGET, else ./wdksim-target.

Commands:
  init [DIR] [--os ID] [--arch amd64|x86|arm64] [--testsigning on|off]
       [--kdnet-port N [--kdnet-key KEY] [--kdnet-host IP]] [--force]
                         provision a test computer (default OS ${DEFAULT_OS}, amd64, test signing on)
  show [--json]          what the machine is and holds
  verify [--full] [--repair]
                         consistency check (files and hashes, published INFs ↔ driver store);
                         files unchanged in size and time since they last matched are not re-hashed
                         unless --full; --repair rebuilds a state that cannot be read or restored
                         from the files on disk (driver store packages; devices are lost)
  reboot                 apply pending boot settings (test signing...) and restart devices
  bcdedit /set testsigning on|off | /debug on|off
                         change a boot setting (takes effect at the next reboot)
  reg query KEY [/s] [/v NAME | /ve]
                         print a key (or one value) as reg.exe does
  reg export [KEY] FILE  write a .reg file as regedit does (UTF-16LE, default key HKLM)
  log [--tail N]         print %windir%\\INF\\setupapi.dev.log (last N lines)
  snapshot NAME          remember the machine's state and file hashes under NAME
  diff BEFORE AFTER | --since NAME [--json] [--html FILE]
                         what changed: files, registry, services, devices, driver store
  report [--json] [--html FILE]
                         a Device Manager-like view of the machine (one self-contained HTML file)

OS ids: ${OS_RELEASES.map((o) => o.id).join(', ')}

${exitCodeTables.target}
`;

export async function run(argv: string[], ctx: Context): Promise<number> {
  const [sub, ...rest] = argv;
  const out = (s: string) => ctx.io.stdout(s);
  switch (sub?.toLowerCase()) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      out(HELP);
      return sub === undefined ? 2 : 0;
    case 'init':
      return init(rest, ctx);
    case 'show':
      return show(rest, ctx);
    case 'verify':
      return verify(rest, ctx);
    case 'reboot':
      return reboot(rest, ctx);
    case 'bcdedit':
      return bcdedit(rest, ctx);
    case 'reg':
      return reg(rest, ctx);
    case 'log':
      return log(rest, ctx);
    default:
      throw new UsageError(`target: unknown command "${sub}"; run "wdksim target --help"`);
  }
}

async function init(argv: string[], ctx: Context): Promise<number> {
  const args = parseTargetInitArgs(
    argv,
    DEFAULT_OS,
    OS_RELEASES.map((o) => o.id),
  );
  if ('help' in args) {
    ctx.io.stdout(args.help);
    return 0;
  }
  const { dir, arch, testsigning, key, host, force, json } = args;
  const osId = args.osId ?? DEFAULT_OS;
  let port: number | undefined;
  if (args.port !== undefined) {
    port = /^\d+$/.test(args.port) ? Number(args.port) : NaN;
    const p = kdnetPortProblem(port);
    if (p) throw new UsageError(`target init: --kdnet-port ${args.port}: ${p}`);
  }
  if (key !== undefined) {
    const p = kdnetKeyProblem(key);
    if (p) throw new UsageError(`target init: --kdnet-key "${key}": ${p} (example: 1.2.3.4 or 2steg4fzbj2sz.23418vzkd4ko3.1g34ou07z4pev.1sp3yo9yz874p)`);
  }
  if (host !== undefined) {
    const p = ipv4Problem(host);
    if (p) throw new UsageError(`target init: --kdnet-host: ${p}`);
  }
  if ((key !== undefined || host !== undefined) && port === undefined) throw new UsageError('target init: --kdnet-key and --kdnet-host need --kdnet-port');
  const os = findOs(osId);
  if (!os) throw new UsageError(`target init: unknown --os "${osId}"; known: ${OS_RELEASES.map((o) => o.id).join(', ')}`);
  const root = dir !== undefined ? (isAbsolute(dir) ? dir : resolve(ctx.io.cwd, dir)) : resolveTargetDir(ctx);
  const kdnet = port !== undefined ? { port, key: key ?? generateKdnetKey(), ...(host ? { hostip: host } : {}) } : undefined;
  const state = await provisionTarget(root, ctx, { os, arch, testsigning, force, ...(kdnet ? { kdnet } : {}) });
  if (json) {
    ctx.io.stdout(JSON.stringify({ root, os: state.os, boot: state.boot }, null, 2) + '\n');
    return 0;
  }
  const lines = [
    `Provisioning the test computer in ${root}`,
    `  Operating system:  ${os.name} (${os.major}.${os.minor}.${os.build}), ${arch}`,
    `  Driver frameworks: KMDF ${os.kmdf}, UMDF ${os.umdf}`,
    `  Copying the driver test files to C:\\DriverTest ... done`,
    `  ${testsigning ? 'Enabling' : 'Disabling'} test signing: bcdedit /set testsigning ${testsigning ? 'on' : 'off'}`,
    'The operation completed successfully.',
  ];
  if (kdnet) {
    lines.push(
      '  Enabling kernel debugging: bcdedit /debug on',
      'The operation completed successfully.',
      `  bcdedit /dbgsettings net${kdnet.hostip ? ` hostip:${kdnet.hostip}` : ''} port:${kdnet.port} key:${kdnet.key}`,
      `key                     ${kdnet.key}`,
      'debugtype               NET',
      ...(kdnet.hostip ? [`hostip                  ${kdnet.hostip}`] : []),
      `port                    ${kdnet.port}`,
      'dhcp                    Yes',
      'The operation completed successfully.',
    );
  } else {
    lines.push('  Kernel debugging: not configured (use --kdnet-port N --kdnet-key KEY)');
  }
  lines.push('  Rebooting the test computer to apply the boot settings ... done');
  if (kdnet) lines.push(`  Attach the kernel debugger on the host with: WinDbg -k net:port=${kdnet.port},key=${kdnet.key}`);
  lines.push(`Target machine ready: ${root}`, '');
  ctx.io.stdout(lines.join('\n'));
  return 0;
}

async function show(argv: string[], ctx: Context): Promise<number> {
  const args = parseTargetShowArgs(argv);
  if ('help' in args) {
    ctx.io.stdout(args.help);
    return 0;
  }
  const { json } = args;
  const target = await openTarget(ctx);
  const state = await target.read();
  if (json) {
    ctx.io.stdout(JSON.stringify({ root: target.root, ...state }, null, 2) + '\n');
    return 0;
  }
  ctx.io.stdout(describe(target, state));
  return 0;
}

function describe(target: Target, s: MachineState): string {
  const b = s.boot;
  const oem = s.packages.filter((p) => !p.inbox);
  const pending = b.pending
    ? Object.entries(b.pending)
        .map(([k, v]) => `${k} ${typeof v === 'boolean' ? (v ? 'on' : 'off') : JSON.stringify(v)}`)
        .join(', ')
    : '';
  const lines = [
    `Target machine:     ${target.root}`,
    `Operating system:   ${s.os.name} (${s.os.major}.${s.os.minor}.${s.os.build}), ${s.os.arch}`,
    `Driver frameworks:  KMDF ${s.os.kmdf}, UMDF ${s.os.umdf}`,
    `Test signing:       ${b.testsigning ? 'on' : 'off'}`,
    `Kernel debugging:   ${b.debug && b.dbgsettings ? `on (net${b.dbgsettings.hostip ? ` hostip:${b.dbgsettings.hostip}` : ''} port:${b.dbgsettings.port} key:${b.dbgsettings.key})` : 'off'}`,
    ...(pending ? [`Pending at reboot:  ${pending}`] : []),
    `Boot count:         ${b.bootCount}`,
    `Certificates:       ${s.certificates.Root.length} in Root, ${s.certificates.TrustedPublisher.length} in TrustedPublisher`,
    ...s.certificates.TrustedPublisher.map((c) => `    ${c.thumbprint}  ${c.subject}`),
    `Driver packages:    ${oem.length} third-party (${s.packages.length - oem.length} inbox)`,
    ...oem.map((p) => `    ${p.publishedName.padEnd(12)} ${p.originalName}  ${p.driverDate},${p.driverVersion}  ${p.storeFolder}`),
    `Devices:            ${s.devices.length} (${s.devices.filter((d) => d.problem !== 0 && d.present).length} with a problem)`,
  ];
  for (const d of s.devices) {
    if (!d.driver || s.packages.find((p) => p.publishedName === d.driver!.publishedName)?.inbox) {
      if (d.problem === 0 || !d.present) continue;
    }
    lines.push(
      `    ${d.instanceId}: ${d.description}${d.driver ? ` [${d.driver.publishedName}]` : ''} - ${d.problem === 0 ? 'started' : `problem ${d.problem} (${problemName(d.problem)})`}`,
    );
  }
  return lines.join('\n') + '\n';
}

async function verify(argv: string[], ctx: Context): Promise<number> {
  const args = parseTargetVerifyArgs(argv);
  if ('help' in args) {
    ctx.io.stdout(args.help);
    return 0;
  }
  const { full, repair } = args;
  const target = await openTarget(ctx);
  if (repair) {
    const fixed = await repairTarget(target);
    if (fixed.rebuilt) {
      ctx.io.stdout(
        `The target state could not be read or restored; rebuilt it from the files on disk (${fixed.osName}):\n${fixed.packages.map((p) => `  driver package ${p}`).join('\n')}${fixed.packages.length ? '\n' : ''}Lost (not kept as files):\n${fixed.lost.map((l) => `  ${l}`).join('\n')}\n`,
      );
    }
  }
  const result = await verifyTarget(target, { full });
  if (result.problems.length === 0) {
    ctx.io.stdout(`Target ${target.root} is consistent: ${result.checkedFiles} file(s) match their recorded hashes, ${result.packages} driver package(s).\n`);
    return 0;
  }
  ctx.io.stdout(`Target ${target.root} is inconsistent (${result.problems.length} problem(s)):\n${result.problems.map((p) => `  ${p}`).join('\n')}\n`);
  return 1;
}

async function reboot(argv: string[], ctx: Context): Promise<number> {
  const args = parseTargetRebootArgs(argv);
  if ('help' in args) {
    ctx.io.stdout(args.help);
    return 0;
  }
  const target = await openTarget(ctx);
  const before = await target.read();
  const result = await target.transaction('reboot', (tx) => rebootTarget(tx));
  const after = await target.read();
  ctx.io.stdout(`Rebooting ${target.root} ...\n`);
  for (const a of result.applied) ctx.io.stdout(`  Applied boot setting: ${a}\n`);
  for (const d of after.devices) {
    const old = before.devices.find((x) => x.instanceId === d.instanceId);
    if (old && old.problem !== d.problem) ctx.io.stdout(`  ${d.instanceId}: ${d.problem === 0 ? 'started' : `problem ${d.problem} (${problemName(d.problem)})`}\n`);
  }
  ctx.io.stdout(`Boot session ${after.boot.bootCount} started; test signing ${after.boot.testsigning ? 'on' : 'off'}.\n`);
  return 0;
}

async function bcdedit(argv: string[], ctx: Context): Promise<number> {
  const [op, name, value] = argv.map((a) => a.toLowerCase());
  const target = await openTarget(ctx);
  if ((op === '/set' || op === '-set') && name === 'testsigning' && value !== undefined && argv.length === 3) {
    const on = onOff(value, 'testsigning');
    await target.transaction('bcdedit', async (tx) => {
      tx.state.boot.pending = { ...tx.state.boot.pending, testsigning: on };
    });
  } else if ((op === '/debug' || op === '-debug') && name !== undefined && argv.length === 2) {
    const on = onOff(name, '/debug');
    await target.transaction('bcdedit', async (tx) => {
      tx.state.boot.pending = { ...tx.state.boot.pending, debug: on };
    });
  } else {
    throw new UsageError('target bcdedit: supported forms are "/set testsigning on|off" and "/debug on|off"');
  }
  ctx.io.stdout('The operation completed successfully.\n');
  return 0;
}

async function reg(argv: string[], ctx: Context): Promise<number> {
  const [op, ...rest] = argv;
  const target = await openTarget(ctx);
  const state = await target.read();
  const registry = new Registry(state.registry);
  if (op?.toLowerCase() === 'query') {
    let recursive = false;
    let valueName: string | undefined;
    const keys: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i]!;
      if (/^[/-]s$/i.test(a)) recursive = true;
      else if (/^[/-]ve$/i.test(a)) valueName = '';
      else if (/^[/-]v$/i.test(a)) {
        valueName = rest[++i];
        if (valueName === undefined) throw new UsageError('target reg query: /v needs a value name');
      } else keys.push(a);
    }
    if (keys.length !== 1) throw new UsageError('target reg query: give one key, e.g. HKLM\\SYSTEM\\CurrentControlSet\\Services\\KmdfHelloWorld');
    const text = valueName !== undefined ? regQueryValue(registry, keys[0]!, valueName) : regQuery(registry, keys[0]!, recursive);
    if (text === undefined) {
      ctx.io.stderr('ERROR: The system was unable to find the specified registry key or value.\n');
      return 1;
    }
    ctx.io.stdout(text);
    return 0;
  }
  if (op?.toLowerCase() === 'export') {
    if (rest.length < 1 || rest.length > 3) throw new UsageError('target reg export: [KEY] FILE.reg');
    const args = rest.filter((a) => !/^\/y$/i.test(a));
    const [key, file] = args.length === 2 ? [args[0], args[1]!] : [undefined, args[0]!];
    const text = regExportText(registry, key);
    const path = resolve(ctx.io.cwd, file);
    try {
      await writeUserFile(path, regExportBytes(text));
    } catch (error) {
      throw new TargetError(describeFsError(error, file));
    }
    ctx.io.stdout('The operation completed successfully.\n');
    return 0;
  }
  throw new UsageError('target reg: use "reg query KEY [/s]" or "reg export [KEY] FILE.reg"');
}

async function log(argv: string[], ctx: Context): Promise<number> {
  const args = parseTargetLogArgs(argv);
  if ('help' in args) {
    ctx.io.stdout(args.help);
    return 0;
  }
  const { tail } = args;
  const target = await openTarget(ctx);
  const bytes = await readRegular(target.root, LOG_PATH, 'setupapi.dev.log');
  if (!bytes) throw new TargetError(`${LOG_PATH}: no such file; the target has no device install log yet`);
  const text = bytes.toString('latin1');
  let lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (tail !== undefined) lines = lines.slice(Math.max(0, lines.length - tail));
  ctx.io.stdout(lines.join('\n') + (lines.length ? '\n' : ''));
  return 0;
}

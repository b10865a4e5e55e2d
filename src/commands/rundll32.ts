// `wdksim rundll32 setupapi.dll,InstallHinfSection <section> <mode> <inf>`:
// that command line on the target (docs/target.md "DefaultInstall packages").
import { isAbsolute } from 'node:path';
import { UsageError, WdksimError } from '../errors.js';
import type { Context } from '../io.js';
import { exitCodeTables } from '../exit-codes.js';
import { installHinfSection } from '../machine/engine.js';
import { openTarget } from '../machine/target.js';
import { resolveUserPath } from '../machine/user-paths.js';

const HELP = `Usage: wdksim [--target DIR] rundll32 setupapi.dll,InstallHinfSection SECTION MODE INF

Runs SECTION (resolved to SECTION.NT<arch>, SECTION.NT or SECTION) of INF on the
target as SetupAPI's InstallHinfSection does: the file queue (CopyFiles,
DelFiles, RenFiles), DelReg, AddReg and SECTION.Services (AddService,
DelService), from the INF's folder, outside the driver store.
MODE is 128 plus a reboot mode (132 = reboot if needed, with a prompt): with
128 the INF path is a path; without it, a name in C:\\Windows\\INF on the target.
Typical: DefaultInstall 132 x.inf to install, DefaultUninstall 132 x.inf to remove.

${exitCodeTables.rundll32}
`;

export interface HinfRequest {
  section: string;
  mode: number;
  inf: string;
  caller: string;
  json: boolean;
}

/** Resolves the INF, runs the section in one transaction, prints what happened. */
export async function runHinf(ctx: Context, req: HinfRequest): Promise<number> {
  const target = await openTarget(ctx);
  // Without 128 (no "default path is the INF's folder") a relative name is a system INF in %windir%\INF.
  const arg = (req.mode & 128) === 0 && !isAbsolute(req.inf) && !/^[A-Za-z]:/.test(req.inf) ? `C:\\Windows\\INF\\${req.inf}` : req.inf;
  const { host, display } = await resolveUserPath(ctx.io.cwd, target.root, arg);
  try {
    const res = await target.transaction(`${req.caller} ${req.section}`, (tx) => installHinfSection(tx, host, req.section, req.caller));
    const what = res.publishedName
      ? `${display}: primitive driver staged as ${res.publishedName} and [${res.section}] run from the driver store`
      : `${display}: [${res.section}] done (${res.files.length} file(s) copied, ${res.services.length} service(s) created)`;
    if (req.json)
      ctx.io.stdout(
        JSON.stringify(
          {
            tool: req.caller,
            section: res.section,
            inf: display,
            publishedName: res.publishedName ?? null,
            files: res.files,
            services: res.services,
            rebootRequired: res.rebootRequired,
            exitCode: res.rebootRequired ? 1 : 0,
          },
          null,
          2,
        ) + '\n',
      );
    else ctx.io.stdout(`${what}.\n${res.rebootRequired ? 'A reboot is needed to complete the installation.\n' : ''}`);
    return res.rebootRequired ? 1 : 0;
  } catch (error) {
    if (!(error instanceof WdksimError)) throw error;
    if (req.json) ctx.io.stdout(JSON.stringify({ tool: req.caller, section: req.section, inf: display, error: error.message, exitCode: 2 }, null, 2) + '\n');
    else ctx.io.stderr(`wdksim: ${req.caller}: installation failed: ${error.message}\n`);
    return 2;
  }
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) {
    ctx.io.stdout(HELP);
    return argv.length === 0 ? 2 : 0;
  }
  const json = argv.includes('--json');
  const args = argv.filter((a) => a !== '--json');
  const entry = /^setupapi(?:\.dll)?,\s*InstallHinfSection[AW]?$/i.exec(args[0] ?? '');
  if (!entry) throw new UsageError(`rundll32: only setupapi.dll,InstallHinfSection is simulated (got "${args[0]}"); run "wdksim rundll32 --help"`);
  // rundll32 hands the entry point the rest of the command line as one string: section, mode, path (which may hold spaces).
  const rest = args.slice(1).join(' ').trim();
  const m = /^(\S+)\s+(\d+)\s+(.+)$/.exec(rest);
  if (!m) throw new UsageError('rundll32 setupapi.dll,InstallHinfSection: give SECTION MODE INF (e.g. DefaultInstall 132 x.inf)');
  return runHinf(ctx, { section: m[1]!, mode: Number(m[2]), inf: m[3]!.replace(/^"|"$/g, ''), caller: 'InstallHinfSection', json });
}

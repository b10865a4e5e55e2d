// `wdksim build`: a driver project's packaging steps as the WDK's MSBuild
// targets run them (StampInf, test signing, package folder, Inf2Cat, catalog
// signing), with the project's own settings. Logic lives in src/build and
// src/project; this parses the command line and prints.
import { resolve } from 'node:path';
import { runBuild } from '../build/index.js';
import { showPath } from '../build/display.js';
import { formatExplain } from '../build/explain.js';
import { UsageError } from '../errors.js';
import { BuildExit, exitCodeTables } from '../exit-codes.js';
import type { Context } from '../io.js';
import { readProject } from '../project/index.js';

const HELP = `Usage: wdksim build [PROJECT] [--configuration Debug|Release] [--platform x64|Win32|ARM64]
                    [--out DIR] [--placeholder-binaries] [--explain] [--json]

Packages a driver project as Visual Studio's driver build does after compiling:
  StampInf         copy each Inf item (.inx/.inf) to $(IntDir) and stamp it (DriverVer, $ARCH$, KMDF/UMDF)
  Link             only with --placeholder-binaries: the stand-in for a missing binary
  TestSign         sign the driver binary in $(OutDir) with the project's test certificate
                   (made once as $(OutDir)<ProjectName>.cer/.pfx, like Visual Studio's WDKTestCert)
  PackageFiles     copy the stamped INFs and the binaries to $(OutDir)<ProjectName>/
  Inf2Cat          check the package and write its catalog (/os from Inf2CatWindowsVersionList,
                   /uselocaltime from Inf2CatUseLocalTime)
  CatalogTestSign  sign the catalog, add the .cer to the package
Each step prints the equivalent wdksim command and the tool's output.

  PROJECT                 a .vcxproj, a wdksim.json, or a folder holding one (default: .)
  --configuration NAME    the project configuration (default: the project's, usually Debug)
  --platform NAME         x64, Win32 (x86), ARM64 or ARM (default: the project's)
                          (MSBuild's /p:Configuration=Release;Platform=x64 is accepted too)
  --out DIR               write the package folder to DIR instead of $(OutDir)<ProjectName>/
  --placeholder-binaries  a missing driver binary (.sys/.dll) is replaced by a minimal valid PE
                          image marked WDKSIM-PLACEHOLDER, so packaging and install can be tried
  --explain               before the steps, print each evaluated property and item that decided a
                          step, with the file and line that set it (or the default it took)
  --json                  print the result as JSON (steps, package files, catalogs, placeholders)

--now and TZ fix the clock that StampInf and Inf2Cat read.

${exitCodeTables.build}
`;

interface Args {
  project: string;
  configuration?: string;
  platform?: string;
  out?: string;
  placeholders: boolean;
  explain: boolean;
  json: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { project: '.', placeholders: false, explain: false, json: false, help: false };
  let positional: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new UsageError(`build: ${flag} needs a value; run "wdksim build --help"`);
      return v;
    };
    const msbuild = /^[-/]p(?:roperty)?:(.+)$/i.exec(arg);
    if (msbuild) {
      for (const pair of msbuild[1]!.split(/[;,]/)) {
        const [key, v] = pair.split('=');
        if (key?.toLowerCase() === 'configuration' && v) args.configuration = v;
        else if (key?.toLowerCase() === 'platform' && v) args.platform = v;
        else throw new UsageError(`build: ${arg}: only Configuration and Platform can be set this way`);
      }
      continue;
    }
    switch (flag) {
      case '-h': case '--help': case '/?': args.help = true; break;
      case '--configuration': case '-c': args.configuration = value(); break;
      case '--platform': case '-p': args.platform = value(); break;
      case '--out': case '-o': args.out = value(); break;
      case '--placeholder-binaries': args.placeholders = true; break;
      case '--json': args.json = true; break;
      case '--explain': args.explain = true; break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`build: unknown option "${arg}"; run "wdksim build --help" for the options`);
        if (positional !== undefined) throw new UsageError(`build: one project at a time; got "${positional}" and "${arg}"`);
        positional = arg;
    }
  }
  if (positional !== undefined) args.project = positional;
  return args;
}

export async function run(argv: string[], ctx: Context): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    ctx.io.stdout(HELP);
    return BuildExit.ok;
  }
  const settings = readProject(resolve(ctx.io.cwd, args.project), {
    ...(args.configuration ? { configuration: args.configuration } : {}),
    ...(args.platform ? { platform: args.platform } : {}),
    env: ctx.io.env,
    clock: ctx.clock,
  });
  if (args.explain && !args.json) ctx.io.stdout(formatExplain(settings, (p) => showPath(p, ctx.io.cwd)));
  const result = await runBuild(settings, {
    clock: ctx.clock,
    env: ctx.io.env,
    cwd: ctx.io.cwd,
    placeholderBinaries: args.placeholders,
    ...(args.out ? { packageDir: resolve(ctx.io.cwd, args.out) } : {}),
    write: args.json ? () => {} : ctx.io.stdout,
    // The failing step's error is printed once, on stderr, where the log would have it.
    writeError: ctx.io.stderr,
  });
  if (args.json) ctx.io.stdout(`${JSON.stringify(args.explain ? { ...result, explain: settings.provenance } : result, null, 2)}\n`);
  return result.success ? BuildExit.ok : BuildExit.failed;
}

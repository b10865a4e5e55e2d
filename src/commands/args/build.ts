// `wdksim build` options (commander; see ./gnu.ts).
import { Option } from 'commander';
import { UsageError } from '../../errors.js';
import { exitCodeTables } from '../../exit-codes.js';
import { gnuProgram, nonEmpty, parseGnu } from './gnu.js';

export interface BuildArgs {
  project: string;
  configuration?: string;
  platform?: string;
  out?: string;
  placeholders: boolean;
  explain: boolean;
  json: boolean;
  /** The help text, when -h/--help was given. */
  help?: string;
}

const missing = (flag: string) => `build: ${flag} needs a value; run "wdksim build --help"`;

function program() {
  return gnuProgram('wdksim build')
    .description("Packages a driver project as Visual Studio's driver build does after compiling.")
    .argument('[project]', 'a .vcxproj, a wdksim.json, or a folder holding one (default: .)')
    .addOption(new Option('-c, --configuration <name>', "the project configuration (default: the project's, usually Debug)").argParser(nonEmpty(missing, '--configuration')))
    .addOption(new Option('-p, --platform <name>', "x64, Win32 (x86), ARM64 or ARM (default: the project's)").argParser(nonEmpty(missing, '--platform')))
    .addOption(new Option('-o, --out <dir>', 'write the package folder to DIR instead of $(OutDir)<ProjectName>/').argParser(nonEmpty(missing, '--out')))
    .option(
      '--placeholder-binaries',
      'a missing driver binary (.sys/.dll) is replaced by a minimal valid PE image marked WDKSIM-PLACEHOLDER, so packaging and install can be tried',
    )
    .option('--explain', 'before the steps, print each evaluated property and item that decided a step, with the file and line that set it (or the default it took)')
    .option('--json', 'print the result as JSON (steps, package files, catalogs, placeholders)')
    .addHelpText(
      'after',
      `
Steps:
  StampInf         copy each Inf item (.inx/.inf) to $(IntDir) and stamp it (DriverVer, $ARCH$, KMDF/UMDF)
  Link             only with --placeholder-binaries: the stand-in for a missing binary
  TestSign         sign the driver binary in $(OutDir) with the project's test certificate
                   (made once as $(OutDir)<ProjectName>.cer/.pfx, like Visual Studio's WDKTestCert)
  PackageFiles     copy the stamped INFs and the binaries to $(OutDir)<ProjectName>/
  Inf2Cat          check the package and write its catalog (/os from Inf2CatWindowsVersionList,
                   /uselocaltime from Inf2CatUseLocalTime)
  CatalogTestSign  sign the catalog, add the .cer to the package
Each step prints the equivalent wdksim command and the tool's output.

MSBuild's /p:Configuration=Release;Platform=x64 (also -p:, /property:) is accepted too.
--now and TZ fix the clock that StampInf and Inf2Cat read.

${exitCodeTables.build}`,
    );
}

/** MSBuild's `/p:Configuration=Release;Platform=x64`, which commander cannot read: rewritten in place as the options it means, so the last one given still wins. */
function msbuildProperties(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.flatMap((arg, i) => {
    const msbuild = /^[-/]p(?:roperty)?:(.+)$/i.exec(arg);
    if (!msbuild || (end !== -1 && i > end)) return [arg];
    return msbuild[1]!.split(/[;,]/).flatMap((pair) => {
      const [key, v] = pair.split('=');
      if (key?.toLowerCase() === 'configuration' && v) return ['--configuration', v];
      if (key?.toLowerCase() === 'platform' && v) return ['--platform', v];
      throw new UsageError(`build: ${arg}: only Configuration and Platform can be set this way`);
    });
  });
}

export function parseBuildArgs(argv: readonly string[]): BuildArgs {
  const args: BuildArgs = { project: '.', placeholders: false, explain: false, json: false };
  const rest = msbuildProperties(argv).map((a) => (a === '/?' ? '--help' : a));
  const parsed = parseGnu(program(), rest, {
    unknown: (arg) => `build: unknown option "${arg}"; run "wdksim build --help" for the options`,
    missing,
  });
  if (parsed.help !== undefined) return { ...args, help: parsed.help };
  const o = parsed.opts as { configuration?: string; platform?: string; out?: string; placeholderBinaries?: boolean; explain?: boolean; json?: boolean };
  if (parsed.args.length > 1) throw new UsageError(`build: one project at a time; got "${parsed.args[0]}" and "${parsed.args[1]}"`);
  if (parsed.args[0] !== undefined) args.project = parsed.args[0];
  if (o.configuration !== undefined) args.configuration = o.configuration;
  if (o.platform !== undefined) args.platform = o.platform;
  if (o.out !== undefined) args.out = o.out;
  args.placeholders = Boolean(o.placeholderBinaries);
  args.explain = Boolean(o.explain);
  args.json = Boolean(o.json);
  return args;
}

// `wdksim build`: what a Visual Studio driver build does after the compiler,
// in the WDK's order (wdk-tools.md §7.4): StampInf on a copy of each INX/INF
// in $(IntDir), the driver binary from $(OutDir) (or a placeholder), test-sign
// the binary, copy everything into the package folder, Inf2Cat on the package
// folder, test-sign each catalog, and add the test certificate. Each step logs
// the wdksim command line equivalent to the tool call and the tool's result.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { isPeImage, signCatalog, signPe } from '../catalog/index.js';
import { WdksimError, describeFsError } from '../errors.js';
import type { InfDocument } from '../inf/document.js';
import { leadsOutside, OutputFolder } from '../fs/host-write.js';
import { parseInf } from '../inf/parse.js';
import { catalogsWrittenText, failureText, inf2catText, Inf2CatFailure, parseOsList, referencedFiles, runInf2Cat } from '../package/index.js';
import type { ProjectSettings } from '../project/settings.js';
import { projectInfVerifMode, projectWdkVersion } from '../project/wdk-version.js';
import { validateDocument } from '../rules/validate.js';
import { futureDriverVerWarning, stampInf, type StampRequest } from '../stamp/index.js';
import type { Clock } from '../time/clock.js';
import { ensureTestCertificate, type BuildCertificate } from './certificate.js';
import { commandLine, showPath } from './display.js';
import { BuildLog, type BuildStep } from './log.js';
import { packagePathFor, PackagePathError } from './package-path.js';
import { isBuildOutputName, isPeName, isPlaceholderBinary, isRedistributable, makePlaceholderOutput } from './placeholder.js';

export interface BuildOptions {
  clock: Clock;
  env: Record<string, string | undefined>;
  /** Where the user stands: paths in the log are shown relative to it. */
  cwd: string;
  placeholderBinaries: boolean;
  /** --out: the package folder (default the project's $(PackageDir)). */
  packageDir?: string;
  write: (text: string) => void;
  /** Where the failing step's `error:` line goes (the command: stderr, so it is printed once); default `write`. */
  writeError?: (text: string) => void;
}

export interface BuildResult {
  success: boolean;
  project: string;
  configuration: string;
  platform: string;
  packageDir: string;
  /** Files of the package folder, relative to it, `/`-separated, sorted. */
  files: string[];
  stampedInfs: Array<{ file: string; driverVer: string }>;
  catalogs: string[];
  placeholders: string[];
  certificate?: string;
  error?: string;
  steps: BuildStep[];
}

/** A build step failed: the message is printed as MSBuild prints an error. */
class BuildFailure extends Error {}

function readBytes(path: string, what: string): Buffer {
  try {
    // A FIFO or device planted where a build output is expected is never opened (it would hang or read without end).
    const info = statSync(path);
    if (!info.isFile() && !info.isDirectory()) throw new BuildFailure(`${what}: ${path} is a FIFO, socket or device file, not a regular file; refused (remove it and build again)`);
    return readFileSync(path);
  } catch (error) {
    if (error instanceof BuildFailure) throw error;
    throw new BuildFailure(`${what}: ${describeFsError(error, path)}`);
  }
}

/**
 * The folders the build writes into: the project's folder (its $(IntDir), $(OutDir) and package folder
 * are normally below it) and each output folder the project or --out names outside it. Below the
 * outermost one holding a file, no link is followed and no hard-linked file replaced (host-write.ts).
 */
function outputRoots(settings: ProjectSettings, packageDir: string): string[] {
  return [dirname(settings.projectFile), settings.intDir, settings.outDir, packageDir];
}

async function writeOutput(path: string, bytes: Buffer, roots: readonly string[], show: (p: string) => string): Promise<void> {
  await OutputFolder.around(path, roots, "the build's output folder", show).write(path, bytes, 'build output');
}

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  // Entries' own types (a planted link to a folder is listed as a name, never walked into).
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => {
      const full = join(dir, d.name);
      return d.isDirectory() ? listFiles(full, base) : [relative(base, full).split(/[\\/]/).join('/')];
    })
    .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
}

export async function runBuild(settings: ProjectSettings, options: BuildOptions): Promise<BuildResult> {
  const log = new BuildLog(options.write);
  const show = (p: string) => showPath(p, options.cwd);
  const packageDir = options.packageDir ?? settings.packageDir;
  const result: BuildResult = {
    success: false,
    project: settings.projectFile,
    configuration: settings.configuration,
    platform: settings.platform,
    packageDir,
    files: [],
    stampedInfs: [],
    catalogs: [],
    placeholders: [],
    steps: log.steps,
  };
  log.heading(`Build started: Project: ${settings.projectName}, Configuration: ${settings.configuration} ${settings.platform} (${show(settings.projectFile)})`);
  // Each warning names the file and line it is about (an evaluator warning) or is about the project file.
  for (const warning of settings.warnings) {
    const at = /^(.+?)\((\d+)\): /.exec(warning);
    log.heading(at ? `warning: ${show(at[1]!)}(${at[2]}): ${warning.slice(at[0].length)}` : `warning: ${show(settings.projectFile)}: ${warning}`);
  }
  try {
    await stages(settings, options, log, packageDir, result, show);
    result.files = listFiles(packageDir);
    result.success = true;
    log.heading(`${settings.projectName} -> ${show(packageDir)}`);
    for (const file of result.files)
      log.heading(`  ${file}${result.placeholders.some((p) => basename(p).toLowerCase() === basename(file).toLowerCase()) ? '   (placeholder)' : ''}`);
    log.heading('Build succeeded.');
  } catch (error) {
    if (!(error instanceof BuildFailure) && !(error instanceof WdksimError) && !(error instanceof PackagePathError)) throw error;
    result.error = error.message;
    result.files = listFiles(packageDir);
    (options.writeError ?? options.write)(`error: ${error.message}\n`);
    log.heading('Build FAILED.');
  }
  return result;
}

async function stages(settings: ProjectSettings, options: BuildOptions, log: BuildLog, packageDir: string, result: BuildResult, show: (p: string) => string): Promise<void> {
  const roots = outputRoots(settings, packageDir);
  const writeFile = (path: string, bytes: Buffer) => writeOutput(path, bytes, roots, show);
  if (settings.infs.length === 0) {
    if (settings.filesToPackage.length === 0) {
      const refs = settings.projectReferences;
      throw new BuildFailure(
        refs !== undefined
          ? `${show(settings.projectFile)} is a driver package project, but ${refs.length === 0 ? 'it references no driver project' : `the projects it references (${refs.map(show).join(', ')}) have no Inf item`}; add a <ProjectReference> to the driver project, or an Inf item`
          : `${show(settings.projectFile)} has no Inf item (.inx or .inf) and nothing to package; add one, e.g. <Inf Include="${settings.projectName}.inx" /> (or "infs" in wdksim.json)`,
      );
    }
    // A driver project without an INF: Visual Studio still links, test-signs and copies the binary to the
    // package folder; StampInf and Inf2Cat have nothing to work on (docs/build.md).
  }

  // 1. StampInf: copy each INX/INF to $(IntDir) and stamp the copy.
  const docs: Array<{ file: string; source: string; doc: InfDocument }> = [];
  for (const inf of settings.infs) {
    const s = inf.stamp;
    const argv: string[] = [];
    if (s.date !== undefined) argv.push('-d', s.date);
    if (s.architecture !== undefined) argv.push('-a', s.architecture);
    if (s.version !== undefined) argv.push('-v', s.version);
    if (s.kmdfVersion) argv.push('-k', s.kmdfVersion);
    if (s.umdfVersion) argv.push('-u', s.umdfVersion);
    if (s.section) argv.push('-s', s.section);
    if (s.catalogFile) argv.push('-c', s.catalogFile);
    if (s.verbose) argv.push('-n');
    argv.push('-x', '-f', show(inf.output));
    const step = log.step('StampInf', s.enabled ? commandLine('stampinf', argv) : undefined);
    const source = readBytes(inf.source, 'Inf item');
    log.line(step, `Copying "${show(inf.source)}" to "${show(inf.output)}"${s.enabled ? ' for stamping' : ''}`);
    let bytes = source;
    if (s.enabled) {
      const request: StampRequest = {
        ...(s.date !== undefined ? { date: s.date } : {}),
        ...(s.version !== undefined ? { version: s.version } : {}),
        ...(s.architecture !== undefined ? { arch: s.architecture } : {}),
        ...(s.section ? { section: s.section } : {}),
        ...(s.catalogFile ? { catalog: s.catalogFile } : {}),
        ...(s.kmdfVersion ? { kmdf: s.kmdfVersion } : {}),
        ...(s.umdfVersion ? { umdf: s.umdfVersion } : {}),
        removeCoinstallers: true, // the -x the StampInf task passes
        env: options.env,
      };
      let stamped;
      try {
        stamped = stampInf(source, request, options.clock);
      } catch (error) {
        step.exitCode = 1;
        throw new BuildFailure(`StampInf ${show(inf.source)}: ${(error as Error).message}`);
      }
      bytes = stamped.bytes;
      step.exitCode = 0;
      log.line(step, `Stamping ${show(inf.output)}`);
      log.line(step, `Stamping [${stamped.stamp.section}] section with DriverVer=${stamped.driverVer}`);
      result.stampedInfs.push({ file: inf.output, driverVer: stamped.driverVer });
      const warning = settings.inf2cat.enabled && !settings.inf2cat.useLocalTime ? futureDriverVerWarning(stamped.stamp.date, options.clock) : undefined;
      if (warning) {
        log.line(step, `warning: ${warning}`);
        log.line(
          step,
          settings.kind === 'vcxproj'
            ? 'In the project: <Inf2CatUseLocalTime>true</Inf2CatUseLocalTime> (Configuration Properties > Inf2Cat > General > Use Local Time).'
            : 'In wdksim.json: "inf2cat": { "useLocalTime": true }.',
        );
      }
    }
    await writeFile(inf.output, bytes);
    docs.push({ file: inf.output, source: inf.source, doc: parseInf(bytes, { file: inf.output }) });
  }

  // 1b. InfVerif on the stamped copies with the rules of the project's WDK and its target
  // platform's mode, as Visual Studio runs it after StampInf. Its findings are logged; unlike
  // Visual Studio, errors do not stop the package (samples use reserved names); gate CI with
  // `wdksim infverif --wdk <version>`.
  const wdk = projectWdkVersion(settings);
  const mode = projectInfVerifMode(settings, wdk);
  for (const { file, doc } of docs) {
    const step = log.step('InfVerif', commandLine('infverif', [...(mode === 'default' ? [] : [`/${mode}`]), ...(wdk ? ['--wdk', wdk] : []), show(file)]));
    const { diagnostics } = validateDocument(doc, { mode, ...(wdk ? { wdk } : {}) });
    for (const d of diagnostics) log.line(step, `${show(file)}(${d.line}-${d.line}): ${d.severity} ${d.code}: ${d.message}`);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    step.exitCode = errors > 0 ? 1 : 0;
    if (errors > 0)
      log.line(
        step,
        `warning: InfVerif found ${errors} error(s) in ${show(file)} (WDK ${wdk ?? 'newest'}${mode === 'default' ? '' : `, /${mode}`}); Visual Studio would stop here, wdksim goes on packaging`,
      );
  }

  // 2. The binaries: FilesToPackage ($(TargetPath) first) and the other files the INFs name, from $(OutDir).
  const wanted = new Map<string, string>(); // name (lower) → path in the package, as the INF lays it out
  for (const { doc, source } of docs) {
    for (const ref of referencedFiles(doc, settings.arch)) {
      // Checked before any binary or package file is written: a `..` in SourceDisksNames would lead out of
      // the package folder (and $(OutDir)). The line named is the project's INX/INF (stamping keeps lines).
      packagePathFor(packageDir, ref.relativePath, ref.relativePath, doc, show(source));
      if (!wanted.has(basename(ref.relativePath).toLowerCase())) wanted.set(basename(ref.relativePath).toLowerCase(), ref.relativePath);
    }
  }
  const binaries = [...settings.filesToPackage];
  const isInf = (name: string) => docs.some((d) => basename(d.file).toLowerCase() === name);
  for (const [name, rel] of wanted) {
    if (isInf(name) || binaries.some((b) => basename(b).toLowerCase() === name)) continue;
    const inOutDir = join(settings.outDir, rel);
    // A framework co-installer (WdfCoInstaller01015.dll...) is no build output: Visual Studio neither makes
    // nor supplies it, so Inf2Cat reports it missing (22.9.1), as it does in Visual Studio's build.
    if (existsSync(inOutDir) || (options.placeholderBinaries && isPeName(name) && !isRedistributable(name))) binaries.push(inOutDir);
  }
  // A binary (or the test certificate below) read from the output folders through a link that leads outside
  // the project and its output folders was planted there: it would package a file from elsewhere.
  const refuseOutsideLink = async (file: string) => {
    const real = await leadsOutside(file, roots);
    if (real !== undefined)
      throw new BuildFailure(
        `${show(file)} is a symbolic link to ${real}, outside the project and its output folders; refused (a link planted in the output folder must not package a file from elsewhere): put the file itself there`,
      );
  };
  for (const file of binaries) await refuseOutsideLink(file);
  const missing: string[] = [];
  for (const file of binaries) {
    const exists = existsSync(file);
    const output = isBuildOutputName(file);
    if (options.placeholderBinaries && output && (!exists || isPlaceholderBinary(readBytes(file, 'binary')))) {
      const step = log.step('Link');
      await writeFile(file, makePlaceholderOutput(basename(file), settings.arch));
      result.placeholders.push(file);
      log.line(
        step,
        isPeName(file)
          ? `placeholder: ${show(file)}: a minimal ${/\.sys$/i.test(file) ? 'native-subsystem ' : ''}PE image marked WDKSIM-PLACEHOLDER stands in for the compiled driver (nothing compiles C here)`
          : `placeholder: ${show(file)}: a stand-in marked WDKSIM-PLACEHOLDER for the linker's symbol file`,
      );
    } else if (!exists) {
      missing.push(file);
    } else if (isPlaceholderBinary(readBytes(file, 'binary'))) {
      const step = log.step('Link');
      result.placeholders.push(file);
      log.line(step, `warning: ${show(file)} is a placeholder made by an earlier --placeholder-binaries build, not a compiled driver`);
    }
  }
  if (missing.length > 0) {
    const outputs = missing.filter(isBuildOutputName);
    const others = missing.filter((f) => !isBuildOutputName(f));
    const parts: string[] = [];
    if (outputs.length > 0) {
      parts.push(
        options.placeholderBinaries
          ? `${outputs.map(show).join(', ')}: not found`
          : `${outputs.map(show).join(', ')}: the driver binary does not exist in the output folder; build the driver with the WDK first (wdksim does not compile C) and copy it there, or pass --placeholder-binaries to package a stand-in PE image`,
      );
    }
    if (others.length > 0) {
      const targets = settings.warnings.some((w) => w.includes('wdksim runs no custom targets'));
      parts.push(
        `${others.map(show).join(', ')}: listed to be packaged (FilesToPackage, or named by the INF) but not found, and not a build output a placeholder can stand in for; create it or remove it from FilesToPackage${targets ? " (if one of the project's custom targets named in the warnings above makes it: wdksim runs none)" : ''}`,
      );
    }
    throw new BuildFailure(parts.join('; '));
  }

  // 3. Test-sign the binaries with the project's test certificate.
  let cert: BuildCertificate | undefined;
  const digest = settings.sign.fileDigestAlgorithm === 'sha1' ? 'sha1' : 'sha256';
  const signFile = async (file: string, kind: 'pe' | 'catalog', target: string) => {
    const step = log.step(target, commandLine('signtool', ['sign', '/fd', digest, '/f', show(cert!.signingFile), show(file)]));
    const bytes = readBytes(file, 'signtool');
    let signed: Buffer;
    try {
      signed = kind === 'pe' ? signPe(bytes, cert!.identity, { digest }) : signCatalog(bytes, cert!.identity, { digest });
    } catch (error) {
      step.exitCode = 1;
      throw new BuildFailure(`SignTool Error: ${show(file)}: ${(error as Error).message}`);
    }
    await writeFile(file, signed);
    step.exitCode = 0;
    log.line(step, 'Done Adding Additional Store');
    log.line(step, `Successfully signed: ${show(file)}`);
  };
  if (settings.sign.mode === 'TestSign') {
    cert = await ensureTestCertificate(settings, options.clock, options.env, writeFile);
    result.certificate = cert.cerFile;
    if (cert.created) {
      const step = log.step(
        'TestSign',
        commandLine('cert', ['new', '--subject', cert.subject!, '--name', settings.projectName, '--days', '3650', '--out', show(dirname(cert.signingFile))]),
      );
      log.line(step, `Made test certificate ${show(cert.cerFile)} (with its key in ${show(cert.signingFile)}), as Visual Studio makes WDKTestCert`);
    }
    for (const file of binaries) {
      if (isPeName(file) && isPeImage(readBytes(file, 'binary'))) await signFile(file, 'pe', 'TestSign');
    }
  } else if (settings.sign.mode === 'ProductionSign') {
    const step = log.step('TestSign');
    log.line(step, 'warning: SignMode is ProductionSign: wdksim has no production certificate, so the binaries and the catalog stay unsigned');
  }

  // 4. The package folder: the stamped INFs and the binaries, laid out as the INFs name them.
  const copyStep = log.step('PackageFiles');
  const copy = async (from: string, to: string) => {
    log.line(copyStep, `Copying file from "${show(from)}" to "${show(to)}".`);
    await writeFile(to, readBytes(from, 'package'));
  };
  for (const { file } of docs) await copy(file, join(packageDir, basename(file)));
  // Each binary keeps its own name (Windows matches names without case); the INF gives the folder,
  // which must stay inside the package folder.
  for (const file of binaries) {
    if (docs.some((d) => d.file === file)) continue; // a stamped INF listed in FilesToPackage is already there
    const name = basename(file).toLowerCase();
    const rel = wanted.get(name);
    const from = docs.find((d) => referencedFiles(d.doc, settings.arch).some((r) => r.relativePath === rel));
    const to = packagePathFor(packageDir, file, rel, from?.doc, from ? show(from.source) : show(settings.projectFile));
    await copy(file, to);
  }

  // 5. Inf2Cat on the package folder (Visual Studio's words when there is no INF).
  if (settings.inf2cat.enabled && docs.length === 0) log.line(log.step('Inf2Cat'), 'Inf2Cat task was skipped as there were no inf files to process');
  if (settings.inf2cat.enabled && docs.length > 0) {
    const i = settings.inf2cat;
    if (i.osList.length === 0) throw new BuildFailure('Inf2CatWindowsVersionList is empty; name the /os ids (e.g. 10_X64)');
    const argv = [`/driver:${show(packageDir)}`, `/os:${i.osList.join(',')}`];
    if (i.useLocalTime) argv.push('/uselocaltime');
    if (i.verbose) argv.push('/verbose');
    if (i.noCatalog) argv.push('/nocat');
    if (i.pageHashes) argv.push('/pageHashes');
    const step = log.step('Inf2Cat', commandLine('inf2cat', argv));
    const run = await inf2cat(packageDir, i, options.clock);
    step.exitCode = run.exitCode;
    log.line(step, run.output);
    if (run.exitCode !== 0) {
      const coinstallers = [...wanted.keys()].filter((n) => isRedistributable(n) && !existsSync(join(packageDir, wanted.get(n)!)));
      const hint =
        coinstallers.length > 0
          ? `; the INF names ${coinstallers.join(', ')}, a framework co-installer the WDK no longer ships and Windows 10 does not need: remove the INF's CoInstallers sections (learn.microsoft.com/windows-hardware/drivers/develop/removing-coinstallers)`
          : '';
      throw new BuildFailure(
        run.exitCode === 254
          ? `Inf2Cat error -2: "Inf2Cat, signability test failed." (see the Inf2Cat output above)${hint}`
          : `Inf2Cat error -1: "Inf2Cat, unknown failure." (inf2cat exited with ${run.exitCode}${run.failure ? `: ${run.failure}` : ''})`,
      );
    }
    for (const path of run.catalogs) if (!result.catalogs.includes(path)) result.catalogs.push(path);
  }

  // 6. Test-sign the catalogs and ship the certificate in the package.
  if (cert) {
    for (const catalog of result.catalogs) await signFile(catalog, 'catalog', 'CatalogTestSign');
    const step = log.step('CatalogTestSign');
    log.line(step, `Copying file from "${show(cert.cerFile)}" to "${show(join(packageDir, basename(cert.cerFile)))}".`);
    await refuseOutsideLink(cert.cerFile);
    await writeFile(join(packageDir, basename(cert.cerFile)), readBytes(cert.cerFile, 'test certificate'));
  }
}

/** Inf2Cat on the package folder through the library, with the text the tool would print. */
async function inf2cat(packageDir: string, i: ProjectSettings['inf2cat'], clock: Clock): Promise<{ exitCode: number; output: string; catalogs: string[]; failure?: string }> {
  const osList = parseOsList(i.osList.join(','));
  if (!osList.ok) {
    return { exitCode: 255, output: `Operating systems parameter ${osList.reason === 'missing' ? 'missing' : 'invalid'}.\n`, catalogs: [] };
  }
  const chunks: string[] = [];
  const text = inf2catText((t) => void chunks.push(t), Boolean(i.verbose));
  try {
    const run = await runInf2Cat(
      {
        dir: packageDir,
        oses: osList.oses,
        useLocalTime: Boolean(i.useLocalTime),
        noCat: Boolean(i.noCatalog),
        ...(i.pageHashes ? { pageHashes: true as const } : {}),
        clock,
      },
      text.hooks,
    );
    if (run.written) chunks.push(catalogsWrittenText(run));
    return { exitCode: run.exitCode, output: chunks.join(''), catalogs: run.written ? run.catalogs.map((c) => c.path) : [] };
  } catch (error) {
    if (!(error instanceof Inf2CatFailure)) throw error;
    text.endProgress();
    chunks.push(failureText(error.message));
    return { exitCode: error.exitCode, output: chunks.join(''), catalogs: [], failure: error.message };
  }
}

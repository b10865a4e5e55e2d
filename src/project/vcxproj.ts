// Reads a Visual Studio driver project (.vcxproj) for one configuration and
// platform into ProjectSettings, the way the WDK's MSBuild targets see it.
// The SDK's imported props/targets are not available, so their defaults are
// applied at the Import that would set them (documented in docs/build.md).
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { InputError, UsageError, describeFsError } from '../errors.js';
import { evaluateProject, expandMetadata, hostPath, type Evaluation } from './msbuild.js';
import {
  ddkPlatform, defaultFrameworkMinor, defaultOsList, normalizePlatform, parseBool, platformArch, targetExtFor,
  type DriverType, type InfItem, type Platform, type ProjectSettings, type SignMode,
} from './settings.js';
import { parseXml, type XmlElement } from './xml.js';

export interface ReadOptions {
  configuration?: string;
  platform?: string;
}

function withSlash(path: string): string {
  return path === '' || /[\\/]$/.test(path) ? path : `${path}\\`;
}

function declaredConfigurations(root: XmlElement): string[] {
  const out: string[] = [];
  for (const group of root.children) {
    if (group.name !== 'ItemGroup') continue;
    for (const item of group.children) if (item.name === 'ProjectConfiguration' && item.attrs.Include) out.push(item.attrs.Include);
  }
  return out;
}

function evaluate(root: XmlElement, file: string, globals: Record<string, string>): Evaluation {
  const projectDir = dirname(file);
  const name = basename(file, extname(file));
  const dirWithSlash = `${projectDir}/`;
  const setDefault = (ev: Evaluation, set: (n: string, v: string) => void, key: string, value: () => string) => {
    if (ev.get(key) === '') set(key, value());
  };
  const platformOf = (ev: Evaluation): Platform => normalizePlatform(ev.get('Platform')) ?? 'x64';
  // What Microsoft.Cpp.Default.props (with the WDK's props) sets.
  const defaultProps = (ev: Evaluation, set: (n: string, v: string) => void) => {
    setDefault(ev, set, 'ProjectName', () => name);
    setDefault(ev, set, 'TargetName', () => ev.get('ProjectName'));
    setDefault(ev, set, 'DDKPlatform', () => ddkPlatform[platformOf(ev)]);
    setDefault(ev, set, 'InfArch', () => platformArch[platformOf(ev)]);
    setDefault(ev, set, 'PlatformShortName', () => ddkPlatform[platformOf(ev)]);
    setDefault(ev, set, 'KMDF_VERSION_MAJOR', () => '1');
    setDefault(ev, set, 'UMDF_VERSION_MAJOR', () => '2');
  };
  // What Microsoft.Cpp.props sets once the configuration group is known.
  const cppProps = (ev: Evaluation, set: (n: string, v: string) => void) => {
    defaultProps(ev, set);
    const perPlatform = platformOf(ev) === 'Win32' ? '$(Configuration)\\' : '$(Platform)\\$(Configuration)\\';
    setDefault(ev, set, 'IntDir', () => ev.expand(perPlatform));
    setDefault(ev, set, 'OutDir', () => ev.expand(`$(SolutionDir)${perPlatform}`));
    setDefault(ev, set, 'TargetVersion', () => 'Windows10');
    setDefault(ev, set, 'TargetExt', () => targetExtFor(ev.get('ConfigurationType') || 'Driver'));
  };
  return evaluateProject(root, {
    projectDir,
    globalProperties: globals,
    initialProperties: {
      MSBuildProjectName: name,
      MSBuildProjectFile: basename(file),
      MSBuildProjectExtension: extname(file),
      MSBuildProjectDirectory: projectDir,
      MSBuildThisFileDirectory: dirWithSlash,
      ProjectDir: dirWithSlash,
      SolutionDir: solutionDir(projectDir, basename(file)),
      // Known from the start when Platform is global (Microsoft.Cpp.Default.props sets them early).
      ...(normalizePlatform(globals.Platform ?? '') ? {
        DDKPlatform: ddkPlatform[normalizePlatform(globals.Platform!)!],
        InfArch: platformArch[normalizePlatform(globals.Platform!)!],
      } : {}),
    },
    onImport: (project, ev, set) => {
      const file = hostPath(project).split('/').pop()!.toLowerCase();
      if (file === 'microsoft.cpp.default.props') {
        defaultProps(ev, set);
        return directoryBuildProps(projectDir);
      }
      if (file === 'microsoft.cpp.props') cppProps(ev, set);
      return undefined;
    },
    onPropertiesDone: (ev, set) => {
      cppProps(ev, set);
      set('IntDir', withSlash(ev.get('IntDir')));
      set('OutDir', withSlash(ev.get('OutDir')));
      const minors = defaultFrameworkMinor[ev.get('TargetVersion').toLowerCase()] ?? defaultFrameworkMinor.windows10!;
      setDefault(ev, set, 'KMDF_VERSION_MINOR', () => minors.kmdf);
      setDefault(ev, set, 'UMDF_VERSION_MINOR', () => minors.umdf);
      setDefault(ev, set, 'TargetPath', () => `${ev.get('OutDir')}${ev.get('TargetName')}${ev.get('TargetExt')}`);
      setDefault(ev, set, 'Inf2CatWindowsVersionList', () => defaultOsList(ev.get('TargetVersion'), platformOf(ev)).join(';'));
      setDefault(ev, set, 'PackageDir', () => `${ev.get('OutDir')}${ev.get('ProjectName')}\\`);
    },
  });
}

/**
 * $(SolutionDir): Visual Studio builds through the solution, so a .sln in the project's parent
 * folder that lists the project puts $(OutDir) (and the package folder) beside the solution, as
 * in the tutorial's layout; otherwise the project folder, as `msbuild X.vcxproj` does.
 */
function solutionDir(projectDir: string, projectFile: string): string {
  const parent = dirname(projectDir);
  try {
    for (const name of readdirSync(parent)) {
      if (!/\.sln$/i.test(name)) continue;
      const text = readFileSync(join(parent, name), 'utf8');
      if (text.toLowerCase().includes(`${basename(projectDir)}\\${projectFile}`.toLowerCase())) return `${parent}/`;
    }
  } catch {
    // unreadable parent: fall back to the project folder
  }
  return `${projectDir}/`;
}

/**
 * Directory.Build.props: MSBuild imports the first one found in the project's folder or above
 * (Microsoft.Common.props, early in Microsoft.Cpp.Default.props); repositories keep shared
 * driver settings there (Inf2Cat, signing, KMDF version).
 */
function directoryBuildProps(projectDir: string): { children: XmlElement[]; dir: string } | undefined {
  for (let dir = projectDir; ; dir = dirname(dir)) {
    const file = join(dir, 'Directory.Build.props');
    try {
      const root = parseXml(readFileSync(file, 'utf8'));
      return root.name === 'Project' ? { children: root.children, dir } : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(`${file}: not a well-formed MSBuild file (${(error as Error).message.split('\n')[0]})`);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function driverTypeOf(text: string, configurationType: string): DriverType {
  const t = text.trim().toUpperCase();
  if (t === 'KMDF' || t === 'UMDF' || t === 'WDM') return t;
  if (t === 'PACKAGE' || configurationType.toLowerCase() === 'utility') return 'Package';
  return configurationType.toLowerCase() === 'driver' ? 'WDM' : 'None';
}

function signModeOf(text: string): SignMode {
  const t = text.trim().toLowerCase();
  if (t === 'off') return 'Off';
  if (t === 'productionsign') return 'ProductionSign';
  return 'TestSign';
}

export function readVcxproj(file: string, options: ReadOptions = {}): ProjectSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(describeFsError(error, file));
  }
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    throw new InputError(`${file}: not a well-formed MSBuild project (${(error as Error).message.split('\n')[0]}); open it in Visual Studio or fix the XML`);
  }
  if (root.name !== 'Project') throw new InputError(`${file}: the root element is <${root.name}>, expected an MSBuild <Project>`);

  const declared = declaredConfigurations(root);
  const globals: Record<string, string> = {};
  if (options.configuration) globals.Configuration = options.configuration;
  if (options.platform) {
    const platform = normalizePlatform(options.platform);
    if (!platform) throw new UsageError(`--platform ${options.platform}: expected x64, Win32 (x86), ARM64 or ARM`);
    globals.Platform = platform;
  }
  let ev: Evaluation;
  try {
    ev = evaluate(root, file, globals);
    // Without --configuration/--platform, the project's own default is used when it declares it
    // (as MSBuild does); otherwise a declared one, as Visual Studio's solution would pick.
    const evaluated = `${ev.get('Configuration')}|${normalizePlatform(ev.get('Platform')) ?? ev.get('Platform')}`;
    const isDeclared = (combo: string) => declared.some((d) => d.toLowerCase() === combo.toLowerCase());
    if ((!options.configuration || !options.platform) && (declared.length > 0 ? !isDeclared(evaluated) : ev.get('Configuration') === '' || ev.get('Platform') === '')) {
      const fits = (d: string) => {
        const [c, p] = d.split('|');
        return (!options.configuration || c!.toLowerCase() === options.configuration.toLowerCase())
          && (!globals.Platform || normalizePlatform(p!) === globals.Platform);
      };
      const candidates = declared.filter(fits);
      const pick = candidates.find((d) => d.toLowerCase() === `${ev.get('Configuration')}|x64`.toLowerCase())
        ?? candidates.find((d) => d.toLowerCase() === 'debug|x64') ?? candidates.find((d) => /\|x64$/i.test(d)) ?? candidates[0];
      const [c, p] = (pick ?? 'Debug|x64').split('|');
      globals.Configuration = options.configuration ?? c!;
      globals.Platform = globals.Platform ?? normalizePlatform(p!) ?? 'x64';
    }
    // As a solution build does, evaluate with Configuration and Platform as global properties.
    globals.Configuration ??= ev.get('Configuration') || 'Debug';
    globals.Platform ??= normalizePlatform(ev.get('Platform')) ?? 'x64';
    ev = evaluate(root, file, globals);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) throw error;
    throw new InputError(`${file}: ${(error as Error).message}`);
  }
  const configuration = ev.get('Configuration');
  const platform = normalizePlatform(ev.get('Platform'));
  if (!platform) throw new InputError(`${file}: platform "${ev.get('Platform')}" is not one wdksim builds (x64, Win32, ARM64, ARM); pass --platform`);
  const combo = `${configuration}|${platform}`;
  if (declared.length > 0 && !declared.some((d) => d.toLowerCase() === combo.toLowerCase())) {
    throw new UsageError(`${basename(file)} has no configuration "${combo}"; it declares ${declared.join(', ')} (pass --configuration and --platform)`);
  }
  return settingsFrom(ev, file, platform, declared);
}

function settingsFrom(ev: Evaluation, file: string, platform: Platform, declared: string[]): ProjectSettings {
  const projectDir = dirname(file);
  const abs = (p: string) => resolve(projectDir, hostPath(p));
  const configurationType = ev.get('ConfigurationType') || 'Driver';
  const driverType = driverTypeOf(ev.get('DriverType'), configurationType);
  const meta = (m: Map<string, string>, name: string) => m.get(name.toLowerCase()) ?? (ev.get(name) || undefined);

  const infs: InfItem[] = [];
  for (const item of ev.items) {
    if (item.type.toLowerCase() !== 'inf') continue;
    if (!/\.(inx|inf)$/i.test(item.include)) continue;
    const m = item.metadata;
    if (parseBool(m.get('excludedfrombuild'), false)) continue;
    const specifyDate = parseBool(meta(m, 'SpecifyDriverVerDirectiveDate'), true);
    const specifyVersion = parseBool(meta(m, 'SpecifyDriverVerDirectiveVersion') ?? meta(m, 'SpecifyDriverDirectiveVersion'), true);
    const specifyArch = parseBool(meta(m, 'SpecifyArchitecture'), true);
    const kmdf = meta(m, 'KmdfVersionNumber') ?? (driverType === 'KMDF' ? `${ev.get('KMDF_VERSION_MAJOR')}.${ev.get('KMDF_VERSION_MINOR')}` : undefined);
    const umdf = meta(m, 'UmdfVersionNumber') ?? (driverType === 'UMDF' ? `${ev.get('UMDF_VERSION_MAJOR')}.${ev.get('UMDF_VERSION_MINOR')}.0` : undefined);
    const copyOutput = m.get('copyoutput') || `${ev.get('IntDir')}${expandMetadata('%(Filename)', item.include, m)}.inf`;
    infs.push({
      source: abs(item.include),
      output: abs(copyOutput),
      stamp: {
        enabled: parseBool(meta(m, 'EnableStampInf'), true),
        date: specifyDate ? meta(m, 'DateStamp') || '*' : undefined,
        version: specifyVersion ? meta(m, 'TimeStamp') || '*' : undefined,
        architecture: specifyArch ? meta(m, 'Architecture') || ev.get('InfArch') : undefined,
        section: meta(m, 'DriverVersionSectionName') || undefined,
        catalogFile: meta(m, 'CatalogFileName') || undefined,
        kmdfVersion: kmdf || undefined,
        umdfVersion: umdf || undefined,
        verbose: parseBool(meta(m, 'EnableVerbose') ?? meta(m, 'Verbose'), false),
      },
    });
  }

  const targetPath = abs(ev.get('TargetPath'));
  const files = new Map<string, string>();
  if (/^(driver|dynamiclibrary)$/i.test(configurationType)) files.set(targetPath.toLowerCase(), targetPath);
  for (const item of ev.items) {
    if (item.type.toLowerCase() === 'filestopackage') files.set(abs(item.include).toLowerCase(), abs(item.include));
  }
  const digest = ev.itemDefinitions.get('driversign')?.get('filedigestalgorithm');
  const properties: Record<string, string> = {};
  for (const { name, value } of ev.properties.values()) properties[name] = value;
  const testCertificate = ev.get('TestCertificate').trim();
  return {
    kind: 'vcxproj',
    projectFile: file,
    projectDir,
    projectName: ev.get('ProjectName'),
    configuration: ev.get('Configuration'),
    platform,
    arch: platformArch[platform],
    driverType,
    configurationType,
    targetVersion: ev.get('TargetVersion'),
    intDir: abs(ev.get('IntDir')),
    outDir: abs(ev.get('OutDir')),
    packageDir: abs(ev.get('PackageDir')),
    targetName: ev.get('TargetName'),
    targetExt: ev.get('TargetExt'),
    targetPath,
    infs,
    filesToPackage: [...files.values()],
    inf2cat: {
      enabled: parseBool(ev.get('EnableInf2cat'), true),
      osList: ev.get('Inf2CatWindowsVersionList').split(/[;,]/).map((s) => s.trim()).filter(Boolean),
      useLocalTime: parseBool(ev.get('Inf2CatUseLocalTime'), false),
      verbose: parseBool(ev.get('Inf2CatVerbose'), false),
      noCatalog: parseBool(ev.get('Inf2CatNoCatalog'), false),
      pageHashes: parseBool(ev.get('Inf2CatIncludePageHashes'), false),
    },
    sign: {
      mode: signModeOf(ev.get('SignMode')),
      testCertificate: testCertificate && /\.(pfx|p12|pem|cer)$/i.test(testCertificate) ? abs(testCertificate) : undefined,
      fileDigestAlgorithm: digest || 'sha256',
    },
    properties,
    declaredConfigurations: declared,
    warnings: [...ev.warnings],
  };
}

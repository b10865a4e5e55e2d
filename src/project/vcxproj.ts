// Reads a Visual Studio driver project (.vcxproj) for one configuration and
// platform into ProjectSettings, the way the WDK's MSBuild targets see it.
// The SDK's imported props/targets are not available, so their defaults are
// applied at the Import that would set them (documented in docs/build.md).
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { InputError, UsageError, describeFsError } from '../errors.js';
import { evaluateProject, expandMetadata, hostPath, type Evaluation, type PropertyRecord } from './msbuild.js';
import {
  ddkPlatform,
  defaultFrameworkMinor,
  defaultOsList,
  normalizePlatform,
  parseBool,
  platformArch,
  targetExtFor,
  type DriverType,
  type InfItem,
  type Platform,
  type ProjectSettings,
  type ProvenanceEntry,
  type SignMode,
} from './settings.js';
import { directoryBuildFile, solutionDir } from './locate.js';
import { parseXml, type XmlElement } from './xml.js';
import { createClock, type Clock } from '../time/clock.js';

export interface ReadOptions {
  configuration?: string;
  platform?: string;
  /** Environment variables (MSBuild reads each as a property); default none. */
  env?: Record<string, string | undefined>;
  /** The clock for [System.DateTime]::Now in property functions. */
  clock?: Clock;
  /** Package projects being read (a reference cycle between package projects is refused). */
  referencedFrom?: string[];
  /** $(SolutionDir) to use (a package project passes its own to the projects it references). */
  solutionDir?: string;
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

function evaluate(root: XmlElement, file: string, globals: Record<string, string>, options: ReadOptions): Evaluation {
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
    setDefault(ev, set, 'PlatformArchitecture', () => (platformOf(ev) === 'x64' || platformOf(ev) === 'ARM64' ? '64' : '32'));
    setDefault(ev, set, 'PlatformTarget', () => ddkPlatform[platformOf(ev)]);
    setDefault(ev, set, 'ConfigurationName', () => ev.get('Configuration'));
    setDefault(ev, set, 'PlatformName', () => ev.get('Platform'));
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
    projectFile: file,
    projectDir,
    globalProperties: globals,
    env: options.env ?? {},
    // [System.DateTime]::Now reads wdksim's clock: the caller's, else WDKSIM_NOW/SOURCE_DATE_EPOCH/the system's.
    clock: options.clock ?? createClock(options.env ?? {}),
    // WindowsDriver.common.targets: a stamped copy of each Inf goes to $(IntDir) unless CopyOutput says otherwise.
    itemDefinitionDefaults: { Inf: { CopyOutput: '$(IntDir)%(Filename).inf' } },
    initialProperties: {
      MSBuildProjectName: name,
      MSBuildProjectFile: basename(file),
      MSBuildProjectExtension: extname(file),
      MSBuildProjectDirectory: projectDir,
      MSBuildThisFileDirectory: dirWithSlash,
      ProjectDir: dirWithSlash,
      SolutionDir: options.solutionDir ?? solutionDir(projectDir, file),
      MSBuildThisFile: basename(file),
      MSBuildProjectFullPath: file,
      SolutionName: '',
      VisualStudioVersion: '17.0',
      // Visual Studio 2022's MSBuild (projects compare it: '$(MSBuildVersion)' < '16.0').
      MSBuildVersion: '17.14.0',
      MSBuildToolsVersion: 'Current',
    },
    // Known from the start when Platform is global (Microsoft.Cpp.Default.props sets them early).
    sdkProperties: normalizePlatform(globals.Platform ?? '')
      ? {
          DDKPlatform: ddkPlatform[normalizePlatform(globals.Platform!)!],
          InfArch: platformArch[normalizePlatform(globals.Platform!)!],
        }
      : {},
    onImport: (project, ev, set) => {
      const file = hostPath(project).split('/').pop()!.toLowerCase();
      if (file === 'microsoft.cpp.default.props') {
        defaultProps(ev, set);
        return directoryBuildFile(projectDir, 'Directory.Build.props');
      }
      if (file === 'microsoft.cpp.props') cppProps(ev, set);
      return undefined;
    },
    onPropertiesDone: (ev, set) => {
      cppProps(ev, set);
      // The targets add a missing trailing slash (keeping where the value came from when it had one).
      if (withSlash(ev.get('IntDir')) !== ev.get('IntDir')) set('IntDir', withSlash(ev.get('IntDir')));
      if (withSlash(ev.get('OutDir')) !== ev.get('OutDir')) set('OutDir', withSlash(ev.get('OutDir')));
      const minors = defaultFrameworkMinor[ev.get('TargetVersion').toLowerCase()] ?? defaultFrameworkMinor.windows10!;
      setDefault(ev, set, 'KMDF_VERSION_MINOR', () => minors.kmdf);
      setDefault(ev, set, 'UMDF_VERSION_MINOR', () => minors.umdf);
      setDefault(ev, set, 'TargetPath', () => `${ev.get('OutDir')}${ev.get('TargetName')}${ev.get('TargetExt')}`);
      setDefault(ev, set, 'TargetFileName', () => `${ev.get('TargetName')}${ev.get('TargetExt')}`);
      setDefault(ev, set, 'TargetDir', () => ev.get('OutDir'));
      setDefault(ev, set, 'Inf2CatWindowsVersionList', () => defaultOsList(ev.get('TargetVersion'), platformOf(ev)).join(';'));
      setDefault(ev, set, 'PackageDir', () => `${ev.get('OutDir')}${ev.get('ProjectName')}\\`);
      // Microsoft.Common.targets imports the first Directory.Build.targets at or above the project.
      return directoryBuildFile(projectDir, 'Directory.Build.targets');
    },
  });
}

/**
 * DriverType, as the WDK's Driver Model Settings read it: a DynamicLibrary that sets UMDF_VERSION_MAJOR
 * is a UMDF driver even without DriverType (learn.microsoft.com/windows-hardware/drivers/develop/
 * driver-model-settings-for-umdf-driver-projects... "UMDF Version Major").
 */
function driverTypeOf(text: string, configurationType: string, umdfMajorSet: boolean): DriverType {
  const t = text.trim().toUpperCase();
  if (t === 'KMDF' || t === 'UMDF' || t === 'WDM') return t;
  if (t === 'PACKAGE' || configurationType.toLowerCase() === 'utility') return 'Package';
  if (configurationType.toLowerCase() === 'dynamiclibrary' && umdfMajorSet) return 'UMDF';
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
    root = parseXml(text, file);
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
    ev = evaluate(root, file, globals, options);
    // Without --configuration/--platform, the project's own default is used when it declares it
    // (as MSBuild does); otherwise a declared one, as Visual Studio's solution would pick.
    const evaluated = `${ev.get('Configuration')}|${normalizePlatform(ev.get('Platform')) ?? ev.get('Platform')}`;
    const isDeclared = (combo: string) => declared.some((d) => d.toLowerCase() === combo.toLowerCase());
    if ((!options.configuration || !options.platform) && (declared.length > 0 ? !isDeclared(evaluated) : ev.get('Configuration') === '' || ev.get('Platform') === '')) {
      const fits = (d: string) => {
        const [c, p] = d.split('|');
        return (!options.configuration || c!.toLowerCase() === options.configuration.toLowerCase()) && (!globals.Platform || normalizePlatform(p!) === globals.Platform);
      };
      const candidates = declared.filter(fits);
      const pick =
        candidates.find((d) => d.toLowerCase() === `${ev.get('Configuration')}|x64`.toLowerCase()) ??
        candidates.find((d) => d.toLowerCase() === 'debug|x64') ??
        candidates.find((d) => /\|x64$/i.test(d)) ??
        candidates[0];
      const [c, p] = (pick ?? 'Debug|x64').split('|');
      globals.Configuration = options.configuration ?? c!;
      globals.Platform = globals.Platform ?? normalizePlatform(p!) ?? 'x64';
    }
    // As a solution build does, evaluate with Configuration and Platform as global properties.
    globals.Configuration ??= ev.get('Configuration') || 'Debug';
    globals.Platform ??= normalizePlatform(ev.get('Platform')) ?? 'x64';
    ev = evaluate(root, file, globals, options);
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
  return settingsFrom(ev, file, platform, declared, options);
}

/** Where a property's value came from, for --explain. */
function whereOf(record: PropertyRecord | undefined): Pick<ProvenanceEntry, 'file' | 'line' | 'source'> {
  if (!record) return { source: 'not set' };
  if (record.origin) return { file: record.origin.file, line: record.origin.line };
  switch (record.source) {
    case 'global':
      return { source: 'global property (--configuration/--platform)' };
    case 'environment':
      return { source: 'environment variable' };
    case 'reserved':
      return { source: 'MSBuild reserved property' };
    default:
      return { source: 'default of the WDK/VC targets (as wdksim applies them)' };
  }
}

/** The properties whose values decide the build's steps (shown by --explain; fatal when not evaluable). */
const DECIDING = [
  'Configuration',
  'Platform',
  'ConfigurationType',
  'DriverType',
  'TargetVersion',
  'KMDF_VERSION_MAJOR',
  'KMDF_VERSION_MINOR',
  'UMDF_VERSION_MAJOR',
  'UMDF_VERSION_MINOR',
  'SolutionDir',
  'IntDir',
  'OutDir',
  'TargetName',
  'TargetExt',
  'TargetPath',
  'PackageDir',
  'Inf2CatWindowsVersionList',
  'Inf2CatUseLocalTime',
  'EnableInf2cat',
  'SignMode',
  'TestCertificate',
  'InfArch',
];

/** %NAME% in a StampInf argument: the build environment (BuildMacro items marked EnvironmentVariable, then the process's). */
function expandEnvRefs(text: string | undefined, env: Record<string, string | undefined>): string | undefined {
  if (text === undefined) return undefined;
  return text.replace(/%([A-Za-z_][\w]*)%/g, (whole, name: string) => {
    const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
    return key !== undefined && env[key] !== undefined ? env[key]! : whole;
  });
}

function settingsFrom(ev: Evaluation, file: string, platform: Platform, declared: string[], options: ReadOptions): ProjectSettings {
  const projectDir = dirname(file);
  const abs = (p: string) => resolve(projectDir, hostPath(p));
  const configurationType = ev.get('ConfigurationType') || 'Driver';
  const umdfMajor = ev.properties.get('umdf_version_major');
  const driverType = driverTypeOf(ev.get('DriverType'), configurationType, umdfMajor !== undefined && umdfMajor.source !== 'sdk' && umdfMajor.value.trim() !== '');
  const meta = (m: Map<string, string>, name: string) => m.get(name.toLowerCase()) ?? (ev.get(name) || undefined);

  // A property that decides a step but could not be evaluated stops the build with the warning that names it.
  for (const name of DECIDING) {
    const problem = ev.properties.get(name.toLowerCase())?.unsupported;
    if (problem) throw new InputError(`${problem}; ${name} decides the build, so it cannot go on (set ${name} without that construct, or pass it as a global property)`);
  }
  for (const item of ev.items) {
    if (item.unsupported && /^(inf|filestopackage|projectreference)$/i.test(item.type)) {
      throw new InputError(`${item.unsupported}; the ${item.type} item decides the build, so it cannot go on`);
    }
  }

  // The build environment StampInf runs in: the process's, plus BuildMacro items marked EnvironmentVariable.
  const buildEnv: Record<string, string | undefined> = { ...(options.env ?? {}) };
  for (const item of ev.items) {
    if (item.type.toLowerCase() === 'buildmacro' && parseBool(item.metadata.get('environmentvariable'), false)) buildEnv[item.include] = item.metadata.get('value') ?? '';
  }

  const infs: InfItem[] = [];
  for (const item of ev.items) {
    if (item.type.toLowerCase() !== 'inf') continue;
    if (!/\.(inx|inf)$/i.test(item.include)) continue;
    const m = item.metadata;
    if (parseBool(m.get('excludedfrombuild'), false)) continue;
    const specifyDate = parseBool(meta(m, 'SpecifyDriverVerDirectiveDate'), true);
    const specifyVersion = parseBool(meta(m, 'SpecifyDriverVerDirectiveVersion') ?? meta(m, 'SpecifyDriverDirectiveVersion'), true);
    const specifyArch = parseBool(meta(m, 'SpecifyArchitecture'), true);
    // WindowsDriver.common.targets: KmdfVersionNumber/UmdfVersionNumber default from the driver model's version properties.
    const kmdf = meta(m, 'KmdfVersionNumber') ?? (driverType === 'KMDF' ? `${ev.get('KMDF_VERSION_MAJOR')}.${ev.get('KMDF_VERSION_MINOR')}` : undefined);
    const umdf = meta(m, 'UmdfVersionNumber') ?? (driverType === 'UMDF' ? `${ev.get('UMDF_VERSION_MAJOR')}.${ev.get('UMDF_VERSION_MINOR')}.0` : undefined);
    const copyOutput = m.get('copyoutput') || `${ev.get('IntDir')}${expandMetadata('%(Filename)', item.include, m)}.inf`;
    infs.push({
      source: abs(item.include),
      output: abs(copyOutput),
      stamp: {
        enabled: parseBool(meta(m, 'EnableStampInf'), true),
        date: specifyDate ? expandEnvRefs(meta(m, 'DateStamp'), buildEnv) || '*' : undefined,
        version: specifyVersion ? expandEnvRefs(meta(m, 'TimeStamp'), buildEnv) || '*' : undefined,
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

  // A package project (DriverType Package): Visual Studio builds each referenced driver project and
  // collects its stamped INFs and its FilesToPackage into this project's package folder.
  const references: string[] = [];
  const referenceWarnings: string[] = [];
  if (driverType === 'Package') {
    for (const item of ev.items) {
      if (item.type.toLowerCase() !== 'projectreference' || !/\.vcxproj$/i.test(item.include)) continue;
      const refFile = abs(item.include);
      const chain = [...(options.referencedFrom ?? []), file];
      if (chain.includes(refFile))
        throw new InputError(`${file}: ProjectReference ${item.include} leads back to ${refFile} (${chain.map((f) => basename(f)).join(' -> ')}); remove the cycle`);
      const ref = readVcxproj(refFile, {
        referencedFrom: chain,
        configuration: ev.get('Configuration'),
        platform,
        env: options.env ?? {},
        // A solution build passes its $(SolutionDir) to every project; without a solution each project has its own.
        ...(resolve(hostPath(ev.get('SolutionDir'))) !== projectDir ? { solutionDir: ev.get('SolutionDir') } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
      });
      references.push(refFile);
      for (const inf of ref.infs) if (!infs.some((i) => i.output === inf.output)) infs.push(inf);
      for (const f of ref.filesToPackage) files.set(f.toLowerCase(), f);
      referenceWarnings.push(...ref.warnings);
    }
  }

  const digest = ev.itemDefinitions.get('driversign')?.get('filedigestalgorithm');
  const properties: Record<string, string> = {};
  for (const { name, value } of ev.properties.values()) properties[name] = value;
  const testCertificate = ev.get('TestCertificate').trim();
  const provenanceProps: ProvenanceEntry[] = DECIDING.filter((n) => ev.properties.has(n.toLowerCase())).map((name) => ({
    name,
    value: ev.get(name),
    ...whereOf(ev.properties.get(name.toLowerCase())),
  }));
  const provenanceItems: ProvenanceEntry[] = ev.items
    .filter((i) => /^(inf|filestopackage|projectreference|buildmacro)$/i.test(i.type))
    .map((i) => ({ name: i.type, value: i.include, ...(i.origin ? { file: i.origin.file, line: i.origin.line } : { source: 'default' }) }));
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
      osList: ev
        .get('Inf2CatWindowsVersionList')
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter(Boolean),
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
    warnings: [...ev.warnings, ...referenceWarnings],
    ...(driverType === 'Package' ? { projectReferences: references } : {}),
    provenance: { properties: provenanceProps, items: provenanceItems, imports: ev.imports },
  };
}

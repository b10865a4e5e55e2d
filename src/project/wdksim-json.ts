// wdksim.json: the driver project file for a package without a .vcxproj.
// It names the INF/INX files, the binaries and the same StampInf, Inf2Cat and
// signing settings, with MSBuild's defaults, and may use the same macros
// ($(Configuration), $(Platform), $(OutDir), $(IntDir), $(ProjectName),
// $(TargetName), $(InfArch), $(DDKPlatform)). See docs/build.md.
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import * as z from 'zod';
import { InputError, UsageError, describeFsError } from '../errors.js';
import { ddkPlatform, defaultFrameworkMinor, defaultOsList, normalizePlatform, platformArch, targetExtFor, type InfItem, type ProjectSettings } from './settings.js';
import type { ReadOptions } from './vcxproj.js';

const stampSchema = z
  .object({
    enabled: z.boolean().optional(),
    date: z.union([z.string().regex(/^(\*|\d{1,2}[/-]\d{1,2}[/-]\d{4})$/, 'expected "*" or mm/dd/yyyy'), z.literal(false)]).optional(),
    version: z.union([z.string().regex(/^(\*|\d+(\.\d+){0,3})$/, 'expected "*" or w.x.y.z'), z.literal(false)]).optional(),
    architecture: z.union([z.string().min(1), z.literal(false)]).optional(),
    section: z.string().min(1).optional(),
    catalogFile: z.string().min(1).optional(),
    kmdfVersion: z
      .string()
      .regex(/^\d+\.\d+$/, 'expected major.minor, e.g. 1.15')
      .optional(),
    umdfVersion: z
      .string()
      .regex(/^\d+\.\d+(\.\d+)?$/, 'expected major.minor.service, e.g. 2.15.0')
      .optional(),
    verbose: z.boolean().optional(),
  })
  .strict();

const inf2catSchema = z
  .object({
    enabled: z.boolean().optional(),
    os: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    useLocalTime: z.boolean().optional(),
    verbose: z.boolean().optional(),
    noCatalog: z.boolean().optional(),
    pageHashes: z.boolean().optional(),
  })
  .strict();

const signSchema = z
  .object({
    mode: z.enum(['Off', 'TestSign', 'ProductionSign']).optional(),
    testCertificate: z.string().min(1).optional(),
    fileDigestAlgorithm: z.enum(['sha256', 'sha1']).optional(),
  })
  .strict();

const settingsShape = {
  driverType: z.enum(['KMDF', 'UMDF', 'WDM', 'Package']).optional(),
  targetVersion: z.string().min(1).optional(),
  /** The WDK the package is built with (10.0.22621): the InfVerif rules the build checks with. */
  wdk: z.string().min(1).optional(),
  configurationType: z.string().min(1).optional(),
  outDir: z.string().min(1).optional(),
  intDir: z.string().min(1).optional(),
  packageDir: z.string().min(1).optional(),
  targetName: z.string().min(1).optional(),
  targetExt: z.string().optional(),
  infs: z
    .array(z.union([z.string().min(1), z.object({ path: z.string().min(1), output: z.string().min(1).optional(), stampinf: stampSchema.optional() }).strict()]))
    .min(1)
    .optional(),
  binaries: z.array(z.string().min(1)).optional(),
  stampinf: stampSchema.optional(),
  inf2cat: inf2catSchema.optional(),
  sign: signSchema.optional(),
};

export const wdksimJsonSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1).optional(),
    configurations: z.array(z.string().regex(/^[^|]+\|[^|]+$/, 'expected "Configuration|Platform", e.g. "Debug|x64"')).optional(),
    ...settingsShape,
    /** Per "Configuration|Platform" settings, merged over the top-level ones. */
    overrides: z.record(z.string(), z.object(settingsShape).strict()).optional(),
  })
  .strict();

export type WdksimJson = z.infer<typeof wdksimJsonSchema>;

export function readWdksimJson(file: string, options: ReadOptions = {}): ProjectSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new InputError(`${file}: not valid JSON (${error.message}); fix the syntax`);
    throw new InputError(describeFsError(error, file));
  }
  const parsed = wdksimJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    throw new InputError(`${file}: ${where}: ${issue.message}; see docs/build.md for the wdksim.json format`);
  }
  const json = parsed.data;
  const declared = json.configurations ?? ['Debug|x64', 'Release|x64', 'Debug|ARM64', 'Release|ARM64', 'Debug|Win32', 'Release|Win32'];
  const first = declared[0]!.split('|');
  const configuration = options.configuration ?? first[0]!;
  const platformText = options.platform ?? first[1]!;
  const platform = normalizePlatform(platformText);
  if (!platform) throw new UsageError(`--platform ${platformText}: expected x64, Win32 (x86), ARM64 or ARM`);
  const combo = `${configuration}|${platform}`;
  if (json.configurations && !declared.some((d) => d.toLowerCase() === combo.toLowerCase())) {
    throw new UsageError(`${basename(file)} has no configuration "${combo}"; it declares ${declared.join(', ')} (pass --configuration and --platform)`);
  }
  const override = Object.entries(json.overrides ?? {}).find(([k]) => k.toLowerCase() === combo.toLowerCase())?.[1] ?? {};
  const s = {
    ...json,
    ...override,
    stampinf: { ...json.stampinf, ...override.stampinf },
    inf2cat: { ...json.inf2cat, ...override.inf2cat },
    sign: { ...json.sign, ...override.sign },
  };

  const projectDir = dirname(file);
  const projectName = json.name ?? basename(projectDir);
  const props: Record<string, string> = {
    Configuration: configuration,
    Platform: platform,
    ProjectName: projectName,
    InfArch: platformArch[platform],
    DDKPlatform: ddkPlatform[platform],
  };
  const expand = (text: string) =>
    text.replace(/\$\(([\w.-]+)\)/g, (m, name: string) => {
      const key = Object.keys(props).find((k) => k.toLowerCase() === name.toLowerCase());
      return key ? props[key]! : m;
    });
  const withSlash = (p: string) => (/[\\/]$/.test(p) ? p : `${p}/`);
  const abs = (p: string) => resolve(projectDir, expand(p).replace(/\\/g, '/'));
  const perPlatform = platform === 'Win32' ? '$(Configuration)/' : '$(Platform)/$(Configuration)/';
  props.IntDir = withSlash(expand(s.intDir ?? perPlatform));
  props.OutDir = withSlash(expand(s.outDir ?? perPlatform));
  const configurationType = s.configurationType ?? (s.driverType === 'UMDF' ? 'DynamicLibrary' : s.driverType === 'Package' ? 'Utility' : 'Driver');
  props.TargetName = expand(s.targetName ?? projectName);
  props.TargetExt = s.targetExt ?? targetExtFor(configurationType);
  const targetPath = abs(`${props.OutDir}${props.TargetName}${props.TargetExt}`);
  const driverType = s.driverType ?? 'WDM';
  const targetVersion = s.targetVersion ?? 'Windows10';
  if (s.wdk) props.WindowsTargetPlatformVersion = s.wdk;
  const minors = defaultFrameworkMinor[targetVersion.toLowerCase()] ?? defaultFrameworkMinor.windows10!;

  const infEntries = s.infs ?? [];
  const infs: InfItem[] = infEntries.map((entry) => {
    const e = typeof entry === 'string' ? { path: entry } : entry;
    const st = { ...s.stampinf, ...('stampinf' in e ? e.stampinf : undefined) };
    const stem = basename(e.path.replace(/\\/g, '/')).replace(/\.(inx|inf)$/i, '');
    return {
      source: abs(e.path),
      output: abs('output' in e && e.output ? e.output : `${props.IntDir}${stem}.inf`),
      stamp: {
        enabled: st.enabled ?? true,
        date: st.date === false ? undefined : (st.date ?? '*'),
        version: st.version === false ? undefined : (st.version ?? '*'),
        architecture: st.architecture === false ? undefined : expand(st.architecture ?? '$(InfArch)'),
        section: st.section,
        catalogFile: st.catalogFile,
        kmdfVersion: st.kmdfVersion ?? (driverType === 'KMDF' ? `1.${minors.kmdf}` : undefined),
        umdfVersion: st.umdfVersion ?? (driverType === 'UMDF' ? `2.${minors.umdf}.0` : undefined),
        verbose: st.verbose ?? false,
      },
    };
  });
  const binaries = s.binaries ? s.binaries.map(abs) : /^(driver|dynamiclibrary)$/i.test(configurationType) ? [targetPath] : [];
  const os = s.inf2cat.os;
  return {
    kind: 'wdksim.json',
    projectFile: file,
    projectDir,
    projectName,
    configuration,
    platform,
    arch: platformArch[platform],
    driverType,
    configurationType,
    targetVersion,
    intDir: abs(props.IntDir),
    outDir: abs(props.OutDir),
    packageDir: abs(s.packageDir ?? `${props.OutDir}${projectName}/`),
    targetName: props.TargetName,
    targetExt: props.TargetExt,
    targetPath,
    infs,
    filesToPackage: [...new Map(binaries.map((b) => [b.toLowerCase(), b])).values()],
    inf2cat: {
      enabled: s.inf2cat.enabled ?? true,
      osList: os === undefined ? defaultOsList(targetVersion, platform) : (Array.isArray(os) ? os : os.split(/[;,]/)).map((x) => expand(x.trim())).filter(Boolean),
      useLocalTime: s.inf2cat.useLocalTime ?? false,
      verbose: s.inf2cat.verbose ?? false,
      noCatalog: s.inf2cat.noCatalog ?? false,
      pageHashes: s.inf2cat.pageHashes ?? false,
    },
    sign: {
      mode: s.sign.mode ?? 'TestSign',
      testCertificate: s.sign.testCertificate ? abs(s.sign.testCertificate) : undefined,
      fileDigestAlgorithm: s.sign.fileDigestAlgorithm ?? 'sha256',
    },
    properties: props,
    declaredConfigurations: declared,
    warnings: [],
  };
}

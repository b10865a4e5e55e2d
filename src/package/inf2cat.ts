// Inf2Cat as a library: test a driver package for signability and write its
// catalogs (wdk-tools.md §3). Called by `wdksim inf2cat` and by `wdksim
// build` alike; the command parses the argv and formats, this decides.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createCatalog } from '../catalog/create.js';
import { WdksimError } from '../errors.js';
import { OutputFolder, OutputRefused } from '../fs/host-write.js';
import { Inf2CatExit } from '../exit-codes.js';
import type { Clock } from '../time/clock.js';
import { hashSmallFile, type FileDigests } from '../catalog/hash.js';
import { checkPackage, isReadable, type PackageDiagnostic } from './checks.js';
import { loadPackage } from './load.js';
import type { OsId } from './os-ids.js';
import { catalogPlans, type CatalogPlan } from './plans.js';

export interface Inf2CatRequest {
  /** The package folder (a host path). */
  dir: string;
  oses: readonly OsId[];
  useLocalTime?: boolean;
  /** /ignoreerrors: write the catalogs even when a signability test failed. */
  ignoreErrors?: boolean;
  /** /nocat: run the tests only. */
  noCat?: boolean;
  /** /pageHashes: true for every PE member, or the listed names (lower case). */
  pageHashes?: true | string[];
  catalogVersion?: 1 | 2;
  clock: Clock;
}

/** What the caller shows while the tool runs; every hook is optional. */
export interface Inf2CatHooks {
  /** One step of the tests (a dot, or a line with /verbose). */
  step?(message: string): void;
  /** The tests are done; called before any catalog is written. */
  checked?(result: Inf2CatResult): void;
  /** Bytes hashed so far over all catalogs. */
  hashing?(done: number, total: number): void;
}

export interface Inf2CatResult {
  diagnostics: PackageDiagnostic[];
  /** The catalogs the package gets (written when `written`). */
  catalogs: CatalogPlan[];
  /** A signability test failed (the tool exits -2 unless /ignoreerrors). */
  errors: boolean;
  written: boolean;
  exitCode: number;
}

/** A failure after which Inf2Cat prints the message and "Signability test failed." (-1). */
export class Inf2CatFailure extends WdksimError {
  constructor(
    message: string,
    readonly stage: 'checks' | 'catalogs',
    readonly partial: Inf2CatResult,
  ) {
    super(message, Inf2CatExit.usage);
  }
}

/** The tests announced as steps (one dot each, or one line with /verbose). */
const SIGNABILITY_TESTS = [
  'INF syntax',
  '[Version] section',
  'CatalogFile entry',
  'DriverVer format',
  'DriverVer date',
  '[Manufacturer] decorations',
  'Models sections',
  '[SourceDisksNames]',
  '[SourceDisksFiles]',
  'CopyFiles sections',
  'referenced files',
  'file redistribution',
];

export async function runInf2Cat(request: Inf2CatRequest, hooks: Inf2CatHooks = {}): Promise<Inf2CatResult> {
  const result: Inf2CatResult = { diagnostics: [], catalogs: [], errors: false, written: false, exitCode: Inf2CatExit.ok };
  let stage: 'checks' | 'catalogs' = 'checks';
  try {
    hooks.step?.(`Processing driver package ${request.dir}`);
    const pkg = await loadPackage(request.dir);
    if (pkg.infs.length === 0) throw new WdksimError(`No .inf file found in ${request.dir}; /driver: must name the folder that holds the driver package's INF.`, Inf2CatExit.usage);
    for (const inf of pkg.infs) {
      hooks.step?.(`Parsing ${inf.path}`);
      for (const os of request.oses) for (const test of SIGNABILITY_TESTS) hooks.step?.(`Testing ${inf.name} for ${os.id}: ${test}`);
    }
    result.catalogs = catalogPlans(pkg, { osIds: request.oses, ...(request.catalogVersion ? { catalogVersion: request.catalogVersion } : {}) });
    // A catalog's file is hashed when 22.9.1's readability test opens it (unless /nocat), so it is opened once.
    const digests = new Map<string, FileDigests>();
    const readable = request.noCat || result.catalogs.length === 0 ? undefined : hashingProbe(result.catalogs, digests);
    result.diagnostics = checkPackage(pkg, {
      osIds: request.oses,
      useLocalTime: Boolean(request.useLocalTime),
      clock: request.clock,
      ...(readable ? { readable } : {}),
    });
    result.errors = result.diagnostics.some((d) => d.severity === 'error');
    const failed = result.errors && !request.ignoreErrors;
    result.exitCode = failed ? Inf2CatExit.failed : Inf2CatExit.ok;
    hooks.checked?.(result);
    if (!failed && !request.noCat && result.catalogs.length > 0) {
      stage = 'catalogs';
      await writeCatalogs(result.catalogs, request, hooks, digests);
      result.written = true;
    }
    return result;
  } catch (error) {
    if (!(error instanceof WdksimError) || error instanceof Inf2CatFailure) throw error;
    throw new Inf2CatFailure(error.message, stage, { ...result, written: false, exitCode: Inf2CatExit.usage });
  }
}

/**
 * The readability test of the checks for files the catalogs hold: open, read and hash a
 * small file (its digests kept for the catalog) instead of access() now and open()
 * later. A file that cannot be opened or read is answered by access(R_OK), as without
 * the probe, and left for the catalog to hash (and report) as before.
 */
function hashingProbe(plans: readonly CatalogPlan[], digests: Map<string, FileDigests>): (path: string) => boolean {
  const members = new Set<string>();
  for (const plan of plans) for (const m of plan.members) members.add(m.path);
  const options = { algorithms: plans.some((p) => p.version === 2) ? (['sha1', 'sha256'] as const) : (['sha1'] as const) };
  return (path) => {
    if (digests.has(path)) return true;
    if (!members.has(path)) return isReadable(path);
    let hashed: FileDigests | undefined;
    try {
      hashed = hashSmallFile(path, options);
    } catch {
      return isReadable(path);
    }
    // A file over one chunk was opened and read, so it is readable; the catalog streams it.
    if (hashed) digests.set(path, hashed);
    return true;
  };
}

/** Writes each plan's catalog; refuses a CatalogFile that would overwrite a package file or follow a link. */
export async function writeCatalogs(
  plans: readonly CatalogPlan[],
  request: Pick<Inf2CatRequest, 'pageHashes' | 'clock'>,
  hooks: Pick<Inf2CatHooks, 'hashing'> = {},
  /** Digests the checks already computed, by path. */
  digests?: ReadonlyMap<string, FileDigests>,
): Promise<void> {
  // Guard: a CatalogFile that names a package file (the INF, the .sys) would overwrite it with the catalog.
  const memberPaths = new Set(plans.flatMap((p) => p.members.map((m) => m.path.toLowerCase())));
  for (const plan of plans)
    if (!/\.cat$/i.test(plan.path) || memberPaths.has(plan.path.toLowerCase()) || (plan.replaces !== undefined && memberPaths.has(plan.replaces.toLowerCase())))
      throw new WdksimError(
        `${plan.path}: CatalogFile=${plan.catalogName} is not a .cat file name or names a file of the driver package; writing the catalog would overwrite it (name a .cat file)`,
        Inf2CatExit.failed,
      );
  // Every catalog name is checked before any is hashed or written (a planted link refuses them all).
  for (const plan of plans)
    for (const path of plan.replaces !== undefined ? [plan.path, plan.replaces] : [plan.path])
      await new OutputFolder(dirname(plan.path), 'the package folder').check(path, 'catalog').catch((error: unknown) => {
        throw error instanceof OutputRefused ? new WdksimError(error.message, Inf2CatExit.failed) : error;
      });
  const totals = new Map<CatalogPlan, { done: number; total: number }>();
  for (const plan of plans) {
    const der = await createCatalog({
      members: plan.members,
      osAttr: plan.osAttr,
      catalogAttributes: plan.attributes,
      version: plan.version,
      now: request.clock.now(),
      ...(request.pageHashes ? { pageHashes: request.pageHashes } : {}),
      ...(digests && digests.size > 0 ? { digests } : {}),
      // Only when asked: the byte total costs a stat of every file before hashing starts.
      ...(hooks.hashing
        ? {
            onProgress: (done: number, total: number) => {
              totals.set(plan, { done, total });
              let d = 0;
              let t = 0;
              for (const v of totals.values()) {
                d += v.done;
                t += v.total;
              }
              hooks.hashing!(d, t);
            },
          }
        : {}),
    });
    // The catalog goes beside its INF under a name of wdksim's making: through the output-folder layer, which
    // refuses a symbolic link, a hard-linked file or a FIFO at the name (a package must not redirect its catalog).
    // On a case-sensitive disk an older catalog spelled in another case is then removed.
    const folder = new OutputFolder(dirname(plan.path), 'the package folder');
    const replaced = plan.replaces !== undefined && !(await sameFile(plan.replaces, plan.path)) ? plan.replaces : undefined;
    try {
      await folder.write(plan.path, der, 'catalog');
      if (replaced) await folder.remove(replaced, 'catalog');
    } catch (error) {
      throw error instanceof OutputRefused ? new WdksimError(error.message, Inf2CatExit.failed) : error;
    }
  }
}

/** Whether two names are one file (a case-insensitive disk); false when either does not exist. */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return sa !== undefined && sb !== undefined && sa.ino === sb.ino && sa.dev === sb.dev;
}

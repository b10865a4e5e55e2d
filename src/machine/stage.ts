// Staging (pnputil /add-driver, devcon dp_add): check the package against the
// signature policy, copy the INF, its catalog and every file it names into
// DriverStore\FileRepository\<inf>_<arch>_<16 hex>\, publish the INF as
// Windows\INF\oemN.inf (+ oemN.cat). An identical package keeps its name.
import { basename, dirname, resolve } from 'node:path';
import { describeFsError } from '../errors.js';
import { LimitError, limits } from '../limits.js';
import { parseInfBytesChecked } from '../inf/parse.js';
import type { InfDocument } from '../inf/document.js';
import { catalogFileFor } from '../package/catalog-file.js';
import { referencedFiles } from '../package/files.js';
import { InstallError, SetupError } from './install-error.js';
import { STORE_DIR, publishedFiles, toWindowsPath } from './layout.js';
import type { DriverPackageRecord } from './model.js';
import { resolveInside, splitRelative } from './paths.js';
import { checkPackageSignature, type PackageFileBytes } from './signature.js';
import { sha256, type Transaction } from './target.js';
import { hostReadFile as readFile } from './fs/host.js';
import { changedStoreFiles } from './store-check.js';
import { versionFacts } from './inf-facts.js';
import { infLogName, scrubHostPaths } from './log-names.js';
import type { LogSection } from './setupapi-log.js';

/** The imports a transaction made, so a failure later in it can say they were rolled back. */
const imports = new WeakMap<Transaction, { log: LogSection; publishedName: string }[]>();

/**
 * The transaction is failing after it imported packages: nothing it staged
 * survives, so their log sections must not say the import succeeded.
 */
export function logImportsRolledBack(tx: Transaction, reason: string): void {
  for (const { log, publishedName } of imports.get(tx) ?? []) {
    const kept = log.lines.filter((l) => !/Successfully imported driver package|Published Driver Store Entry/.test(l));
    log.lines.length = 0;
    log.lines.push(...kept);
    log.entry('sto:', `Driver package ${publishedName} not imported: the install failed (${scrubHostPaths(tx, reason)}) and the import was rolled back.`, 'error');
  }
  imports.delete(tx);
}

/**
 * oemN.PNF, the precompiled INF SetupAPI keeps beside the published INF. Its
 * binary layout is private to SetupAPI and nothing reads wdksim's: this one
 * holds a version word (0x0101), the INF's size, its SHA-256 and the published name, so the
 * file exists where Windows has it and changes when the INF does.
 */
function precompiledInf(publishedName: string, inf: Buffer): Buffer {
  const name = Buffer.from(`C:\\Windows\\INF\\${publishedName}\0`, 'utf16le');
  const head = Buffer.alloc(8);
  head.writeUInt16LE(0x0101, 0);
  head.writeUInt16LE(0x0001, 2);
  head.writeUInt32LE(inf.length, 4);
  return Buffer.concat([head, Buffer.from(sha256(inf), 'hex'), name]);
}

export interface StageOptions {
  /** Log section title prefix, e.g. "Setup Import Driver Package". */
  caller?: string;
}
export interface StageResult {
  publishedName: string;
  storeFolder: string;
  alreadyStaged: boolean;
}

/** Reads an INF named on the host (or inside the target, for DriverTest\Drivers) and checks it opens. */
export async function readHostInf(tx: Transaction, infPath: string): Promise<{ abs: string; bytes: Buffer; doc: InfDocument }> {
  const abs = resolve(tx.ctx.io.cwd, infPath);
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (error) {
    throw new InstallError(describeFsError(error, infPath), SetupError.fileNotFound);
  }
  const doc = parseInfBytesChecked(bytes, { file: infPath });
  if (doc.diagnostics.some((d) => d.code === '1001')) {
    throw new InstallError(`${infPath}: not a Windows INF ([Version] Signature must be "$Windows NT$"); the style of the INF is wrong`, SetupError.wrongInfStyle);
  }
  return { abs, bytes, doc };
}

/** Lowest N with no oemN.inf in use (wdk-tools.md §1.2). */
export function nextPublishedName(packages: readonly DriverPackageRecord[]): string {
  const used = new Set(
    packages
      .map((p) => /^oem(\d+)\.inf$/i.exec(p.publishedName)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number),
  );
  let n = 0;
  while (used.has(n)) n++;
  return `oem${n}.inf`;
}

export async function stageDriverPackage(tx: Transaction, infPath: string, options: StageOptions = {}): Promise<StageResult> {
  const state = tx.state;
  const arch = state.os.arch;
  const log = tx.log(`${options.caller ?? 'Setup Import Driver Package'} - ${infLogName(tx, infPath)}`);
  try {
    const { abs, bytes: infBytes, doc } = await readHostInf(tx, infPath);
    const pkgDir = dirname(abs);
    const infName = basename(abs);
    log
      .entry('inf:', `Provider: ${versionFacts(doc).provider}`)
      .entry('inf:', `Class GUID: ${versionFacts(doc).classGuid}`)
      .entry('inf:', `Driver Version: ${versionFacts(doc).driverDate},${versionFacts(doc).driverVersion}`);

    const catalog = catalogFileFor(doc, arch);
    if (!catalog) {
      throw new InstallError(
        `${infPath}: the third-party INF does not contain digital signature information (no CatalogFile for ${arch} in [Version]); staging needs a signed catalog`,
        SetupError.noCatalogForOemInf,
      );
    }
    const catParts = splitRelative(catalog.name, `CatalogFile in ${infName}`);
    const catResolved = await resolveInside(pkgDir, catParts, `catalog of ${infName}`);
    if (!catResolved.exists) {
      throw new InstallError(
        `${infPath}: the catalog ${catalog.name} named by ${catalog.key} is not in the package; build it with inf2cat and sign it`,
        SetupError.noCatalogForOemInf,
      );
    }
    const catBytes = await readFile(catResolved.abs);

    // Every file the INF names for this architecture, read from inside the package folder only.
    const files: PackageFileBytes[] = [];
    const seen = new Set<string>();
    // One listing per package folder, not one per file (a 10,000-file package read its folder 10,000 times).
    const listings = new Map<string, Map<string, string>>();
    const refs = referencedFiles(doc, arch);
    if (refs.length > limits().packageFiles) throw new LimitError('packageFiles', `${infPath}: the INF copies ${refs.length} files`);
    for (const ref of refs) {
      // The system's own file ([Version] LayoutFile): not part of the package.
      if (ref.fromLayout) continue;
      const parts = splitRelative(ref.relativePath, `file ${ref.name} (${ref.section}, line ${ref.line}) of ${infName}`);
      const found = await resolveInside(pkgDir, parts, `file ${ref.name} of ${infName}`, listings);
      if (!found.exists) {
        throw new InstallError(
          `${infPath}: the file ${ref.relativePath.replace(/\//g, '\\')} named in [${ref.section}] (line ${ref.line}) is not in the package; the driver package is incomplete`,
          SetupError.fileNotFound,
        );
      }
      const rel = found.parts.join('/');
      if (seen.has(rel.toLowerCase())) continue;
      seen.add(rel.toLowerCase());
      let bytes: Buffer;
      try {
        bytes = await readFile(found.abs);
      } catch (error) {
        throw new InstallError(describeFsError(error, found.abs), SetupError.fileNotFound);
      }
      files.push({ path: rel, bytes });
    }

    log.begin('sig:', `VERIFY_FILE_SIGNATURE: ${catalog.name}`);
    const signature = checkPackageSignature(state, catalog.name, catBytes, [{ path: infName, bytes: infBytes }, ...files], tx.ctx.clock.now());
    log.entry('sig:', signature.testSigned ? 'Signer Score = 0x0F000000 (AUTHENTICODE)' : 'Signer Score = 0x0D000005 (WHQL)').entry('sig:', `Signer Name = ${signature.signer}`);
    log.end('sig:', `VERIFY_FILE_SIGNATURE: ${catalog.name}`);

    // Identity of the package: the INF, the catalog and every file, by name and content.
    const catName = catResolved.parts.join('/');
    const all = [{ path: infName, bytes: infBytes }, { path: catName, bytes: catBytes }, ...files];
    const identity = sha256(
      all
        .map((f) => `${f.path.toLowerCase()}\0${sha256(f.bytes)}\n`)
        .sort()
        .join(''),
    );
    const storeFolder = `${infName.toLowerCase()}_${arch}_${identity.slice(0, 16)}`;
    const existing = tx.records ? tx.records.packageByFolder(storeFolder) : state.packages.find((p) => p.storeFolder.toLowerCase() === storeFolder);
    if (existing) {
      // The incoming package was just verified against its catalog; a store copy changed since is restored from it.
      const changed = await changedStoreFiles(tx, existing);
      if (changed.length > 0) {
        const byPath = new Map(all.map((f) => [f.path.toLowerCase(), f.bytes]));
        for (const rel of changed) {
          const bytes = byPath.get(rel.toLowerCase());
          if (bytes) await tx.writeFile(`${STORE_DIR}/${existing.storeFolder}/${rel}`, bytes, `file ${rel}`);
        }
        log.entry('sto:', `Driver store copy of '${existing.publishedName}' did not match its catalog (${changed.join(', ')}); restored from the signed package.`, 'warning');
      }
      log.entry('sto:', `Driver package already imported as '${existing.publishedName}'.`);
      return { publishedName: existing.publishedName, storeFolder: existing.storeFolder, alreadyStaged: true };
    }

    const publishedName = tx.records ? tx.records.nextPublishedName() : nextPublishedName(state.packages);
    const catalogPublished = publishedName.replace(/\.inf$/i, '.cat');
    log.begin('sto:', 'Import Driver Package');
    log.entry('sto:', `Driver Package = ${infLogName(tx, abs)}`).entry('sto:', `Architecture  = ${arch}`);
    const records: { path: string; sha256: string }[] = [];
    for (const f of all) {
      await tx.writeFile(`${STORE_DIR}/${storeFolder}/${f.path}`, f.bytes, `file ${f.path}`);
      records.push({ path: f.path, sha256: sha256(f.bytes) });
      log.entry('cpy:', `Copied '${f.path.split('/').pop()}'.`);
    }
    log.entry('sto:', `Driver Store Path = ${toWindowsPath(`${STORE_DIR}/${storeFolder}/${infName.toLowerCase()}`)}`);
    const published = publishedFiles(publishedName);
    await tx.writeFile(published.inf, infBytes);
    tx.trackFile(published.inf, infBytes);
    const pnf = precompiledInf(publishedName, infBytes);
    await tx.writeFile(published.pnf, pnf);
    tx.trackFile(published.pnf, pnf);
    await tx.writeFile(published.cat, catBytes);
    tx.trackFile(published.cat, catBytes);
    log.entry('sto:', `Installing catalog ${catalog.name} as: ${catalogPublished}`);
    log.entry('sto:', `Published Driver Store Entry: ${publishedName}`);
    log.end('sto:', 'Import Driver Package');

    const facts = versionFacts(doc);
    const record: DriverPackageRecord = {
      publishedName,
      originalName: infName.toLowerCase(),
      storeFolder,
      provider: facts.provider,
      className: facts.className,
      classGuid: facts.classGuid,
      driverDate: facts.driverDate,
      driverVersion: facts.driverVersion,
      catalog: catName,
      signer: signature.signer,
      testSigned: signature.testSigned,
      arch,
      files: records,
    };
    if (tx.records) tx.records.addPackage(record);
    else state.packages.push(record);
    log.entry('sto:', `Successfully imported driver package: ${publishedName}`);
    imports.set(tx, [...(imports.get(tx) ?? []), { log, publishedName }]);
    return { publishedName, storeFolder, alreadyStaged: false };
  } catch (error) {
    const code = error instanceof InstallError ? error.code : SetupError.accessDenied;
    log.entry('sto:', `Failed to import driver package: ${scrubHostPaths(tx, (error as Error).message)}`, 'error');
    log.entry('sto:', `Error 0x${(code >>> 0).toString(16).padStart(8, '0')}`, 'error');
    throw error;
  }
}

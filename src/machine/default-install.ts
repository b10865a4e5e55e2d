// [DefaultInstall] packages: primitive drivers and legacy SetupAPI scripts.
//
// * A primitive driver (Windows 10 1903+; "Creating a primitive driver"): no
//   [Manufacturer], an architecture-decorated [DefaultInstall.NT<arch>], no
//   undecorated [DefaultInstall], [DefaultUninstall] only with
//   LegacyUninstall=1. DiInstallDriver (pnputil /add-driver /install) runs the
//   decorated section from the driver store (DIRID 13 = the store folder);
//   DiUninstallDriver (pnputil /delete-driver /uninstall) reverses what it did,
//   which the package record keeps (keys and values it wrote, files, services).
// * Any other INF with a DefaultInstall section is a legacy script:
//   InstallHinfSection (rundll32 setupapi.dll,InstallHinfSection and
//   InfDefaultInstall.exe) runs the section from the INF's own folder, outside
//   the driver store, and [DefaultUninstall] is how it is removed.
import { hostReadFile } from './fs/host.js';
import { dirname } from 'node:path';
import type { InfDocument } from '../inf/document.js';
import type { Arch } from '../inf/arch.js';
import { compareDecorations, decorationApplies, parseDecoration, type TargetOs, type TargetOsDecoration } from '../inf/decorations.js';
import { referencedFiles } from '../package/files.js';
import { describeFsError } from '../errors.js';
import { InstallError, SetupError } from './install-error.js';
import type { DriverPackageRecord, PrimitiveInstallRecord } from './model.js';
import { resolveInside, splitRelative } from './paths.js';
import type { RegValue } from './schema.js';
import type { Transaction } from './target.js';
import { findPackage, loadStoredInf, storeRunContext, syncClassFilters } from './install.js';
import { applyReg, applyServices, fileQueue, withNeeds, type RunContext } from './sections.js';
import { readHostInf, stageDriverPackage } from './stage.js';
import { infLogName, scrubHostPaths } from './log-names.js';
import { serviceKey } from './keys.js';
import { toWindowsPath } from './layout.js';

export type DefaultInstallKind = 'primitive' | 'legacy' | 'none';

/**
 * The section SetupDiGetActualSectionToInstallEx picks for `base` on this
 * machine: `base.NT<arch>[.major.minor[.product[.suite[.build]]]]` (the highest
 * applicable TargetOSVersion), then `base.NT`, then `base` itself.
 */
export function resolveDecoratedSection(doc: InfDocument, base: string, os: TargetOs): { name: string; arch: boolean } | undefined {
  const prefix = `${base.toLowerCase()}.`;
  let best: { name: string; dec: TargetOsDecoration } | undefined;
  for (const s of doc.sections) {
    if (!s.name.toLowerCase().startsWith(prefix)) continue;
    const parsed = parseDecoration(s.name.slice(prefix.length));
    if (!parsed.ok) continue;
    const dec = parsed.value;
    // An install section's plain .NT applies to every architecture (unlike a Models decoration).
    if (!decorationApplies(dec.arch ? dec : { ...dec, arch: os.arch }, os)) continue;
    if (!best || compareDecorations(dec, best.dec) < 0) best = { name: s.name, dec };
  }
  if (best) return { name: best.name, arch: best.dec.arch !== undefined };
  const plain = doc.section(base);
  return plain ? { name: plain.name, arch: false } : undefined;
}

/** What kind of DefaultInstall package an INF is on this machine. */
export function defaultInstallKind(doc: InfDocument, os: TargetOs): DefaultInstallKind {
  const chosen = resolveDecoratedSection(doc, 'DefaultInstall', os);
  if (!chosen) return 'none';
  const uninstall = doc.sections.filter((s) => /^defaultuninstall(\.|$)/i.test(s.name) && !/\.services$/i.test(s.name));
  const legacyUninstallOk = uninstall.every((s) => s.value('LegacyUninstall')?.trim() === '1');
  const primitive = !doc.has('Manufacturer') && !doc.has('DefaultInstall') && chosen.arch && legacyUninstallOk;
  return primitive ? 'primitive' : 'legacy';
}

/** The machine as TargetOSVersion decorations see it. */
export function targetOsOf(tx: Transaction): TargetOs {
  const os = tx.state.os;
  return { arch: os.arch as Arch, major: os.major, minor: os.minor, build: os.build, productType: os.productType, suiteMask: os.suiteMask };
}

/** Runs an install section (resolved for the architecture) and its .Services companion. */
async function runSection(a: RunContext, chosen: string): Promise<void> {
  for (const ref of withNeeds(a, chosen)) {
    await fileQueue(a, ref);
    // DefaultInstall has no device: HKR is not defined (inf-format.md §2.12).
    applyReg([ref], { hkr: undefined, registry: a.tx.registry, log: a.log });
  }
  for (const ref of withNeeds(a, `${chosen}.Services`)) applyServices(a, ref);
  syncClassFilters(a.tx);
}

type Snapshot = Map<string, { key: string; values: Record<string, RegValue> }>;

function snapshot(tx: Transaction): Snapshot {
  const out: Snapshot = new Map();
  for (const [key, data] of Object.entries(tx.state.registry)) out.set(key.toLowerCase(), { key, values: { ...data.values } });
  return out;
}

/** What changed in the registry since the snapshot, as what undoing it needs. */
function registryChanges(tx: Transaction, before: Snapshot): Pick<PrimitiveInstallRecord, 'createdKeys' | 'values' | 'deletedKeys'> {
  const createdKeys: string[] = [];
  const values: PrimitiveInstallRecord['values'] = [];
  const seen = new Set<string>();
  for (const [key, data] of Object.entries(tx.state.registry)) {
    const old = before.get(key.toLowerCase());
    seen.add(key.toLowerCase());
    if (!old) {
      createdKeys.push(key);
      continue;
    }
    for (const [name, value] of Object.entries(data.values)) {
      const prev = old.values[name];
      if (!prev || JSON.stringify(prev) !== JSON.stringify(value)) values.push({ key, name, ...(prev ? { previous: prev } : {}) });
    }
    for (const [name, prev] of Object.entries(old.values)) if (!(name in data.values)) values.push({ key, name, previous: prev });
  }
  const deletedKeys = [...before.values()].filter((b) => !seen.has(b.key.toLowerCase())).map((b) => ({ key: b.key, values: b.values }));
  return { createdKeys, values, deletedKeys };
}

/** DiInstallDriver on a primitive driver: the decorated DefaultInstall from the driver store. */
export async function installPrimitiveDriver(tx: Transaction, publishedName: string): Promise<{ section: string }> {
  const pkg = findPackage(tx, publishedName);
  const { doc } = await loadStoredInf(tx, pkg);
  const os = targetOsOf(tx);
  if (defaultInstallKind(doc, os) !== 'primitive')
    throw new InstallError(
      `${pkg.originalName} is not a primitive driver (it needs no [Manufacturer], a [DefaultInstall.NT${os.arch}] section and no undecorated [DefaultInstall])`,
      SetupError.noDriverSelected,
    );
  const section = resolveDecoratedSection(doc, 'DefaultInstall', os)!.name;
  const log = tx.log(`Install Primitive Driver - ${pkg.publishedName}`);
  log.begin('dvi:', 'Install Primitive Driver');
  log.entry('dvi:', `Install section: [${section}] (${pkg.publishedName})`);
  if (pkg.primitive) {
    log.entry('dvi:', `Already installed from [${pkg.primitive.section}].`);
    log.end('dvi:', 'Install Primitive Driver');
    return { section: pkg.primitive.section };
  }
  const before = snapshot(tx);
  const a = storeRunContext(tx, pkg, doc, log);
  await runSection(a, section);
  const record: PrimitiveInstallRecord = { section, ...registryChanges(tx, before), files: [...a.made.files], services: [...a.made.services] };
  // Package records are never changed in place (their JSON text is cached): replace it.
  tx.state.packages = tx.state.packages.map((p) => (p === pkg ? { ...pkg, primitive: record } : p));
  log.end('dvi:', 'Install Primitive Driver');
  return { section };
}

/** DiUninstallDriver on a primitive driver: undoes what its DefaultInstall did. */
export async function uninstallPrimitiveDriver(tx: Transaction, pkg: DriverPackageRecord): Promise<DriverPackageRecord> {
  const record = pkg.primitive;
  if (!record) return pkg;
  const log = tx.log(`Uninstall Primitive Driver - ${pkg.publishedName}`);
  const reg = tx.registry;
  for (const v of [...record.values].reverse()) {
    if (v.previous) reg.setValue(v.key, v.name, v.previous);
    else reg.deleteValue(v.key, v.name);
  }
  for (const key of record.createdKeys) reg.deleteKey(key);
  for (const k of record.deletedKeys) {
    reg.createKey(k.key);
    for (const [name, value] of Object.entries(k.values)) reg.setValue(k.key, name, value);
  }
  for (const file of record.files) {
    await tx.deleteFile(file);
    tx.untrackFile(file);
    log.entry('flq:', `Deleting '${toWindowsPath(file)}'.`);
  }
  for (const name of record.services) if (!reg.hasKey(serviceKey(name))) log.entry('dvi:', `Deleted service ${name}.`);
  syncClassFilters(tx);
  log.entry(
    'dvi:',
    `Reversed [${record.section}]: ${record.createdKeys.length} key(s) deleted, ${record.values.length} value(s) restored, ${record.files.length} file(s) deleted.`,
  );
  const next: DriverPackageRecord = { ...pkg };
  delete next.primitive;
  tx.state.packages = tx.state.packages.map((p) => (p === pkg ? next : p));
  return next;
}

export interface ScriptResult {
  section: string;
  files: string[];
  services: string[];
  rebootRequired: boolean;
}

/**
 * InstallHinfSection: runs `<section>` (resolved .NT<arch> / .NT / plain) of an
 * INF from its own folder, as a script: files come from the INF's folder
 * (SourceDisksNames / SourceDisksFiles), nothing is staged or signed-checked,
 * and the driver store is not involved.
 */
export async function runInfScript(tx: Transaction, infPath: string, sectionBase: string, caller: string): Promise<ScriptResult> {
  const log = tx.log(`${caller} - ${sectionBase} - ${infLogName(tx, infPath)}`);
  try {
    const { abs, doc } = await readHostInf(tx, infPath);
    const arch = tx.state.os.arch as Arch;
    const chosen = resolveDecoratedSection(doc, sectionBase, targetOsOf(tx));
    if (!chosen)
      throw new InstallError(
        `${infLogName(tx, infPath)}: the INF has no [${sectionBase}] section for ${arch} (tried [${sectionBase}.NT${arch}...], [${sectionBase}.NT], [${sectionBase}]); the INF file does not support this method of installation`,
        SetupError.sectionNotFound,
      );
    const pkgDir = dirname(abs);
    const refs = new Map(referencedFiles(doc, arch).map((r) => [r.name.toLowerCase(), r]));
    const a: RunContext = {
      tx,
      doc,
      infName: infLogName(tx, infPath),
      log,
      files: [],
      nullDriver: false,
      made: { services: [], files: [] },
      async readSource(name: string) {
        const ref = refs.get(name.toLowerCase());
        if (!ref) return undefined;
        const found = await resolveInside(pkgDir, splitRelative(ref.relativePath, `file ${ref.name}`), `file ${ref.name} of ${doc.file}`);
        if (!found.exists)
          throw new InstallError(
            `${infLogName(tx, infPath)}: the file ${ref.relativePath.replace(/\//g, '\\')} named in [${ref.section}] (line ${ref.line}) is not in the INF's folder`,
            SetupError.fileNotFound,
          );
        try {
          return { bytes: await hostReadFile(found.abs), display: found.parts.join('\\') };
        } catch (error) {
          throw new InstallError(describeFsError(error, ref.relativePath), SetupError.fileNotFound);
        }
      },
    };
    log.entry('inf:', `Install section: [${chosen.name}]`);
    await runSection(a, chosen.name);
    const reboot = doc.section(chosen.name)?.find('Reboot') !== undefined;
    log.entry('inf:', `Completed [${chosen.name}]: ${a.files.length} file(s), ${a.made.services.length} new service(s).`);
    return { section: chosen.name, files: a.files, services: a.made.services, rebootRequired: reboot };
  } catch (error) {
    const code = error instanceof InstallError ? error.code : SetupError.accessDenied;
    log.entry('inf:', `Failed: ${scrubHostPaths(tx, (error as Error).message)}`, 'error');
    log.entry('inf:', `Error 0x${(code >>> 0).toString(16).padStart(8, '0')}`, 'error');
    throw error;
  }
}

/**
 * DiInstallDriver's second half for a staged package that is a primitive
 * driver: runs its DefaultInstall; undefined when the package is not one
 * (then it is installed on matching devices instead).
 */
export async function installIfPrimitive(tx: Transaction, publishedName: string): Promise<{ section: string } | undefined> {
  const pkg = findPackage(tx, publishedName);
  const { doc } = await loadStoredInf(tx, pkg);
  const kind = defaultInstallKind(doc, targetOsOf(tx));
  if (kind === 'primitive') return installPrimitiveDriver(tx, publishedName);
  if (kind === 'legacy' && !doc.has('Manufacturer')) {
    tx.log(`Install Driver Package - ${pkg.publishedName}`).entry(
      'dvi:',
      `${pkg.originalName} has a DefaultInstall section but is not a primitive driver (an undecorated [DefaultInstall], no [DefaultInstall.NT${tx.state.os.arch}], or [DefaultUninstall] without LegacyUninstall=1): DiInstallDriver does not run it; InfDefaultInstall or InstallHinfSection does.`,
      'warning',
    );
  }
  return undefined;
}

export interface HinfResult extends ScriptResult {
  /** Set when the INF is a primitive driver: it was staged and installed from the driver store instead. */
  publishedName?: string;
}

/**
 * InstallHinfSection as Windows 10 1903 and later run it: a primitive driver's
 * DefaultInstall goes through DiInstallDriver (staged, then run from the driver
 * store, so the package must be signed); any other section runs as a script.
 */
export async function installHinfSection(tx: Transaction, infPath: string, section: string, caller: string): Promise<HinfResult> {
  const { doc } = await readHostInf(tx, infPath);
  const os = targetOsOf(tx);
  if (/^defaultinstall$/i.test(section) && defaultInstallKind(doc, os) === 'primitive') {
    const staged = await stageDriverPackage(tx, infPath, { caller: `${caller} (DiInstallDriver)` });
    const done = await installPrimitiveDriver(tx, staged.publishedName);
    return { section: done.section, files: [], services: [], rebootRequired: false, publishedName: staged.publishedName };
  }
  if (/^defaultuninstall$/i.test(section) && defaultInstallKind(doc, os) === 'primitive') {
    throw new InstallError(
      `${infLogName(tx, infPath)} is a primitive driver: remove it with pnputil /delete-driver oemN.inf /uninstall (its [DefaultUninstall] is ignored on Windows 10 1903 and later)`,
      SetupError.sectionNotFound,
    );
  }
  return runInfScript(tx, infPath, section, caller);
}

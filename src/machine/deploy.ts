// Deployment (wdk-tools.md §7.4): copy a driver package (INF, its catalog,
// every file it names, test certificates) to %SystemDrive%\DriverTest\Drivers
// and import the .cer files into the Root and TrustedPublisher stores.
import { hostReadFile as readFile, hostReaddir as readdir, hostStat as stat } from './fs/host.js';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, fsFailure } from '../errors.js';
import { parseInfBytesChecked } from '../inf/parse.js';
import type { Arch } from '../inf/arch.js';
import { catalogFileFor } from '../package/catalog-file.js';
import { referencedFiles } from '../package/files.js';
import { certificateDer, certificateRecord, importCertificate, type StoreName } from './certs.js';
import { DRIVERTEST_DIR, toWindowsPath } from './layout.js';
import { infLogName } from './log-names.js';
import { resolveInside, splitRelative } from './paths.js';
import type { Transaction } from './target.js';

export interface DeployResult {
  /** Target-relative paths written under DriverTest/Drivers, in copy order. */
  copied: string[];
  /** Host paths of the deployed INFs (inside the target). */
  infs: string[];
  certificates: { file: string; subject: string; thumbprint: string; addedTo: StoreName[] }[];
  /** Files the INF names that the package lacks (deployment goes on; the install will fail on them). */
  missing: string[];
}

export async function deployPackage(tx: Transaction, source: string): Promise<DeployResult> {
  const abs = resolve(tx.ctx.io.cwd, source);
  let info;
  try {
    info = await stat(abs);
  } catch (error) {
    throw fsFailure(error, source);
  }
  const pkgDir = info.isDirectory() ? abs : dirname(abs);
  const entries = await readdir(pkgDir);
  const infNames = info.isDirectory() ? entries.filter((e) => e.toLowerCase().endsWith('.inf')).sort() : [basename(abs)];
  if (infNames.length === 0) throw new InputError(`${source}: no .inf file in this folder; deploy takes a driver package folder or an INF`);
  const result: DeployResult = { copied: [], infs: [], certificates: [], missing: [] };
  const wanted = new Map<string, string>(); // lower rel → rel (as on disk)
  const arch = tx.state.os.arch as Arch;
  for (const name of infNames) {
    const infAbs = join(pkgDir, name);
    if (info.isDirectory() && !(await stat(infAbs).catch(() => undefined))?.isFile()) continue; // guard: a FIFO named *.inf blocks a read
    let bytes: Buffer;
    try {
      bytes = await readFile(infAbs);
    } catch (error) {
      throw fsFailure(error, infAbs);
    }
    const doc = parseInfBytesChecked(bytes, { file: name });
    wanted.set(name.toLowerCase(), name);
    result.infs.push(join(tx.root, ...DRIVERTEST_DIR.split('/'), name));
    const cat = catalogFileFor(doc, arch);
    // Files from the system's layout ([Version] LayoutFile) are not the package's to copy.
    const refs = [...(cat ? [{ relativePath: cat.name, name: cat.name }] : []), ...referencedFiles(doc, arch).filter((ref) => !ref.fromLayout)];
    for (const ref of refs) {
      const parts = splitRelative(ref.relativePath, `file ${ref.name} of ${name}`);
      const found = await resolveInside(pkgDir, parts, `file ${ref.name} of ${name}`);
      if (!found.exists) {
        result.missing.push(ref.relativePath);
        continue;
      }
      const rel = found.parts.join('/');
      wanted.set(rel.toLowerCase(), rel);
    }
  }
  for (const e of entries.sort()) if (e.toLowerCase().endsWith('.cer')) wanted.set(e.toLowerCase(), e);
  for (const rel of wanted.values()) {
    const found = await resolveInside(pkgDir, splitRelative(rel, 'package file'), 'package file');
    let bytes: Buffer;
    try {
      bytes = await readFile(found.abs);
    } catch (error) {
      throw fsFailure(error, found.abs);
    }
    const dest = await tx.writeFile(`${DRIVERTEST_DIR}/${rel}`, bytes, `package file ${rel}`);
    tx.trackFile(dest, bytes);
    result.copied.push(dest);
    if (rel.toLowerCase().endsWith('.cer')) {
      const record = certificateRecord(certificateDer(bytes, rel), rel, toWindowsPath(dest));
      const addedTo = importCertificate(tx, record);
      result.certificates.push({ file: rel, subject: record.subject, thumbprint: record.thumbprint, addedTo });
    }
  }
  // The log is the target's: it names the package folder as the host gave it relative to the working directory, never a host path.
  const log = tx.log(`Deploy Driver Package - ${infLogName(tx, abs)}`);
  for (const c of result.copied) log.entry('cpy:', `Copied to ${toWindowsPath(c)}.`);
  for (const c of result.certificates) log.entry('sig:', `Imported certificate ${c.subject} (${c.thumbprint}) into ${c.addedTo.join(', ') || 'no store (already present)'}.`);
  return result;
}

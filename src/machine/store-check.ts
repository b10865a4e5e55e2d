// Before a staged package is used again (re-import, install from the driver
// store), its store copy is checked against what was verified against its
// catalog when it was imported, as Windows checks the store copy against its
// catalog: a file changed in the store since then is never installed.
import { InstallError, SetupError } from './install-error.js';
import { STORE_DIR } from './layout.js';
import type { DriverPackageRecord } from './model.js';
import { sha256 } from './state-store.js';
import type { Transaction } from './transaction.js';

/** Store files of the package that are missing or changed (relative paths). */
export async function changedStoreFiles(tx: Transaction, pkg: DriverPackageRecord): Promise<string[]> {
  if (pkg.inbox) return [];
  const changed: string[] = [];
  for (const f of pkg.files) {
    const bytes = await tx.readFile(`${STORE_DIR}/${pkg.storeFolder}/${f.path}`).catch(() => undefined);
    if (!bytes || sha256(bytes) !== f.sha256) changed.push(f.path);
  }
  return changed;
}

/** Refuses to use a store copy that no longer matches its catalog. */
export async function checkStoreCopy(tx: Transaction, pkg: DriverPackageRecord): Promise<void> {
  const changed = await changedStoreFiles(tx, pkg);
  if (changed.length === 0) return;
  throw new InstallError(
    `the driver store copy of ${pkg.publishedName} (${pkg.storeFolder}) no longer matches its catalog: ${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', ...' : ''} changed or missing since it was imported; not installed. Add the package again (pnputil /add-driver restores the store copy from the signed package) or check with: wdksim target verify`,
    SetupError.fileHashNotInCatalog,
  );
}

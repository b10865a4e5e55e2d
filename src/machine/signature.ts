// The signature policy of the simulated target (docs/target.md):
//  1. the INF names a catalog for the machine's architecture (CatalogFile.NT<arch>,
//     CatalogFile.NT, CatalogFile), and the catalog is in the package;
//  2. the catalog lists the INF and every file the package stages, each with
//     the hash of its current bytes (else the file is named and nothing is staged);
//  3. the catalog's signature verifies and chains to a certificate in the
//     target's Root store, and the signer is in TrustedPublisher.
// Loading (not staging) a kernel driver signed this way needs test signing on
// amd64/arm64: see device-status.ts.
import { hashBytes } from '../catalog/hash.js';
import { readCatalog } from '../catalog/read.js';
import { memberIndex } from '../catalog/member-index.js';
import { verifyCatalogSignature } from '../catalog/verify.js';
import { InstallError, SetupError } from './install-error.js';
import { MICROSOFT_ROOT_THUMBPRINTS } from './microsoft-roots.js';
import type { MachineState } from './schema.js';

export interface PackageFileBytes {
  /** Name as the package has it (relative, forward slashes). */
  path: string;
  bytes: Buffer;
}

export interface SignatureOutcome {
  /** Signer subject common name. */
  signer: string;
  signerThumbprint: string;
  /** Does not chain to a Microsoft root: a test signature. */
  testSigned: boolean;
}

export function checkPackageSignature(state: MachineState, catalogName: string, catalog: Buffer, files: PackageFileBytes[], now: Date): SignatureOutcome {
  let info;
  try {
    info = readCatalog(catalog);
  } catch (error) {
    throw new InstallError(`${catalogName}: not a valid catalog (${(error as Error).message}); re-create it with inf2cat and sign it`, SetupError.noSignature);
  }
  const index = memberIndex(info);
  for (const file of files) {
    const d = hashBytes(file.bytes, { algorithms: ['sha1', 'sha256'] });
    const name = file.path.split('/').pop()!;
    const found = index.find({ sha1: d.sha1!, sha256: d.sha256! }, name);
    if (found.status === 'mismatch') {
      throw new InstallError(
        `The hash for the file ${file.path} is not present in the specified catalog file ${catalogName}: the file changed after the catalog was made (run inf2cat and sign the catalog again)`,
        SetupError.fileHashNotInCatalog,
      );
    }
    if (found.status === 'not-member') {
      throw new InstallError(
        `The file ${file.path} is not listed in the catalog ${catalogName} (run inf2cat again so the catalog covers every file of the package)`,
        SetupError.fileHashNotInCatalog,
      );
    }
  }
  if (!info.signed) {
    throw new InstallError(`The catalog ${catalogName} is not signed; sign it (signtool sign) with a certificate the target trusts`, SetupError.noSignature);
  }
  const trusted = state.certificates.Root.map((c) => Buffer.from(c.der, 'base64'));
  // Microsoft-signed (WHQL, attestation): trusted without TrustedPublisher; the
  // signing certificates are short-lived and the signature timestamped, so no
  // validity-period check; the publisher certificate's EKU is Windows Hardware
  // Driver Verification rather than Code Signing.
  const production = verifyCatalogSignature(info, { trusted });
  const anchor = production.chain[production.chain.length - 1];
  if (anchor && MICROSOFT_ROOT_THUMBPRINTS.has(anchor.sha1Thumbprint) && (production.ok || production.status === 'not-code-signing')) {
    return {
      signer: production.signer?.subjectCommonName ?? anchor.subjectCommonName,
      signerThumbprint: production.signer?.sha1Thumbprint ?? anchor.sha1Thumbprint,
      testSigned: false,
    };
  }
  const result = verifyCatalogSignature(info, { trusted, now });
  if (!result.ok) {
    const code = result.status === 'untrusted-root' ? SetupError.untrustedRoot : result.status === 'unsigned' ? SetupError.noSignature : SetupError.badSignature;
    const hint =
      result.status === 'untrusted-root'
        ? " (import the signing certificate into the target's Root and TrustedPublisher stores: wdksim deploy copies and imports the package's .cer)"
        : '';
    throw new InstallError(`${catalogName}: ${result.message}${hint}`, code);
  }
  const signer = result.signer!;
  if (!state.certificates.TrustedPublisher.some((c) => c.thumbprint === signer.sha1Thumbprint)) {
    throw new InstallError(
      `${catalogName}: the publisher "${signer.subjectCommonName}" is not in the target's TrustedPublisher store; Windows would ask whether to trust it, and a non-interactive install fails`,
      SetupError.authenticodePublisherNotTrusted,
    );
  }
  return { signer: signer.subjectCommonName, signerThumbprint: signer.sha1Thumbprint, testSigned: true };
}

// signtool verify's policy for one file: where its signature is looked for and which
// verdict counts. A file that carries a signature (a signed catalog, a signed PE) is
// verified on its own; with an explicit catalog (/c) the file must be a member of it and
// the catalog's signature decides; with /a a file without a signature of its own is
// looked up in the catalogs beside it (the first one listing its hash decides), as
// signtool's "all verification methods" does without a system catalog database.
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readCatalog, type CatalogInfo } from './read.js';
import { verifyEmbedded } from './signable.js';
import { verifyCatalogSignature, verifyFileAgainstCatalog, type SignatureVerification, type TrustOptions } from './verify.js';

export interface FileVerifyPolicy {
  /** /c: the catalog (a path) the file must be a member of. */
  catalog?: string;
  /** /a: look in the catalogs beside a file that has no signature of its own. */
  catalogsBeside: boolean;
  trust: TrustOptions;
}

export type FileVerification =
  | {
      ok: true;
      result: SignatureVerification;
      /** The file's hash as the signature covers it (PE image hash, or the catalog member's digest). */
      fileHash?: { algorithm: string; digest: Buffer };
      /** The catalog whose signature decided, when it was not the file's own. */
      catalog?: string;
    }
  /** unrecognized: not a format with a signature (and no /a); catalog-unreadable: the /c catalog; not-in-catalog: its hash is not in the /c catalog. */
  | { ok: false; failure: 'unrecognized' | 'catalog-unreadable' | 'not-in-catalog'; message?: string };

/** The catalogs (*.cat) in the file's folder, by name. */
async function catalogsBeside(path: string): Promise<string[]> {
  try {
    return (await readdir(dirname(path)))
      .filter((n) => n.toLowerCase().endsWith('.cat'))
      .sort()
      .map((n) => join(dirname(path), n));
  } catch {
    return [];
  }
}

export async function verifyFileSignature(path: string, bytes: Buffer, policy: FileVerifyPolicy): Promise<FileVerification> {
  const candidates = policy.catalog !== undefined ? [policy.catalog] : [];
  const embedded = policy.catalog !== undefined ? undefined : verifyEmbedded(bytes, policy.trust);
  const noEmbedded = embedded !== undefined && (embedded.status === 'unsigned' || embedded.kind === 'unknown');
  if (noEmbedded && policy.catalogsBeside) candidates.push(...(await catalogsBeside(path)));
  if (embedded && !(noEmbedded && policy.catalogsBeside)) {
    if (embedded.kind === 'unknown') return { ok: false, failure: 'unrecognized' };
    return { ok: true, result: embedded, ...(embedded.fileDigest ? { fileHash: { algorithm: embedded.digestAlgorithm ?? 'sha256', digest: embedded.fileDigest } } : {}) };
  }
  for (const catPath of candidates) {
    let info: CatalogInfo;
    try {
      info = readCatalog(await readFile(catPath));
    } catch (e) {
      if (policy.catalog !== undefined) return { ok: false, failure: 'catalog-unreadable', message: (e as Error).message };
      continue;
    }
    const membership = await verifyFileAgainstCatalog(info, path);
    if (membership.status !== 'match') continue;
    return { ok: true, result: verifyCatalogSignature(info, policy.trust), fileHash: { algorithm: membership.hashAlgorithm, digest: membership.computed }, catalog: catPath };
  }
  if (policy.catalog !== undefined) return { ok: false, failure: 'not-in-catalog' };
  return { ok: true, result: { ok: false, status: 'unsigned', message: 'No signature found.', chain: [] } };
}

// What signtool can sign and verify: catalogs (signature over the CTL) and PE
// images (embedded Authenticode). Anything else is "not recognized".
import { OID } from './oids.js';
import { peLayout } from './pe.js';
import { readPeSignature, signPe, type PeSignOptions } from './pe-sign.js';
import { parseSignedData, type SigningIdentity } from './pkcs7.js';
import { signCatalog } from './sign.js';
import { verifySignedData, type SignatureVerification, type TrustOptions } from './verify.js';

export type SignableKind = 'catalog' | 'pe' | 'unknown';

export function signableKind(bytes: Buffer): SignableKind {
  if (peLayout(bytes, bytes.length)) return 'pe';
  if (bytes[0] === 0x30) {
    try {
      if (parseSignedData(bytes).contentType === OID.ctl) return 'catalog';
    } catch {
      // not DER / not a catalog
    }
  }
  return 'unknown';
}

export function signBytes(bytes: Buffer, identity: SigningIdentity, options: PeSignOptions): { kind: SignableKind; signed?: Buffer } {
  const kind = signableKind(bytes);
  if (kind === 'catalog') return { kind, signed: signCatalog(bytes, identity, options) };
  if (kind === 'pe') return { kind, signed: signPe(bytes, identity, options) };
  return { kind };
}

export interface EmbeddedVerification extends SignatureVerification {
  kind: SignableKind;
  /** The file's own hash in the signature's digest algorithm (PE: Authenticode image hash). */
  fileDigest?: Buffer;
}

/** Verifies the signature a file carries itself (a signed catalog, or a PE's embedded signature). */
export function verifyEmbedded(bytes: Buffer, trust: TrustOptions): EmbeddedVerification {
  const kind = signableKind(bytes);
  if (kind === 'catalog') return { kind, ...verifySignedData(parseSignedData(bytes), trust) };
  if (kind === 'pe') {
    const sig = readPeSignature(bytes);
    if (!sig) return { kind, ok: false, status: 'unsigned', message: 'No signature found.', chain: [] };
    const result = verifySignedData(sig.signedData, trust);
    if (result.ok && !sig.recordedDigest.equals(sig.computedDigest)) {
      return {
        kind,
        ...result,
        ok: false,
        status: 'digest-mismatch',
        message: 'The digital signature of the object did not verify (the file was changed after signing).',
        fileDigest: sig.computedDigest,
      };
    }
    return { kind, ...result, fileDigest: sig.computedDigest };
  }
  return { kind, ok: false, status: 'unsupported', message: 'This file format cannot be verified because it is not recognized.', chain: [] };
}

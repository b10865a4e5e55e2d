// Signature and membership checks: the signature policy of the simulated target
// and `signtool verify` / `wdksim catalog verify` use these.
import { verify as cryptoVerify, type X509Certificate } from 'node:crypto';
import { decodeOid } from './der.js';
import { certificateInfo, x509, type CertificateInfo } from './certificate.js';
import { hashFile } from './hash.js';
import { hashFromOid, OID, type HashAlgorithm } from './oids.js';
import { certIssuerAndSerial, contentDigest, type ParsedSignedData } from './pkcs7.js';
import { readCatalog, type CatalogInfo, type CatalogMember } from './read.js';

export type SignatureStatus = 'ok' | 'unsigned' | 'no-signer-certificate' | 'digest-mismatch' | 'bad-signature' | 'untrusted-root' | 'expired' | 'not-code-signing' | 'unsupported';

export interface SignatureVerification {
  ok: boolean;
  status: SignatureStatus;
  /** One line for a user. */
  message: string;
  signer?: CertificateInfo;
  /** Signer first, root (or the last certificate found) last. */
  chain: CertificateInfo[];
  digestAlgorithm?: HashAlgorithm;
}

export interface TrustOptions {
  /** Trusted certificates (DER): roots or the self-signed test certificate itself. */
  trusted: Buffer[];
  /** The verification time for validity periods (default: no validity check). */
  now?: Date;
}

const fail = (status: SignatureStatus, message: string, extra: Partial<SignatureVerification> = {}): SignatureVerification => ({
  ok: false,
  status,
  message,
  chain: [],
  ...extra,
});

function verifySignerSignature(cert: X509Certificate, signatureAlgorithm: string, digest: HashAlgorithm, data: Buffer, signature: Buffer): boolean {
  try {
    // RSA PKCS#1 v1.5 or ECDSA, both identified by the key; the digest comes from the SignerInfo.
    void signatureAlgorithm;
    return cryptoVerify(digest, data, cert.publicKey, signature);
  } catch {
    return false;
  }
}

function buildChain(signer: X509Certificate, pool: X509Certificate[], trusted: X509Certificate[]): { chain: X509Certificate[]; anchored: boolean } {
  const chain = [signer];
  const isTrusted = (c: X509Certificate) => trusted.some((t) => t.raw.equals(c.raw));
  for (let depth = 0; depth < 10; depth++) {
    const last = chain[chain.length - 1]!;
    if (isTrusted(last)) return { chain, anchored: true };
    const issuer = [...trusted, ...pool].find((c) => !c.raw.equals(last.raw) && last.checkIssued(c) && last.verify(c.publicKey));
    if (!issuer) return { chain, anchored: false };
    chain.push(issuer);
  }
  return { chain, anchored: false };
}

/** Verifies the (first) signature of a PKCS#7 SignedData: digest, signature, chain to a trusted certificate. */
export function verifySignedData(sd: ParsedSignedData, options: TrustOptions): SignatureVerification {
  const signerInfo = sd.signerInfos[0];
  if (!signerInfo) return fail('unsigned', 'No signature found.');
  const digestAlgorithm = hashFromOid(signerInfo.digestAlgorithm);
  if (!digestAlgorithm || !sd.content) return fail('unsupported', `unsupported digest algorithm ${signerInfo.digestAlgorithm}`);
  const signerDer = sd.certificates.find((c) => {
    const ias = certIssuerAndSerial(c);
    return ias.issuer.equals(signerInfo.issuer) && ias.serial.equals(signerInfo.serial);
  });
  if (!signerDer) return fail('no-signer-certificate', 'The signer certificate is not in the signature.', { digestAlgorithm });
  const signerCert = x509(signerDer);
  const signer = certificateInfo(signerDer);
  let signedData: Buffer;
  if (signerInfo.signedAttributesDer) {
    const md = signerInfo.signedAttributes.find((a) => a.type === OID.messageDigest)?.values[0]?.body;
    const ct = signerInfo.signedAttributes.find((a) => a.type === OID.contentType)?.values[0];
    if (!md || !contentDigest(sd.content, digestAlgorithm).equals(md)) {
      return fail('digest-mismatch', 'The digital signature of the object did not verify (the signed content was changed).', { signer, digestAlgorithm });
    }
    if (ct && (ct.tag !== 0x06 || decodeOid(ct.body) !== sd.contentType)) {
      return fail('digest-mismatch', 'The contentType attribute does not match the signed content.', { signer, digestAlgorithm });
    }
    // The signature covers the attributes re-tagged as a SET (0x31), not the stored [0].
    signedData = Buffer.concat([Buffer.from([0x31]), signerInfo.signedAttributesDer.subarray(1)]);
  } else {
    signedData = Buffer.from(sd.content.body);
  }
  if (!verifySignerSignature(signerCert, signerInfo.signatureAlgorithm, digestAlgorithm, signedData, signerInfo.signature)) {
    return fail('bad-signature', 'The digital signature of the object did not verify.', { signer, digestAlgorithm });
  }
  const pool = sd.certificates.map(x509);
  const trusted = options.trusted.map(x509);
  const { chain, anchored } = buildChain(signerCert, pool, trusted);
  const chainInfo = chain.map((c) => certificateInfo(c.raw));
  if (!anchored) {
    return fail('untrusted-root', 'A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.', {
      signer,
      chain: chainInfo,
      digestAlgorithm,
    });
  }
  if (options.now) {
    const t = options.now.getTime();
    const expired = chainInfo.find((c) => t < c.notBefore.getTime() || t > c.notAfter.getTime());
    if (expired) {
      return fail('expired', 'A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.', {
        signer,
        chain: chainInfo,
        digestAlgorithm,
      });
    }
  }
  const eku = signer.extendedKeyUsage;
  if (eku.length > 0 && !eku.includes(OID.codeSigning) && !eku.includes('2.5.29.37.0')) {
    return fail('not-code-signing', 'The signing certificate is not valid for code signing (its enhanced key usage lacks 1.3.6.1.5.5.7.3.3).', {
      signer,
      chain: chainInfo,
      digestAlgorithm,
    });
  }
  return { ok: true, status: 'ok', message: 'Successfully verified', signer, chain: chainInfo, digestAlgorithm };
}

/** Verifies a catalog's signature against the trusted certificates. */
export function verifyCatalogSignature(catalog: Buffer | CatalogInfo, options: TrustOptions): SignatureVerification {
  // readCatalog: anything that is not a catalog becomes a CatalogFormatError.
  const sd = (Buffer.isBuffer(catalog) ? readCatalog(catalog) : catalog).signedData;
  return verifySignedData(sd, options);
}

export type MembershipStatus = 'match' | 'mismatch' | 'not-member';

export interface FileMembership {
  status: MembershipStatus;
  /** The member found by tag (match) or by file name (mismatch). */
  member?: CatalogMember;
  isPe: boolean;
  /** The digests computed for the file. */
  sha1: Buffer;
  sha256: Buffer;
  /** The digest compared, in the catalog's algorithm. */
  computed: Buffer;
  hashAlgorithm: HashAlgorithm;
}

/** Finds the member of a file in a catalog by its hash tag (or, failing that, by its name). */
export function findMember(info: CatalogInfo, digests: { sha1: Buffer; sha256: Buffer }, fileName: string): { status: MembershipStatus; member?: CatalogMember } {
  const tagV1 = digests.sha1.toString('hex').toUpperCase();
  const byTag = info.members.find((m) => !m.shadow && (info.version === 1 ? m.tag === tagV1 || m.tagBytes.equals(digests.sha1) : m.tagBytes.equals(digests.sha256)));
  const byDigest = byTag ?? info.members.find((m) => m.digest && (m.digest.equals(digests.sha1) || m.digest.equals(digests.sha256)));
  if (byDigest) return { status: 'match', member: byDigest };
  const lower = fileName.toLowerCase();
  const byName = info.members.find((m) => !m.shadow && m.fileName?.toLowerCase() === lower);
  return byName ? { status: 'mismatch', member: byName } : { status: 'not-member' };
}

/** Re-hashes a file and looks it up in the catalog. */
export async function verifyFileAgainstCatalog(catalog: Buffer | CatalogInfo, filePath: string, options: { name?: string } = {}): Promise<FileMembership> {
  const info = Buffer.isBuffer(catalog) ? readCatalog(catalog) : catalog;
  const d = await hashFile(filePath, { algorithms: ['sha1', 'sha256'] });
  const name = options.name ?? filePath.split(/[\\/]/).pop() ?? filePath;
  const found = findMember(info, { sha1: d.sha1!, sha256: d.sha256! }, name);
  const hashAlgorithm: HashAlgorithm = info.version === 2 ? 'sha256' : 'sha1';
  return { ...found, isPe: d.isPe, sha1: d.sha1!, sha256: d.sha256!, computed: hashAlgorithm === 'sha1' ? d.sha1! : d.sha256!, hashAlgorithm };
}

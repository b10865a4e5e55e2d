// Embedded Authenticode signatures in PE images: a WIN_CERTIFICATE holding
// PKCS#7 SignedData over SpcIndirectDataContent { SpcPeImageData, image hash },
// appended at the end and referenced from the security data directory; the
// CheckSum is recomputed. An existing signature is replaced (signtool sign).
import { bitString, ctx, oid, seq } from './der.js';
import { hashBytes } from './hash.js';
import { digestInfo, OBSOLETE_LINK } from './ctl.js';
import { OID } from './oids.js';
import { buildSignedData, parseSignedData, type ParsedSignedData, type SignOptions, type SigningIdentity } from './pkcs7.js';
import { peChecksum, peLayout } from './pe.js';
import { pageHashLink, pageHashTableOf } from './page-hashes.js';
import { children, readOid, expect } from './der.js';

export class PeFormatError extends Error {}

const WIN_CERT_REVISION_2_0 = 0x0200;
const WIN_CERT_TYPE_PKCS_SIGNED_DATA = 0x0002;

export function isPeImage(bytes: Buffer): boolean {
  return peLayout(bytes, bytes.length) !== undefined;
}

/** The image without its signature, zero-padded to 8 bytes, security directory cleared. */
function unsignedImage(bytes: Buffer): Buffer {
  const layout = peLayout(bytes, bytes.length);
  if (!layout) throw new PeFormatError('not a PE image (no MZ/PE headers, or fewer than 5 data directories)');
  let image = Buffer.from(layout.certTableSize > 0 ? bytes.subarray(0, layout.certTableOffset) : bytes);
  image.fill(0, layout.securityDirOffset, layout.securityDirOffset + 8);
  if (image.length % 8) image = Buffer.concat([image, Buffer.alloc(8 - (image.length % 8))]);
  return image;
}

export interface PeSignOptions extends SignOptions {
  /** Add page hashes (signtool /ph). */
  pageHashes?: boolean;
}

export function signPe(bytes: Buffer, identity: SigningIdentity, options: PeSignOptions): Buffer {
  const image = unsignedImage(bytes);
  const layout = peLayout(image, image.length)!;
  const digest = hashBytes(image, { algorithms: [options.digest] })[options.digest]!;
  const link = options.pageHashes ? pageHashLink(pageHashTableOf(image, options.digest), options.digest) : OBSOLETE_LINK;
  // signtool's SpcPeImageData: empty flags bit string and the obsolete file link (or page hashes).
  const indirect = seq(seq(oid(OID.spcPeImageData), seq(bitString(Buffer.alloc(0)), ctx(0, link))), digestInfo(options.digest, digest));
  const contentInfo = seq(oid(OID.spcIndirectData), ctx(0, indirect));
  const pkcs7 = buildSignedData(contentInfo, identity, options);
  const padding = pkcs7.length % 8 ? 8 - (pkcs7.length % 8) : 0;
  const header = Buffer.alloc(8);
  header.writeUInt32LE(8 + pkcs7.length + padding, 0);
  header.writeUInt16LE(WIN_CERT_REVISION_2_0, 4);
  header.writeUInt16LE(WIN_CERT_TYPE_PKCS_SIGNED_DATA, 6);
  const out = Buffer.concat([image, header, pkcs7, Buffer.alloc(padding)]);
  out.writeUInt32LE(image.length, layout.securityDirOffset);
  out.writeUInt32LE(8 + pkcs7.length + padding, layout.securityDirOffset + 4);
  out.writeUInt32LE(0, layout.checksumOffset);
  out.writeUInt32LE(peChecksum(out, layout.checksumOffset), layout.checksumOffset);
  return out;
}

export interface PeSignature {
  signedData: ParsedSignedData;
  /** The image hash recorded in the signature. */
  recordedDigest: Buffer;
  /** The image hash computed now. */
  computedDigest: Buffer;
}

/** The first embedded signature of a PE image, or undefined when it has none. */
export function readPeSignature(bytes: Buffer): PeSignature | undefined {
  const layout = peLayout(bytes, bytes.length);
  if (!layout) throw new PeFormatError('not a PE image (no MZ/PE headers, or fewer than 5 data directories)');
  if (layout.certTableSize < 8) return undefined;
  const entry = bytes.subarray(layout.certTableOffset, layout.certTableOffset + layout.certTableSize);
  if (entry.readUInt16LE(6) !== WIN_CERT_TYPE_PKCS_SIGNED_DATA) return undefined;
  const length = Math.min(entry.readUInt32LE(0), entry.length);
  const sd = parseSignedData(Buffer.from(entry.subarray(8, length)));
  if (sd.contentType !== OID.spcIndirectData || !sd.content) throw new PeFormatError('the embedded signature is not Authenticode (SpcIndirectDataContent)');
  const [, di] = children(expect(sd.content, 0x30, 'SpcIndirectDataContent'));
  const [alg, dig] = children(expect(di, 0x30, 'DigestInfo'));
  const algOid = readOid(children(alg!)[0], 'digestAlgorithm');
  const algorithm = algOid === OID.sha1 ? 'sha1' : 'sha256';
  const computedDigest = hashBytes(bytes, { algorithms: [algorithm] })[algorithm]!;
  return { signedData: sd, recordedDigest: Buffer.from(dig!.body), computedDigest };
}

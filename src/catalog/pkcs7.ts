// PKCS#7 v1.5 SignedData as Authenticode and catalogs use it: parsing that keeps
// exact byte ranges, and building a signed message around content bytes that
// are kept unchanged (catalog-format §9).
import { createHash, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { children, ctx, expect, int, NULL, octets, oid, readDer, readOid, seq, set, time, tlv, type Der } from './der.js';
import { hashFromOid, hashOid, OID, type HashAlgorithm } from './oids.js';

export interface ParsedAttribute {
  type: string;
  values: Der[];
}

export interface ParsedSignerInfo {
  version: bigint;
  /** The issuer Name DER and serial INTEGER DER (issuerAndSerialNumber). */
  issuer: Buffer;
  serial: Buffer;
  digestAlgorithm: string;
  /** The signed attributes as stored ([0] IMPLICIT, tag A0); undefined when absent. */
  signedAttributesDer?: Buffer;
  signedAttributes: ParsedAttribute[];
  signatureAlgorithm: string;
  signature: Buffer;
  unsignedAttributes: ParsedAttribute[];
}

export interface ParsedSignedData {
  digestAlgorithms: string[];
  contentType: string;
  /** The content element inside [0] EXPLICIT (a SEQUENCE for CTL and SpcIndirectDataContent). */
  content?: Der;
  /** The contentInfo SEQUENCE bytes, as stored (kept verbatim when re-signing). */
  contentInfoDer: Buffer;
  certificates: Buffer[];
  signerInfos: ParsedSignerInfo[];
}

export class Pkcs7Error extends Error {}

function parseAttributes(node: Der): ParsedAttribute[] {
  return children(node).map((a) => {
    const [type, values] = children(expect(a, 0x30, 'Attribute'));
    return { type: readOid(type, 'Attribute.type'), values: children(expect(values, 0x31, 'Attribute.values')) };
  });
}

function parseSignerInfo(node: Der): ParsedSignerInfo {
  const parts = children(expect(node, 0x30, 'SignerInfo'));
  let i = 0;
  const version = BigInt(parts[i++]!.body.readUIntBE(0, Math.min(6, parts[0]!.body.length)));
  const ias = children(expect(parts[i++], 0x30, 'issuerAndSerialNumber'));
  const digestAlgorithm = readOid(children(expect(parts[i++], 0x30, 'digestAlgorithm'))[0], 'digestAlgorithm');
  let signedAttributesDer: Buffer | undefined;
  let signedAttributes: ParsedAttribute[] = [];
  if (parts[i]?.tag === 0xa0) {
    signedAttributesDer = parts[i]!.bytes;
    signedAttributes = parseAttributes(parts[i]!);
    i++;
  }
  const signatureAlgorithm = readOid(children(expect(parts[i++], 0x30, 'digestEncryptionAlgorithm'))[0], 'digestEncryptionAlgorithm');
  const signature = Buffer.from(expect(parts[i++], 0x04, 'encryptedDigest').body);
  const unsignedAttributes = parts[i]?.tag === 0xa1 ? parseAttributes(parts[i]!) : [];
  return {
    version,
    issuer: Buffer.from(ias[0]!.bytes),
    serial: Buffer.from(ias[1]!.bytes),
    digestAlgorithm,
    signedAttributesDer,
    signedAttributes,
    signatureAlgorithm,
    signature,
    unsignedAttributes,
  };
}

/** Parses a DER ContentInfo holding SignedData. */
export function parseSignedData(buf: Buffer): ParsedSignedData {
  const outer = expect(readDer(buf), 0x30, 'ContentInfo');
  const [type, explicit] = children(outer);
  if (readOid(type, 'ContentInfo.contentType') !== OID.signedData) throw new Pkcs7Error('not a PKCS#7 SignedData message');
  const sd = children(expect(children(expect(explicit, 0xa0, 'ContentInfo.content'))[0], 0x30, 'SignedData'));
  let i = 1; // skip version
  const digestAlgorithms = children(expect(sd[i++], 0x31, 'digestAlgorithms')).map((a) => readOid(children(a)[0], 'AlgorithmIdentifier'));
  const contentInfo = expect(sd[i++], 0x30, 'contentInfo');
  const ci = children(contentInfo);
  const contentType = readOid(ci[0], 'contentInfo.contentType');
  const content = ci[1] ? children(expect(ci[1], 0xa0, 'contentInfo.content'))[0] : undefined;
  const certificates: Buffer[] = [];
  if (sd[i]?.tag === 0xa0) {
    for (const c of children(sd[i]!)) if (c.tag === 0x30) certificates.push(Buffer.from(c.bytes));
    i++;
  }
  if (sd[i]?.tag === 0xa1) i++; // crls
  const signerInfos = children(expect(sd[i], 0x31, 'signerInfos')).map(parseSignerInfo);
  return { digestAlgorithms, contentType, content, contentInfoDer: Buffer.from(contentInfo.bytes), certificates, signerInfos };
}

/** The messageDigest input: the content's contents octets, without tag and length (§9.2). */
export function contentDigest(content: Der, alg: HashAlgorithm): Buffer {
  return createHash(alg).update(content.body).digest();
}

/** issuer Name DER and serial INTEGER DER of a certificate. */
export function certIssuerAndSerial(certDer: Buffer): { issuer: Buffer; serial: Buffer; subject: Buffer } {
  const tbs = children(expect(children(expect(readDer(certDer), 0x30, 'Certificate'))[0], 0x30, 'TBSCertificate'));
  const off = tbs[0]!.tag === 0xa0 ? 1 : 0;
  return { serial: Buffer.from(tbs[off]!.bytes), issuer: Buffer.from(tbs[off + 2]!.bytes), subject: Buffer.from(tbs[off + 4]!.bytes) };
}

export interface SigningIdentity {
  privateKey: KeyObject;
  /** Signer certificate, DER. */
  certificate: Buffer;
  /** Further certificates to embed (chain), DER. */
  chain: Buffer[];
}

export interface SignOptions {
  digest: HashAlgorithm;
  /** SpcSpOpusInfo programName (signtool /d) and moreInfo URL (/du). */
  description?: string;
  url?: string;
  /** Add a signingTime attribute (signtool does not; off by default). */
  signingTime?: Date;
}

function opusInfo(description?: string, url?: string): Buffer {
  const parts: Buffer[] = [];
  // programName [0] EXPLICIT SpcString { unicode [0] IMPLICIT BMPString }
  if (description) parts.push(ctx(0, tlv(0x80, Buffer.from(description, 'utf16le').swap16())));
  // moreInfo [1] EXPLICIT SpcLink { url [0] IMPLICIT IA5String }
  if (url) parts.push(ctx(1, tlv(0x80, Buffer.from(url, 'latin1'))));
  return seq(...parts);
}

function signatureAlgorithmFor(key: KeyObject, digest: HashAlgorithm): Buffer {
  if (key.asymmetricKeyType === 'rsa') return seq(oid(OID.rsaEncryption), NULL);
  if (key.asymmetricKeyType === 'ec') return seq(oid(digest === 'sha1' ? '1.2.840.10045.4.1' : '1.2.840.10045.4.3.2'));
  throw new Pkcs7Error(`unsupported key type ${key.asymmetricKeyType ?? 'unknown'}; use an RSA or ECDSA key`);
}

/**
 * Signs `contentInfoDer` (SEQUENCE { contentType, [0] content }) kept byte-for-byte.
 * messageDigest covers the content's contents octets (§9.2).
 */
export function buildSignedData(contentInfoDer: Buffer, identity: SigningIdentity, options: SignOptions): Buffer {
  const ci = children(readDer(contentInfoDer));
  const contentType = readOid(ci[0], 'contentType');
  const content = children(expect(ci[1], 0xa0, 'content'))[0]!;
  const md = contentDigest(content, options.digest);
  const attributes = [
    seq(oid(OID.contentType), set(oid(contentType))),
    seq(oid(OID.messageDigest), set(octets(md))),
    seq(oid(OID.spcStatementType), set(seq(oid(OID.spcIndividualSpKey)))),
    seq(oid(OID.spcSpOpusInfo), set(opusInfo(options.description, options.url))),
  ];
  if (options.signingTime) attributes.push(seq(oid(OID.signingTime), set(time(options.signingTime))));
  const signedAttrs = set(...attributes);
  const signature = cryptoSign(options.digest, signedAttrs, identity.privateKey);
  const { issuer, serial } = certIssuerAndSerial(identity.certificate);
  const digestAlg = seq(oid(hashOid(options.digest)), NULL);
  const signerInfo = seq(
    int(1),
    seq(issuer, serial),
    digestAlg,
    Buffer.concat([Buffer.from([0xa0]), signedAttrs.subarray(1)]),
    signatureAlgorithmFor(identity.privateKey, options.digest),
    octets(signature),
  );
  // Certificates in DER SET order: Windows requires X.690 §11.6 ordering (§9.1).
  const certs = [identity.certificate, ...identity.chain.filter((c) => !c.equals(identity.certificate))].sort(Buffer.compare);
  return seq(oid(OID.signedData), ctx(0, seq(int(1), set(digestAlg), contentInfoDer, ctx(0, ...certs), set(signerInfo))));
}

export const signerDigestAlgorithm = (s: ParsedSignerInfo): HashAlgorithm | undefined => hashFromOid(s.digestAlgorithm);

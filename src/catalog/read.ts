// readCatalog: decodes a catalog (ours, or MakeCat/Inf2Cat's) into members,
// catalog attributes and signer facts (catalog-format §2-§5).
import { children, decodeBmp, decodeTime, expect, readDer, readInteger, readOid, type Der } from './der.js';
import { certificateInfo, type CertificateInfo } from './certificate.js';
import { hashFromOid, OID, SIP, type HashAlgorithm } from './oids.js';
import { certIssuerAndSerial, parseSignedData, type ParsedSignedData } from './pkcs7.js';

export interface CatalogNameValue {
  name: string;
  flags: number;
  /** Text for DATAASCII values (UTF-16LE, trailing NUL removed), else hex of the raw bytes. */
  value: string;
  raw: Buffer;
}

export interface CatalogMember {
  /** The tag: v1 text (e.g. the upper-case SHA-1 hex), v2 upper-case hex of the raw bytes. */
  tag: string;
  tagBytes: Buffer;
  /** The `File` name/value, when present (MakeCat's v2 SHA-1 shadow entries have none; Inf2Cat's do). */
  fileName?: string;
  hashAlgorithm?: HashAlgorithm;
  digest?: Buffer;
  /** PE image (Authenticode hash) or flat file; undefined when the member does not say. */
  isPe?: boolean;
  sipGuid?: string;
  /** Every CatNameValue of the member (File, OSAttr, ...). */
  attributes: CatalogNameValue[];
  /** A v2 SHA-1 shadow entry: a SHA-1 tag and no digest (§3.4; Inf2Cat's also carry File and OSAttr). */
  shadow: boolean;
  /** The PE member carries a page-hash table (SpcPeImageData moniker link). */
  pageHashes: boolean;
}

export interface CatalogSigner {
  certificate?: CertificateInfo;
  digestAlgorithm?: HashAlgorithm;
}

export interface CatalogInfo {
  version: 1 | 2;
  listIdentifier: Buffer;
  thisUpdate?: Date;
  members: CatalogMember[];
  attributes: CatalogNameValue[];
  signed: boolean;
  signers: CatalogSigner[];
  certificates: CertificateInfo[];
  signedData: ParsedSignedData;
}

export class CatalogFormatError extends Error {}

function parseNameValue(node: Der): CatalogNameValue {
  const [name, flags, value] = children(expect(node, 0x30, 'CatNameValue'));
  const raw = Buffer.from(expect(value, 0x04, 'CatNameValue.value').body);
  const f = Number(readInteger(expect(flags, 0x02, 'CatNameValue.flags')) & 0xffffffffn);
  const isText = (f & 0x00010000) !== 0 || (f & 0x00020000) === 0;
  let text = raw.length % 2 === 0 && isText ? raw.toString('utf16le') : raw.toString('hex').toUpperCase();
  if (isText && text.endsWith('\0')) text = text.slice(0, -1);
  return { name: decodeBmp(expect(name, 0x1e, 'CatNameValue.name').body), flags: f, value: text, raw };
}

function tagText(tag: Buffer, version: 1 | 2): string {
  if (version === 1 && tag.length >= 2 && tag.length % 2 === 0 && tag.readUInt16LE(tag.length - 2) === 0) {
    return tag.subarray(0, -2).toString('utf16le');
  }
  return tag.toString('hex').toUpperCase();
}

function parseIndirectData(node: Der): { isPe: boolean; hashAlgorithm?: HashAlgorithm; digest: Buffer; pageHashes: boolean } {
  const [data, digestInfo] = children(expect(node, 0x30, 'SpcIndirectDataContent'));
  const dataParts = children(expect(data, 0x30, 'SpcIndirectDataContent.data'));
  const dataType = readOid(dataParts[0], 'data.type');
  // SpcPeImageData { flags, [0] { SpcLink } }: a moniker [1] link holds page hashes.
  let pageHashes = false;
  if (dataType === OID.spcPeImageData && dataParts[1]?.tag === 0x30) {
    const file = children(dataParts[1]).find((c) => c.tag === 0xa0);
    pageHashes = file !== undefined && children(file)[0]?.tag === 0xa1;
  }
  const [alg, digest] = children(expect(digestInfo, 0x30, 'DigestInfo'));
  return {
    isPe: dataType === OID.spcPeImageData,
    hashAlgorithm: hashFromOid(readOid(children(expect(alg, 0x30, 'digestAlgorithm'))[0], 'digestAlgorithm')),
    digest: Buffer.from(expect(digest, 0x04, 'digest').body),
    pageHashes,
  };
}

function parseMember(node: Der, version: 1 | 2): CatalogMember {
  const [tagNode, attrSet] = children(expect(node, 0x30, 'TrustedSubject'));
  const tagBytes = Buffer.from(expect(tagNode, 0x04, 'subjectIdentifier').body);
  const member: CatalogMember = { tag: tagText(tagBytes, version), tagBytes, attributes: [], shadow: false, pageHashes: false };
  let hasIndirect = false;
  for (const attr of children(expect(attrSet, 0x31, 'subjectAttributes'))) {
    const [type, values] = children(expect(attr, 0x30, 'Attribute'));
    const oid = readOid(type, 'Attribute.type');
    const value = children(expect(values, 0x31, 'Attribute.values'))[0];
    if (!value) continue;
    if (oid === OID.catNameValue) {
      const nv = parseNameValue(value);
      member.attributes.push(nv);
      if (nv.name.toLowerCase() === 'file') member.fileName = nv.value;
    } else if (oid === OID.catMemberInfo) {
      const guid = decodeBmp(children(value)[0]!.body).toUpperCase();
      member.sipGuid = guid;
      member.isPe ??= guid === SIP.pe ? true : guid === SIP.flat ? false : undefined;
    } else if (oid === OID.catMemberInfo2) {
      member.isPe ??= value.tag === 0x80 ? true : value.tag === 0x82 ? false : undefined;
    } else if (oid === OID.spcIndirectData) {
      const d = parseIndirectData(value);
      hasIndirect = true;
      member.isPe = d.isPe;
      member.hashAlgorithm = d.hashAlgorithm;
      member.digest = d.digest;
      member.pageHashes = d.pageHashes;
    }
  }
  member.shadow = !hasIndirect && (member.fileName === undefined || (version === 2 && tagBytes.length === 20));
  return member;
}

/** Decodes a catalog file's bytes. Throws CatalogFormatError on anything that is not a catalog. */
export function readCatalog(buf: Buffer): CatalogInfo {
  try {
    const sd = parseSignedData(buf);
    if (sd.contentType !== OID.ctl || !sd.content)
      throw new CatalogFormatError(`not a catalog: the signed content is ${sd.contentType}, not a certificate trust list (${OID.ctl})`);
    const ctl = children(expect(sd.content, 0x30, 'CertificateTrustList'));
    let i = 0;
    if (ctl[i]?.tag === 0x02) i++; // version
    const usage = children(expect(ctl[i++], 0x30, 'subjectUsage')).map((o) => readOid(o, 'subjectUsage'));
    if (!usage.includes(OID.catalogList)) throw new CatalogFormatError('not a catalog: the trust list is not a catalog list (1.3.6.1.4.1.311.12.1.1)');
    let listIdentifier = Buffer.alloc(0);
    if (ctl[i]?.tag === 0x04) listIdentifier = Buffer.from(ctl[i++]!.body);
    if (ctl[i]?.tag === 0x02) i++; // sequenceNumber
    let thisUpdate: Date | undefined;
    if (ctl[i]?.tag === 0x17 || ctl[i]?.tag === 0x18) thisUpdate = decodeTime(ctl[i++]!);
    if (ctl[i]?.tag === 0x17 || ctl[i]?.tag === 0x18) i++; // nextUpdate
    const subjectAlgorithm = readOid(children(expect(ctl[i++], 0x30, 'subjectAlgorithm'))[0], 'subjectAlgorithm');
    const version: 1 | 2 = subjectAlgorithm === OID.catalogListMember2 ? 2 : 1;
    const members: CatalogMember[] = [];
    if (ctl[i]?.tag === 0x30) for (const m of children(ctl[i++]!)) members.push(parseMember(m, version));
    const attributes: CatalogNameValue[] = [];
    if (ctl[i]?.tag === 0xa0) {
      for (const ext of children(expect(children(ctl[i]!)[0], 0x30, 'ctlExtensions'))) {
        const parts = children(expect(ext, 0x30, 'Extension'));
        if (readOid(parts[0], 'extnID') !== OID.catNameValue) continue;
        const value = parts[parts.length - 1]!;
        attributes.push(parseNameValue(readDer(Buffer.from(expect(value, 0x04, 'extnValue').body))));
      }
    }
    const certificates = sd.certificates.map(certificateInfo);
    const signers = sd.signerInfos.map((s): CatalogSigner => {
      const index = sd.certificates.findIndex((c) => {
        const ias = certIssuerAndSerial(c);
        return ias.issuer.equals(s.issuer) && ias.serial.equals(s.serial);
      });
      return { certificate: index >= 0 ? certificates[index] : undefined, digestAlgorithm: hashFromOid(s.digestAlgorithm) };
    });
    return { version, listIdentifier, thisUpdate, members, attributes, signed: sd.signerInfos.length > 0, signers, certificates, signedData: sd };
  } catch (error) {
    if (error instanceof CatalogFormatError) throw error;
    // Any failure while walking the structure means the bytes are not a catalog.
    throw new CatalogFormatError(`not a valid catalog: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// Encoding of the Certificate Trust List that is a catalog's content
// (catalog-format §2-§5): members with their tags and attributes, catalog
// name/value attributes, and the unsigned PKCS#7 SignedData around it.
import { bitString, bmp, ctx, ctxPrim, int, NULL, octets, oid, seq, seqOf, set, setOf, time, tlv, wstrz } from './der.js';
import { hashOid, OID, SIP, type HashAlgorithm } from './oids.js';

/** CRYPTCAT_ATTR_AUTHENTICATED | NAMEASCII | DATAASCII: what Inf2Cat writes. */
export const NAME_VALUE_FLAGS = 0x10010001;

export function nameValue(name: string, value: string | Buffer, flags = NAME_VALUE_FLAGS): Buffer {
  return seq(bmp(name), int(flags), octets(Buffer.isBuffer(value) ? value : wstrz(value)));
}

/** A member attribute: the value sits directly in the attribute's SET. */
export const memberAttribute = (type: string, value: Buffer): Buffer => seq(oid(type), set(value));

/** A catalog attribute: an extension whose OCTET STRING wraps the CatNameValue. */
export const catalogAttribute = (name: string, value: string, flags = NAME_VALUE_FLAGS): Buffer =>
  seq(oid(OID.catNameValue), octets(nameValue(name, value, flags)));

/** SpcLink file [2] { unicode [0] text }. */
const fileLink = (text: string): Buffer => ctx(2, ctxPrim(0, Buffer.from(text, 'utf16le').swap16()));
export const OBSOLETE_LINK = fileLink('<<<Obsolete>>>');
export const EMPTY_LINK = fileLink('');

/** MakeCat's SpcPeImageData flags bit string (03 02 05 A0). */
export const MAKECAT_PE_FLAGS = bitString(Buffer.from([0xa0]), 5);

export function digestInfo(alg: HashAlgorithm, digest: Buffer): Buffer {
  return seq(seq(oid(hashOid(alg)), NULL), octets(digest));
}

/** SpcIndirectDataContent for a catalog member. */
export function spcIndirectData(isPe: boolean, alg: HashAlgorithm, digest: Buffer, link: Buffer = OBSOLETE_LINK, peFlags = MAKECAT_PE_FLAGS): Buffer {
  const data = isPe ? seq(oid(OID.spcPeImageData), seq(peFlags, ctx(0, link))) : seq(oid(OID.spcCabData), link);
  return seq(data, digestInfo(alg, digest));
}

/** v1 tag: upper-case hex of the SHA-1, UTF-16LE with the NUL (§3.1). */
export const v1Tag = (sha1: Buffer): Buffer => wstrz(sha1.toString('hex').toUpperCase());

export interface EncodedMember {
  tag: Buffer;
  attributes: Buffer[];
}

export const encodeMember = (m: EncodedMember): Buffer => seq(octets(m.tag), setOf(m.attributes));

export function memberInfoV1(isPe: boolean): Buffer {
  return memberAttribute(OID.catMemberInfo, seq(bmp(isPe ? SIP.pe : SIP.flat), int(512)));
}

/** MemberInfo2: an empty context-tagged primitive, [0] PE, [1] CAB, [2] flat. */
export function memberInfoV2(kind: 'pe' | 'cab' | 'flat'): Buffer {
  return memberAttribute(OID.catMemberInfo2, Buffer.from([kind === 'pe' ? 0x80 : kind === 'cab' ? 0x81 : 0x82, 0x00]));
}

export interface CtlFields {
  version: 1 | 2;
  listIdentifier: Buffer;
  thisUpdate: Date;
  /** Encoded TrustedSubject SEQUENCEs; sorted here by tag bytes. */
  members: EncodedMember[];
  /** Encoded extensions, stored in the order given. */
  catalogAttributes: Buffer[];
}

export function encodeCtl(f: CtlFields): Buffer {
  const members = [...f.members].sort((a, b) => Buffer.compare(a.tag, b.tag));
  const parts = [
    seq(oid(OID.catalogList)),
    octets(f.listIdentifier),
    time(f.thisUpdate),
    seq(oid(f.version === 1 ? OID.catalogListMember : OID.catalogListMember2), NULL),
    seqOf(members.map(encodeMember)),
  ];
  if (f.catalogAttributes.length > 0) parts.push(ctx(0, seq(...f.catalogAttributes)));
  return seq(...parts);
}

/** The unsigned catalog: SignedData with empty digestAlgorithms, no certificates, no signers. */
export function wrapUnsigned(ctl: Buffer): Buffer {
  return seq(oid(OID.signedData), ctx(0, seq(int(1), tlv(0x31), seq(oid(OID.ctl), ctx(0, ctl)), tlv(0x31))));
}

// Encoding of the Certificate Trust List that is a catalog's content
// (catalog-format §2-§5): members with their tags and attributes, catalog
// name/value attributes, and the unsigned PKCS#7 SignedData around it.
import { bitString, bmp, ctx, ctxPrim, type DerNode, headerSize, int, node, NULL, octets, oid, render, seq, set, setOf, time, tlv, writeHeader, wstrz } from './der.js';
import { hashOid, OID, SIP, type HashAlgorithm } from './oids.js';

/** CRYPTCAT_ATTR_AUTHENTICATED | NAMEASCII | DATAASCII: what Inf2Cat writes. */
export const NAME_VALUE_FLAGS = 0x10010001;

const DEFAULT_FLAGS = int(NAME_VALUE_FLAGS);

export function nameValue(name: string, value: string | Buffer, flags = NAME_VALUE_FLAGS): Buffer {
  return seq(bmp(name), flags === NAME_VALUE_FLAGS ? DEFAULT_FLAGS : int(flags), octets(Buffer.isBuffer(value) ? value : wstrz(value)));
}

/**
 * Members in DER order of their tags (byte-wise, a shorter prefix first). Each
 * tag's first four bytes, read as a big-endian number, order most pairs (tags
 * are digests); equal or shorter prefixes fall back to Buffer.compare. Much
 * cheaper than Buffer.compare for every pair of 20,000 members.
 */
export function sortByTag<T extends { tag: Buffer }>(members: readonly T[]): T[] {
  const n = members.length;
  // Each tag's 4-byte prefix and its index packed into one exact double (32 + 21 bits), sorted
  // natively: no comparator call per pair. Runs of equal prefixes are then ordered by their
  // whole tags. Tags under 4 bytes (not digests) take the comparator path.
  if (n >= INDEX_SPAN || members.some((m) => m.tag.length < 4)) return sortByTagCompared(members);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = members[i]!.tag;
    keys[i] = (t[0]! * 0x1000000 + ((t[1]! << 16) | (t[2]! << 8) | t[3]!)) * INDEX_SPAN + i;
  }
  keys.sort();
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = keys[i]! % INDEX_SPAN;
  for (let i = 0; i < n;) {
    const prefix = Math.floor(keys[i]! / INDEX_SPAN);
    let j = i + 1;
    while (j < n && Math.floor(keys[j]! / INDEX_SPAN) === prefix) j++;
    if (j - i > 1) {
      const run = order.slice(i, j).sort((a, b) => Buffer.compare(members[a]!.tag, members[b]!.tag) || a - b);
      for (let k = 0; k < run.length; k++) order[i + k] = run[k]!;
    }
    i = j;
  }
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = members[order[i]!]!;
  return out;
}

/** 2^21: the indexes sortByTag packs below a tag's prefix. */
const INDEX_SPAN = 0x200000;

function sortByTagCompared<T extends { tag: Buffer }>(members: readonly T[]): T[] {
  const n = members.length;
  const prefix = new Float64Array(n);
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const tag = members[i]!.tag;
    prefix[i] = tag.length >= 4 ? tag.readUInt32BE(0) : -1;
    order[i] = i;
  }
  order.sort((a, b) => {
    const pa = prefix[a]!;
    const pb = prefix[b]!;
    if (pa !== pb && pa >= 0 && pb >= 0) return pa - pb;
    return Buffer.compare(members[a]!.tag, members[b]!.tag) || a - b;
  });
  return order.map((i) => members[i]!);
}

/** A member attribute: the value sits directly in the attribute's SET. */
export const memberAttribute = (type: string, value: Buffer): Buffer => seq(oid(type), set(value));

/**
 * memberAttribute(OID.catNameValue, nameValue(name, value)) with the default
 * flags, in one allocation: every file of a catalog has one (its `File`).
 */
export function nameValueAttribute(name: string, value: string): Buffer {
  // Written field by field: no node tree, no separate buffer for the UTF-16 text.
  const type = oid(OID.catNameValue);
  const label = bmp(name);
  const text = 2 * (value.length + 1); // UTF-16LE code units and the NUL, as wstrz writes them
  const octetString = headerSize(text) + text;
  const nameValueBody = label.length + DEFAULT_FLAGS.length + octetString;
  const setBody = headerSize(nameValueBody) + nameValueBody;
  const body = type.length + headerSize(setBody) + setBody;
  const out = Buffer.allocUnsafe(headerSize(body) + body);
  let at = writeHeader(out, 0, 0x30, body);
  out.set(type, at);
  at = writeHeader(out, at + type.length, 0x31, setBody);
  at = writeHeader(out, at, 0x30, nameValueBody);
  out.set(label, at);
  at += label.length;
  out.set(DEFAULT_FLAGS, at);
  at = writeHeader(out, at + DEFAULT_FLAGS.length, 0x04, text);
  at += out.write(value, at, 'utf16le');
  out[at] = 0;
  out[at + 1] = 0;
  return out;
}

/** A catalog attribute: an extension whose OCTET STRING wraps the CatNameValue. */
export const catalogAttribute = (name: string, value: string, flags = NAME_VALUE_FLAGS): Buffer => seq(oid(OID.catNameValue), octets(nameValue(name, value, flags)));

/** SpcLink file [2] { unicode [0] text }. */
const fileLink = (text: string): Buffer => ctx(2, ctxPrim(0, Buffer.from(text, 'utf16le').swap16()));
export const OBSOLETE_LINK = fileLink('<<<Obsolete>>>');
export const EMPTY_LINK = fileLink('');

/** MakeCat's SpcPeImageData flags bit string (03 02 05 A0). */
export const MAKECAT_PE_FLAGS = bitString(Buffer.from([0xa0]), 5);

// The AlgorithmIdentifier of each digest, encoded once (every member repeats it).
const ALGORITHM_IDS = new Map<HashAlgorithm, Buffer>();

function algorithmId(alg: HashAlgorithm): Buffer {
  let id = ALGORITHM_IDS.get(alg);
  if (!id) ALGORITHM_IDS.set(alg, (id = seq(oid(hashOid(alg)), NULL)));
  return id;
}

export function digestInfo(alg: HashAlgorithm, digest: Buffer): Buffer {
  return seq(algorithmId(alg), octets(digest));
}

/** SpcIndirectDataContent for a catalog member. */
/** memberAttribute(OID.spcIndirectData, spcIndirectData(...)) in one allocation for the common members (no page hashes). */
export function indirectDataAttribute(isPe: boolean, alg: HashAlgorithm, digest: Buffer, link: Buffer): Buffer {
  if (link !== OBSOLETE_LINK && link !== EMPTY_LINK) return memberAttribute(OID.spcIndirectData, spcIndirectData(isPe, alg, digest, link));
  // Everything before the digest depends only on the kind and the digest's length: encoded once, then prefix + digest.
  const key = `${isPe ? 1 : 0}${link === OBSOLETE_LINK ? 1 : 0}${alg}${digest.length}`;
  let prefix = INDIRECT_PREFIXES.get(key);
  if (!prefix) {
    const data = COMMON_DATA.get(`${isPe}${link === OBSOLETE_LINK}`)!;
    const whole = render(node(0x30, oid(OID.spcIndirectData), node(0x31, node(0x30, data, node(0x30, algorithmId(alg), node(0x04, digest))))));
    INDIRECT_PREFIXES.set(key, (prefix = Buffer.from(whole.subarray(0, whole.length - digest.length))));
  }
  const out = Buffer.allocUnsafe(prefix.length + digest.length);
  out.set(prefix, 0);
  out.set(digest, prefix.length);
  return out;
}

/** indirectDataAttribute's bytes before the digest, per kind, algorithm and digest length. */
const INDIRECT_PREFIXES = new Map<string, Buffer>();

export function spcIndirectData(isPe: boolean, alg: HashAlgorithm, digest: Buffer, link: Buffer = OBSOLETE_LINK, peFlags = MAKECAT_PE_FLAGS): Buffer {
  const common = peFlags === MAKECAT_PE_FLAGS && (link === OBSOLETE_LINK || link === EMPTY_LINK);
  const data = common ? COMMON_DATA.get(`${isPe}${link === OBSOLETE_LINK}`)! : indirectData(isPe, link, peFlags);
  return seq(data, digestInfo(alg, digest));
}

function indirectData(isPe: boolean, link: Buffer, peFlags: Buffer): Buffer {
  return isPe ? seq(oid(OID.spcPeImageData), seq(peFlags, ctx(0, link))) : seq(oid(OID.spcCabData), link);
}

// The SpcIndirectData "data" part every member without page hashes shares.
const COMMON_DATA = new Map(
  [true, false].flatMap((isPe) => [true, false].map((obsolete) => [`${isPe}${obsolete}`, indirectData(isPe, obsolete ? OBSOLETE_LINK : EMPTY_LINK, MAKECAT_PE_FLAGS)] as const)),
);

/** v1 tag: upper-case hex of the SHA-1, UTF-16LE with the NUL (§3.1). */
export const v1Tag = (sha1: Buffer): Buffer => wstrz(sha1.toString('hex').toUpperCase());

export interface EncodedMember {
  tag: Buffer;
  attributes: Buffer[];
}

export const encodeMember = (m: EncodedMember): Buffer => seq(octets(m.tag), setOf(m.attributes));

/**
 * Buffer.compare's order; the first bytes compared here, where two attributes
 * nearly always differ (their lengths, their OIDs), without a native call.
 */
function compareBytes(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length, 24);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return Buffer.compare(a, b);
}

/** DER SET order (byte-wise) of a member's few attributes, sorted in place. */
function sortAttributes(attributes: Buffer[]): Buffer[] {
  for (let i = 1; i < attributes.length; i++) {
    const item = attributes[i]!;
    let j = i - 1;
    for (; j >= 0 && compareBytes(attributes[j]!, item) > 0; j--) attributes[j + 1] = attributes[j]!;
    attributes[j + 1] = item;
  }
  return attributes;
}

/**
 * The SEQUENCE OF TrustedSubject of a CTL: the same bytes as
 * seqOf(members.map(encodeMember)), written into one buffer. A catalog of
 * 10,000 files has 20,000 members: a buffer per TLV and a copy per level cost
 * more than the rest of the encoding.
 */
export function encodeMemberList(members: readonly EncodedMember[], options: { sortInPlace?: boolean } = {}): Buffer {
  const n = members.length;
  const setLengths = new Array<number>(n);
  const memberLengths = new Array<number>(n);
  // The caller that owns the attribute arrays (createCatalog) lets them be sorted where they are.
  const sorted = options.sortInPlace ? members.map((m) => sortAttributes(m.attributes)) : members.map((m) => sortAttributes([...m.attributes]));
  let total = 0;
  for (let i = 0; i < n; i++) {
    const tag = members[i]!.tag;
    const attributes = sorted[i]!;
    let set = 0;
    for (let j = 0; j < attributes.length; j++) set += attributes[j]!.length;
    const body = headerSize(tag.length) + tag.length + headerSize(set) + set;
    setLengths[i] = set;
    memberLengths[i] = body;
    total += headerSize(body) + body;
  }
  const out = Buffer.allocUnsafe(headerSize(total) + total);
  let at = writeHeader(out, 0, 0x30, total);
  for (let i = 0; i < n; i++) {
    const tag = members[i]!.tag;
    at = writeHeader(out, at, 0x30, memberLengths[i]!);
    at = writeHeader(out, at, 0x04, tag.length);
    out.set(tag, at);
    at = writeHeader(out, at + tag.length, 0x31, setLengths[i]!);
    const attributes = sorted[i]!;
    for (let j = 0; j < attributes.length; j++) {
      const a = attributes[j]!;
      out.set(a, at);
      at += a.length;
    }
  }
  return out;
}

// The MemberInfo attributes are the same for every member of a kind: encoded once.
const MEMBER_INFO_V1 = { pe: memberAttribute(OID.catMemberInfo, seq(bmp(SIP.pe), int(512))), flat: memberAttribute(OID.catMemberInfo, seq(bmp(SIP.flat), int(512))) };
const MEMBER_INFO_V2 = {
  pe: memberAttribute(OID.catMemberInfo2, Buffer.from([0x80, 0x00])),
  cab: memberAttribute(OID.catMemberInfo2, Buffer.from([0x81, 0x00])),
  flat: memberAttribute(OID.catMemberInfo2, Buffer.from([0x82, 0x00])),
};

/** Do not modify the result (shared). */
export function memberInfoV1(isPe: boolean): Buffer {
  return isPe ? MEMBER_INFO_V1.pe : MEMBER_INFO_V1.flat;
}

/** MemberInfo2: an empty context-tagged primitive, [0] PE, [1] CAB, [2] flat. Do not modify the result (shared). */
export function memberInfoV2(kind: 'pe' | 'cab' | 'flat'): Buffer {
  return MEMBER_INFO_V2[kind];
}

export interface CtlFields {
  version: 1 | 2;
  listIdentifier: Buffer;
  thisUpdate: Date;
  /** Encoded TrustedSubject SEQUENCEs; sorted here by tag bytes (unless `sorted`). */
  members: EncodedMember[];
  /** The members are already in tag order. */
  sorted?: boolean;
  /** Each member's attributes may be put in SET order in their own array (the caller owns them). */
  sortAttributesInPlace?: boolean;
  /** Encoded extensions, stored in the order given. */
  catalogAttributes: Buffer[];
}

export function encodeCtl(f: CtlFields): Buffer {
  return render(ctlNode(f));
}

/** The CTL as a node tree, so the unsigned catalog around it is written in one pass (unsignedCatalog). */
function ctlNode(f: CtlFields): DerNode {
  const members = f.sorted ? f.members : sortByTag(f.members);
  const parts: (Buffer | DerNode)[] = [
    seq(oid(OID.catalogList)),
    octets(f.listIdentifier),
    time(f.thisUpdate),
    seq(oid(f.version === 1 ? OID.catalogListMember : OID.catalogListMember2), NULL),
    encodeMemberList(members, { sortInPlace: Boolean(f.sortAttributesInPlace) }),
  ];
  if (f.catalogAttributes.length > 0) parts.push(ctx(0, seq(...f.catalogAttributes)));
  return node(0x30, ...parts);
}

/**
 * wrapUnsigned(encodeCtl(f)) written into one buffer: the member list is the
 * bulk of a catalog (megabytes for 10,000 files), and each of the five
 * wrapping levels would copy it again.
 */
export function unsignedCatalog(f: CtlFields): Buffer {
  return render(node(0x30, oid(OID.signedData), node(0xa0, node(0x30, int(1), tlv(0x31), node(0x30, oid(OID.ctl), node(0xa0, ctlNode(f))), tlv(0x31)))));
}

/** The unsigned catalog: SignedData with empty digestAlgorithms, no certificates, no signers. */
export function wrapUnsigned(ctl: Buffer): Buffer {
  return seq(oid(OID.signedData), ctx(0, seq(int(1), tlv(0x31), seq(oid(OID.ctl), ctx(0, ctl)), tlv(0x31))));
}

// A small DER writer and TLV reader. Our own because catalogs must be written
// byte-exactly as MakeCat does (DER SET ordering, BMPString tags, the CTL's
// [0] EXPLICIT SEQUENCE instead of an OCTET STRING) and because signing and
// verification need the exact byte ranges of what was parsed (the CTL contents
// octets, the signed attributes). asn1js re-encodes; this keeps the bytes.

/** Definite-length DER length octets. */
export function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...parts: Buffer[]): Buffer {
  return tlvOf(tag, parts);
}

/**
 * tlv over an array of parts. Catalogs list one part per file: spreading tens of
 * thousands of them as arguments overflows the stack, so big lists come through here.
 */
export function tlvOf(tag: number, parts: readonly Buffer[]): Buffer {
  // One allocation per TLV: a catalog of 10,000 members encodes ~200,000 of them.
  let length = 0;
  for (const p of parts) length += p.length;
  const lenOctets = length < 0x80 ? undefined : derLength(length);
  const lengthBytes = lenOctets ? lenOctets.length : 1;
  const out = Buffer.allocUnsafe(1 + lengthBytes + length);
  out[0] = tag;
  if (lenOctets) lenOctets.copy(out, 1);
  else out[1] = length;
  let at = 1 + lengthBytes;
  for (const p of parts) {
    out.set(p, at); // TypedArray.set: Buffer.copy makes a view per call, which 200,000 small parts notice
    at += p.length;
  }
  return out;
}

/** Bytes of a DER header (tag + definite length octets) for contents of `length` bytes. */
export function headerSize(length: number): number {
  return length < 0x80 ? 2 : length < 0x100 ? 3 : length < 0x10000 ? 4 : length < 0x1000000 ? 5 : 6;
}

/** Writes a tag and its length octets at `at`; returns the offset after them. */
export function writeHeader(out: Buffer, at: number, tag: number, length: number): number {
  out[at++] = tag;
  if (length < 0x80) {
    out[at++] = length;
    return at;
  }
  if (length < 0x100) {
    // The usual long form in a catalog (a member, an attribute): one length octet.
    out[at++] = 0x81;
    out[at++] = length;
    return at;
  }
  const count = headerSize(length) - 2;
  out[at++] = 0x80 | count;
  for (let i = count - 1; i >= 0; i--) out[at++] = Math.floor(length / 2 ** (8 * i)) & 0xff;
  return at;
}

/** A TLV not yet written: its contents' length is known, so a tree of them is written into one buffer (render). */
export interface DerNode {
  tag: number;
  parts: readonly (Buffer | DerNode)[];
  length: number;
}

export function node(tag: number, ...parts: (Buffer | DerNode)[]): DerNode {
  let length = 0;
  for (const p of parts) length += p instanceof Uint8Array ? p.length : headerSize(p.length) + p.length;
  return { tag, parts, length };
}

/** The DER of a node tree, in one allocation: the same bytes as the nested tlv() calls. */
export function render(root: DerNode): Buffer {
  const out = Buffer.allocUnsafe(headerSize(root.length) + root.length);
  writeNode(out, 0, root);
  return out;
}

function writeNode(out: Buffer, at: number, n: DerNode): number {
  at = writeHeader(out, at, n.tag, n.length);
  for (const p of n.parts) {
    if (p instanceof Uint8Array) {
      out.set(p, at);
      at += p.length;
    } else at = writeNode(out, at, p);
  }
  return at;
}

export const seq = (...parts: Buffer[]): Buffer => tlvOf(0x30, parts);
export const seqOf = (parts: readonly Buffer[]): Buffer => tlvOf(0x30, parts);
/** DER SET OF: the element encodings sorted byte-wise (X.690 §11.6). */
export const set = (...parts: Buffer[]): Buffer => setOf(parts);
export const setOf = (parts: readonly Buffer[]): Buffer => tlvOf(0x31, parts.length < 2 ? parts : [...parts].sort(Buffer.compare));
export const octets = (bytes: Buffer): Buffer => tlv(0x04, bytes);
export const NULL = Buffer.from([0x05, 0x00]);
/** [n] constructed (EXPLICIT, or IMPLICIT of a constructed type). */
export const ctx = (n: number, ...parts: Buffer[]): Buffer => tlv(0xa0 | n, ...parts);
/** [n] primitive (IMPLICIT of a primitive type). */
export const ctxPrim = (n: number, bytes: Buffer): Buffer => tlv(0x80 | n, bytes);
const bmpCache = new Map<string, Buffer>();
/** BMPString: UTF-16BE, no terminator. Short names (attribute names) are encoded once; do not modify the result. */
export const bmp = (text: string): Buffer => {
  let der = bmpCache.get(text);
  if (!der) {
    der = tlv(0x1e, Buffer.from(text, 'utf16le').swap16());
    if (text.length <= 16 && bmpCache.size < 256) bmpCache.set(text, der);
  }
  return der;
};
/** UTF-16LE text with a trailing NUL, the way the catalog API stores strings. */
export const wstrz = (text: string): Buffer => Buffer.from(`${text}\0`, 'utf16le');
export const utf8 = (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8'));
export const printable = (text: string): Buffer => tlv(0x13, Buffer.from(text, 'latin1'));
export const ia5 = (text: string): Buffer => tlv(0x16, Buffer.from(text, 'latin1'));
export const bool = (value: boolean): Buffer => Buffer.from([0x01, 0x01, value ? 0xff : 0x00]);

export function bitString(bytes: Buffer, unusedBits = 0): Buffer {
  return tlv(0x03, Buffer.from([unusedBits]), bytes);
}

/** INTEGER from a number or a big-endian unsigned magnitude. */
export function int(value: number | bigint | Buffer): Buffer {
  let bytes: Buffer;
  if (Buffer.isBuffer(value)) {
    let start = 0;
    while (start < value.length - 1 && value[start] === 0 && (value[start + 1]! & 0x80) === 0) start++;
    bytes = value.subarray(start);
    if (bytes.length === 0) bytes = Buffer.from([0]);
    if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  } else {
    let v = BigInt(value);
    if (v < 0n) throw new RangeError('negative INTEGER not supported');
    const out: number[] = [];
    do {
      out.unshift(Number(v & 0xffn));
      v >>= 8n;
    } while (v > 0n);
    if (out[0]! & 0x80) out.unshift(0);
    bytes = Buffer.from(out);
  }
  return tlv(0x02, bytes);
}

const oidCache = new Map<string, Buffer>();

/** The DER of an OBJECT IDENTIFIER (cached: the same few OIDs repeat for every member). Do not modify the result. */
export function oid(dotted: string): Buffer {
  let der = oidCache.get(dotted);
  if (!der) {
    der = encodeOid(dotted);
    oidCache.set(dotted, der);
  }
  return der;
}

function encodeOid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  if (arcs.length < 2) throw new RangeError(`bad OID ${dotted}`);
  const out: number[] = [];
  const push = (v: bigint): void => {
    const chunk: number[] = [Number(v & 0x7fn)];
    for (v >>= 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  };
  push(arcs[0]! * 40n + arcs[1]!);
  for (const arc of arcs.slice(2)) push(arc);
  return tlv(0x06, Buffer.from(out));
}

export function decodeOid(body: Buffer): string {
  const arcs: bigint[] = [];
  let v = 0n;
  for (const byte of body) {
    v = (v << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(v);
      v = 0n;
    }
  }
  const first = arcs.shift() ?? 0n;
  const a = first < 40n ? 0n : first < 80n ? 1n : 2n;
  return [a, first - a * 40n, ...arcs].join('.');
}

/** UTCTime for 1950-2049, GeneralizedTime outside (RFC 5280 §4.1.2.5). */
export function time(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const year = date.getUTCFullYear();
  const rest = iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19);
  if (year >= 1950 && year < 2050) return tlv(0x17, Buffer.from(`${iso.slice(2, 4)}${rest}Z`, 'latin1'));
  return tlv(0x18, Buffer.from(`${iso.slice(0, 4)}${rest}Z`, 'latin1'));
}

export function decodeTime(node: Der): Date {
  const text = node.body.toString('latin1');
  if (node.tag === 0x17) {
    const yy = Number(text.slice(0, 2));
    const year = yy >= 50 ? 1900 + yy : 2000 + yy;
    return new Date(`${year}-${text.slice(2, 4)}-${text.slice(4, 6)}T${text.slice(6, 8)}:${text.slice(8, 10)}:${text.slice(10, 12) || '00'}Z`);
  }
  return new Date(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(8, 10)}:${text.slice(10, 12)}:${text.slice(12, 14)}Z`);
}

// ---- reading ----

/** One parsed TLV; offsets are into `source`, so callers can cut exact bytes. */
export interface Der {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the content. */
  end: number;
  source: Buffer;
  /** The contents octets. */
  body: Buffer;
  /** The whole TLV. */
  bytes: Buffer;
  constructed: boolean;
}

export class DerError extends Error {}

export function readDer(source: Buffer, offset = 0, limit = source.length): Der {
  if (offset + 2 > limit) throw new DerError(`truncated DER at offset ${offset}`);
  const tag = source[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-byte tag at offset ${offset}`);
  let pos = offset + 1;
  const first = source[pos++]!;
  let length: number;
  if (first < 0x80) length = first;
  else if (first === 0x80) throw new DerError(`indefinite length at offset ${offset} (BER, not DER)`);
  else {
    const count = first & 0x7f;
    if (count > 4 || pos + count > limit) throw new DerError(`bad length at offset ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + source[pos++]!;
  }
  const end = pos + length;
  if (end > limit) throw new DerError(`DER element at offset ${offset} runs past its container (${end} > ${limit})`);
  return {
    tag,
    start: offset,
    contentStart: pos,
    end,
    source,
    body: source.subarray(pos, end),
    bytes: source.subarray(offset, end),
    constructed: (tag & 0x20) !== 0,
  };
}

/** The children of a constructed element. */
export function children(node: Der): Der[] {
  const out: Der[] = [];
  for (let pos = node.contentStart; pos < node.end;) {
    const child = readDer(node.source, pos, node.end);
    out.push(child);
    pos = child.end;
  }
  return out;
}

/** Reads a constructed element and checks its tag. */
export function expect(node: Der | undefined, tag: number, what: string): Der {
  if (!node) throw new DerError(`${what}: missing`);
  if (node.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)} at offset ${node.start}`);
  return node;
}

export const readOid = (node: Der | undefined, what: string): string => decodeOid(expect(node, 0x06, what).body);

export function readInteger(node: Der): bigint {
  let v = 0n;
  for (const b of node.body) v = (v << 8n) | BigInt(b);
  if (node.body.length > 0 && node.body[0]! & 0x80) v -= 1n << BigInt(node.body.length * 8);
  return v;
}

export const decodeBmp = (body: Buffer): string => Buffer.from(body).swap16().toString('utf16le');

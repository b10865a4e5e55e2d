// Page hashes (Inf2Cat /pageHashes, MakeCat PageHashes=true, signtool /ph;
// catalog-format §6.3): a table of (u32le file offset, hash of one page) records
// covering the headers page and every page of raw section data, each page
// zero-padded to the page size (SectionAlignment), ending with a zero-hash
// record at the end of the last section. The table is carried in
// SpcPeImageData.file as a moniker (SpcSerializedObject).
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ctx, octets, oid, seq, set } from './der.js';
import { OID, type HashAlgorithm } from './oids.js';
import { PE_PROBE_BYTES, peLayout } from './pe.js';

/** The SpcSerializedObject class id that marks a page-hash table. */
const PAGE_HASH_CLASS_ID = Buffer.from('A6B586D5B4A12466AE05A217DA8E60D6', 'hex');

export class PageHashError extends Error {}

interface PagePlan {
  pageSize: number;
  headerSize: number;
  headerRanges: Array<[number, number]>;
  sections: Array<{ offset: number; size: number }>;
}

function plan(head: Buffer, fileSize: number): PagePlan {
  const layout = peLayout(head, fileSize);
  if (!layout) throw new PageHashError('not a PE image');
  const opt = layout.optionalHeader;
  const pe = opt - 24;
  const pageSize = head.readUInt32LE(opt + 32); // SectionAlignment
  const headerSize = head.readUInt32LE(opt + 60); // SizeOfHeaders
  if (pageSize === 0 || pageSize > 4 * 1024 * 1024 || headerSize > pageSize || headerSize < layout.securityDirOffset + 8) {
    throw new PageHashError(`page hashes need SizeOfHeaders (0x${headerSize.toString(16)}) within one page (SectionAlignment 0x${pageSize.toString(16)})`);
  }
  const count = head.readUInt16LE(pe + 6);
  const table = opt + head.readUInt16LE(pe + 20);
  if (table + count * 40 > head.length) throw new PageHashError('the section table lies outside the headers');
  const end = layout.certTableSize > 0 ? layout.certTableOffset : fileSize;
  const sections: PagePlan['sections'] = [];
  for (let i = 0; i < count; i++) {
    const size = head.readUInt32LE(table + i * 40 + 16);
    const offset = head.readUInt32LE(table + i * 40 + 20);
    if (size === 0) continue;
    if (offset + size > end) throw new PageHashError(`section ${i + 1} runs past the end of the image`);
    sections.push({ offset, size });
  }
  return {
    pageSize,
    headerSize,
    headerRanges: [
      [0, layout.checksumOffset],
      [layout.checksumOffset + 4, layout.securityDirOffset],
      [layout.securityDirOffset + 8, headerSize],
    ],
    sections,
  };
}

type ReadAt = (offset: number, length: number) => Buffer;

function table(readAt: ReadAt, head: Buffer, fileSize: number, alg: HashAlgorithm): Buffer {
  const p = plan(head, fileSize);
  const records: Buffer[] = [];
  const record = (offset: number, digest: Buffer) => {
    const r = Buffer.alloc(4);
    r.writeUInt32LE(offset >>> 0);
    records.push(r, digest);
  };
  const h = createHash(alg);
  for (const [a, b] of p.headerRanges) h.update(head.subarray(a, b));
  h.update(Buffer.alloc(p.pageSize - p.headerSize));
  record(0, h.digest());
  let last = 0;
  for (const s of p.sections) {
    for (let at = 0; at < s.size; at += p.pageSize) {
      const len = Math.min(p.pageSize, s.size - at);
      const page = readAt(s.offset + at, len);
      const ph = createHash(alg).update(page);
      if (len < p.pageSize) ph.update(Buffer.alloc(p.pageSize - len));
      record(s.offset + at, ph.digest());
    }
    last = s.offset + s.size;
  }
  record(last, Buffer.alloc(alg === 'sha1' ? 20 : 32));
  return Buffer.concat(records);
}

/** The page-hash table of a PE image in memory. */
export function pageHashTableOf(image: Buffer, alg: HashAlgorithm): Buffer {
  return table((o, l) => image.subarray(o, o + l), image, image.length, alg);
}

/** The page-hash table of a PE file, read page by page (positioned reads, one page buffer). */
export function pageHashTableOfFile(path: string, alg: HashAlgorithm): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, Math.max(PE_PROBE_BYTES, 64 * 1024)));
    readSync(fd, head, 0, head.length, 0);
    const buf = Buffer.alloc(4 * 1024 * 1024);
    return table((offset, length) => buf.subarray(0, readSync(fd, buf, 0, length, offset)), head, size, alg);
  } finally {
    closeSync(fd);
  }
}

/** SpcLink moniker [1] { classId, serializedData = SET { SEQUENCE { pageHashes OID, SET { OCTET STRING table } } } }. */
export function pageHashLink(tableBytes: Buffer, alg: HashAlgorithm): Buffer {
  const serialized = set(seq(oid(alg === 'sha1' ? OID.pageHashesV1 : OID.pageHashesV2), set(octets(tableBytes))));
  return ctx(1, octets(PAGE_HASH_CLASS_ID), octets(serialized));
}

// signtool sign on a PE file without holding it in memory: one pass reads the
// image in chunks, feeding the Authenticode hash and the PE checksum at once;
// the file is copied (by the kernel) to a temporary beside it, cut to the
// unsigned image, the signature appended and the header fields patched in
// place, and the temporary renamed over the original. Files over 2 GiB (which
// Node cannot read into one buffer) work; memory stays flat. Same bytes as
// signPe (test/catalog/pe-sign-file.test.ts).
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { editUserFile } from '../fs/host-write.js';
import { bitString, ctx, oid, seq } from './der.js';
import { digestInfo, OBSOLETE_LINK } from './ctl.js';
import { OID } from './oids.js';
import { buildSignedData, type SigningIdentity } from './pkcs7.js';
import { PE_PROBE_BYTES, peLayout } from './pe.js';
import { PeFormatError, type PeSignOptions } from './pe-sign.js';

const CHUNK = 4 * 2 ** 20;
const WIN_CERT_REVISION_2_0 = 0x0200;
const WIN_CERT_TYPE_PKCS_SIGNED_DATA = 0x0002;

/** Ones'-complement sum of 16-bit little-endian words (the checksum's running part); `bytes` has an even length. */
function wordSum(bytes: Buffer, sum: number): number {
  if ((bytes.byteOffset & 1) === 0) {
    const words = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
    let acc = 0;
    for (let i = 0; i < words.length; i++) {
      acc += words[i]!;
      if (acc >= 0x40000000) acc = (acc & 0xffff) + (acc >>> 16); // fold before it leaves the small-integer range
    }
    sum += acc;
  } else {
    for (let i = 0; i < bytes.length; i += 2) sum += bytes.readUInt16LE(i);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** Signs the PE at `path` in place (atomically). False when it is not a PE image. */
export async function signPeFile(path: string, identity: SigningIdentity, options: PeSignOptions): Promise<boolean> {
  if (options.pageHashes) throw new PeFormatError('page hashes (/ph) are not available for streamed signing');
  const input = await open(path, 'r');
  let layout;
  let imageEnd: number;
  let padded: number;
  const hash = createHash(options.digest);
  let sum = 0;
  try {
    const size = (await input.stat()).size;
    const head = Buffer.alloc(Math.min(PE_PROBE_BYTES, size));
    await input.read(head, 0, head.length, 0);
    layout = peLayout(head, size);
    if (!layout) return false;
    imageEnd = layout.certTableSize > 0 ? layout.certTableOffset : size;
    padded = imageEnd + ((8 - (imageEnd % 8)) % 8);
    // Excluded from the hash: the checksum (4 bytes) and the security directory (8); both are zero in the checksum's sum.
    const skip: [number, number][] = [
      [layout.checksumOffset, layout.checksumOffset + 4],
      [layout.securityDirOffset, layout.securityDirOffset + 8],
    ];
    const buffer = Buffer.alloc(CHUNK);
    for (let pos = 0; pos < padded;) {
      const want = Math.min(CHUNK, padded - pos);
      const fromFile = Math.max(0, Math.min(want, imageEnd - pos));
      let got = 0;
      while (got < fromFile) {
        const { bytesRead } = await input.read(buffer, got, fromFile - got, pos + got);
        if (bytesRead === 0) throw new PeFormatError(`${basename(path)} became shorter while it was being signed`);
        got += bytesRead;
      }
      buffer.fill(0, fromFile, want); // the zero padding to 8 bytes
      const chunk = buffer.subarray(0, want);
      for (const [a, b] of skip) if (a < pos + want && b > pos) chunk.fill(0, Math.max(a, pos) - pos, Math.min(b, pos + want) - pos);
      // Hash the chunk minus the skipped fields.
      let from = 0;
      for (const [a, b] of skip) {
        if (b <= pos || a >= pos + want) continue;
        if (a - pos > from) hash.update(chunk.subarray(from, a - pos));
        from = Math.max(from, Math.min(b, pos + want) - pos);
      }
      if (from < want) hash.update(chunk.subarray(from));
      sum = wordSum(chunk, sum);
      pos += want;
    }
  } finally {
    await input.close();
  }
  const digest = hash.digest();
  const indirect = seq(seq(oid(OID.spcPeImageData), seq(bitString(Buffer.alloc(0)), ctx(0, OBSOLETE_LINK))), digestInfo(options.digest, digest));
  const pkcs7 = buildSignedData(seq(oid(OID.spcIndirectData), ctx(0, indirect)), identity, options);
  const padding = pkcs7.length % 8 ? 8 - (pkcs7.length % 8) : 0;
  const certificate = Buffer.concat([Buffer.alloc(8), pkcs7, Buffer.alloc(padding)]);
  certificate.writeUInt32LE(certificate.length, 0);
  certificate.writeUInt16LE(WIN_CERT_REVISION_2_0, 4);
  certificate.writeUInt16LE(WIN_CERT_TYPE_PKCS_SIGNED_DATA, 6);
  const securityDir = Buffer.alloc(8);
  securityDir.writeUInt32LE(padded, 0);
  securityDir.writeUInt32LE(certificate.length, 4);
  // Checksum of the signed file: the image's sum (fields zeroed) plus the new directory entry and the certificate.
  sum = wordSum(certificate, wordSum(securityDir, sum));
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32LE((sum + padded + certificate.length) >>> 0, 0);

  // A copy beside the file is patched and renamed over it (the file-system layer: a link the user named
  // is followed to its file, a hard link is never written through).
  await editUserFile(path, async (out) => {
    await out.truncate(padded);
    await out.write(securityDir, 0, 8, layout.securityDirOffset);
    await out.write(checksum, 0, 4, layout.checksumOffset);
    await out.write(certificate, 0, certificate.length, padded);
  });
  return true;
}

/** Whether the file starts like a PE image (reads only its first bytes). */
export async function isPeFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(Math.min(PE_PROBE_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    return peLayout(head, size) !== undefined;
  } finally {
    await handle.close();
  }
}

// signtool sign on a PE file without holding it in memory. One pass copies the
// image to a temporary beside it and, from the same bytes, computes the
// Authenticode hash and the PE checksum; then the signature is appended and
// the header fields patched in place on the temporary, which is synced and
// renamed over the original. What is hashed is what was written: a file that
// changes meanwhile cannot end up with a signature over other bytes. Reads,
// hashing and writes overlap (three buffers: one being read, one hashed, one
// written), and the temporary is flushed in the background as it is written,
// so the pass costs about what hashing alone costs and the final fsync has
// little left. Files over 2 GiB (which Node cannot read into one buffer) work;
// memory stays flat. Same bytes as signPe (test/catalog/pe-sign-file.test.ts).
import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { writeUserFileWith } from '../fs/host-write.js';
import { bitString, ctx, oid, seq } from './der.js';
import { digestInfo, OBSOLETE_LINK } from './ctl.js';
import { OID } from './oids.js';
import { buildSignedData, type SigningIdentity } from './pkcs7.js';
import { PE_PROBE_BYTES, peLayout, type PeLayout } from './pe.js';
import { PeFormatError, type PeSignOptions } from './pe-sign.js';
import { addWords } from './pe-word-sum.js';

/** Bytes per read; three buffers of this size are the whole memory cost. */
const CHUNK = 4 * 2 ** 20;
/** Bytes written between background flushes of the temporary. */
const FLUSH_EVERY = 64 * 2 ** 20;
const WIN_CERT_REVISION_2_0 = 0x0200;
const WIN_CERT_TYPE_PKCS_SIGNED_DATA = 0x0002;

/** Signs the PE at `path` in place (atomically). False when it is not a PE image. */
export async function signPeFile(path: string, identity: SigningIdentity, options: PeSignOptions): Promise<boolean> {
  if (options.pageHashes) throw new PeFormatError('page hashes (/ph) are not available for streamed signing');
  const input = await open(path, 'r');
  try {
    const stats = await input.stat();
    const head = Buffer.alloc(Math.min(PE_PROBE_BYTES, stats.size));
    await readFully(input, head, head.length, 0, path);
    const layout = peLayout(head, stats.size);
    if (!layout) return false;
    // The temporary beside the file (the original's permissions), synced and renamed over it, is the
    // file-system layer's: a link the user named is followed to its file, a hard link never written through.
    await writeUserFileWith(path, stats.mode & 0o7777, async (output) => {
      const image = await copyAndDigest(input, output, layout, stats.size, options.digest, path);
      const { certificate, securityDir, checksum } = signatureFor(image, layout, identity, options);
      await writeFully(output, certificate, image.padded);
      await writeFully(output, securityDir, layout.securityDirOffset);
      await writeFully(output, checksum, layout.checksumOffset);
    });
    return true;
  } finally {
    await input.close();
  }
}

interface ImageDigest {
  /** The unsigned image's length rounded up to 8: where the certificate goes. */
  padded: number;
  digest: Buffer;
  /** Ones'-complement word sum of the image with CheckSum and security directory zeroed. */
  sum: number;
}

/**
 * Copies the unsigned image (an old signature cut off, zero-padded to 8 bytes,
 * CheckSum and security directory zeroed) from `input` to `output`, hashing
 * and summing each chunk between its read and its write.
 */
async function copyAndDigest(input: FileHandle, output: FileHandle, layout: PeLayout, size: number, algorithm: PeSignOptions['digest'], path: string): Promise<ImageDigest> {
  const imageEnd = layout.certTableSize > 0 ? layout.certTableOffset : size;
  const padded = imageEnd + ((8 - (imageEnd % 8)) % 8);
  // Excluded from the hash: the checksum (4 bytes) and the security directory (8); both count as zero in the sum.
  const skip: [number, number][] = [
    [layout.checksumOffset, layout.checksumOffset + 4],
    [layout.securityDirOffset, layout.securityDirOffset + 8],
  ];
  const hash = createHash(algorithm);
  const chunk = Math.min(CHUNK, Math.max(padded, 8));
  const buffers = [Buffer.allocUnsafe(chunk), Buffer.allocUnsafe(chunk), Buffer.allocUnsafe(chunk)];
  let sum = 0;
  const readAt = (pos: number, buffer: Buffer) => {
    const want = Math.min(chunk, padded - pos);
    const fromFile = Math.max(0, Math.min(want, imageEnd - pos));
    return readFully(input, buffer, fromFile, pos, path).then(() => buffer.fill(0, fromFile, want).subarray(0, want));
  };
  let reading = handled(readAt(0, buffers[0]!));
  let writing: Promise<void> = Promise.resolve();
  // The temporary goes to disk while the pass runs (a background datasync every
  // FLUSH_EVERY bytes), so the final fsync has little left and the disk works
  // while the next chunks are hashed.
  let flushing: Promise<void> | undefined;
  let flushError: Error | undefined;
  let flushed = 0;
  try {
    for (let pos = 0, k = 0; pos < padded; k++) {
      const data = await reading;
      const next = pos + data.length;
      // The next read goes into the buffer whose write was awaited in the previous round.
      if (next < padded) reading = handled(readAt(next, buffers[(k + 1) % 3]!));
      for (const [a, b] of skip) if (a < next && b > pos) data.fill(0, Math.max(a, pos) - pos, Math.min(b, next) - pos);
      hashExcept(hash, data, pos, skip);
      sum = addWords(data, sum);
      await writing;
      writing = handled(writeFully(output, data, pos));
      pos = next;
      if (!flushing && pos - flushed >= FLUSH_EVERY) {
        flushed = pos;
        flushing = writing
          .then(() => output.datasync())
          .then(
            () => void (flushing = undefined),
            (error: unknown) => void ((flushError ??= error instanceof Error ? error : new Error(String(error))), (flushing = undefined)),
          );
      }
    }
    await writing;
    await flushing;
    if (flushError) throw flushError;
  } catch (error) {
    // Settle what is still in flight before the handles are closed.
    await Promise.allSettled([reading, writing, flushing]);
    throw error;
  }
  return { padded, digest: hash.digest(), sum };
}

/** Feeds `data` (at file offset `pos`) to the hash, minus the skipped ranges. */
function hashExcept(hash: Hash, data: Buffer, pos: number, skip: [number, number][]): void {
  const end = pos + data.length;
  let from = 0;
  for (const [a, b] of skip) {
    if (b <= pos || a >= end) continue;
    if (a - pos > from) hash.update(data.subarray(from, a - pos));
    from = Math.max(from, Math.min(b, end) - pos);
  }
  if (from < data.length) hash.update(from === 0 ? data : data.subarray(from));
}

/** The WIN_CERTIFICATE to append, and the header fields that point at it. */
function signatureFor(image: ImageDigest, layout: PeLayout, identity: SigningIdentity, options: PeSignOptions) {
  const indirect = seq(seq(oid(OID.spcPeImageData), seq(bitString(Buffer.alloc(0)), ctx(0, OBSOLETE_LINK))), digestInfo(options.digest, image.digest));
  const pkcs7 = buildSignedData(seq(oid(OID.spcIndirectData), ctx(0, indirect)), identity, options);
  const padding = pkcs7.length % 8 ? 8 - (pkcs7.length % 8) : 0;
  const certificate = Buffer.concat([Buffer.alloc(8), pkcs7, Buffer.alloc(padding)]);
  certificate.writeUInt32LE(certificate.length, 0);
  certificate.writeUInt16LE(WIN_CERT_REVISION_2_0, 4);
  certificate.writeUInt16LE(WIN_CERT_TYPE_PKCS_SIGNED_DATA, 6);
  const securityDir = Buffer.alloc(8);
  securityDir.writeUInt32LE(image.padded, 0);
  securityDir.writeUInt32LE(certificate.length, 4);
  // Checksum of the signed file: the image's sum (fields zeroed) plus the new directory entry and the certificate, plus the length.
  const sum = addWords(certificate, addWords(securityDir, image.sum));
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32LE((sum + image.padded + certificate.length) >>> 0, 0);
  return { certificate, securityDir, checksum };
}

/**
 * The same promise, marked as handled: a read or write still in flight when
 * another step fails is settled (and its error dropped) by the catch above,
 * not reported as an unhandled rejection that would end the process.
 */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

async function readFully(handle: FileHandle, buffer: Buffer, length: number, position: number, path: string): Promise<void> {
  for (let got = 0; got < length;) {
    const { bytesRead } = await handle.read(buffer, got, length - got, position + got);
    if (bytesRead === 0) throw new PeFormatError(`${basename(path)} became shorter while it was being signed`);
    got += bytesRead;
  }
}

async function writeFully(handle: FileHandle, data: Buffer, position: number): Promise<void> {
  for (let done = 0; done < data.length;) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
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

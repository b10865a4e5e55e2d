// Streamed file hashing: one read, constant memory (a single reused buffer),
// SHA-1 and SHA-256 together when both are needed (v2 catalogs carry SHA-1
// shadow entries). PE images get the Authenticode image hash, everything else
// a flat hash of all bytes (catalog-format §3.3, §6).
import * as crypto from 'node:crypto';
import { createHash, type Hash } from 'node:crypto';
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { authenticodeRanges, PE_PROBE_BYTES, peLayout } from './pe.js';
import type { HashAlgorithm } from './oids.js';

export interface FileDigests {
  isPe: boolean;
  size: number;
  sha1?: Buffer;
  sha256?: Buffer;
}

export interface HashOptions {
  algorithms: readonly HashAlgorithm[];
  /** Called with the number of bytes read since the previous call. */
  onBytes?: (bytes: number) => void;
  /** Force a flat hash even for PE images. */
  flat?: boolean;
}

const CHUNK = 1 << 20;

/** crypto.hash (Node 20.12+): a digest of bytes in memory in one call. */
const oneShot = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer }).hash;

function finish(hashes: Map<HashAlgorithm, Hash>, isPe: boolean, size: number): FileDigests {
  const out: FileDigests = { isPe, size };
  for (const [alg, h] of hashes) out[alg] = h.digest();
  return out;
}

function planFor(head: Buffer, size: number, flat: boolean) {
  const layout = flat ? undefined : peLayout(head, size);
  if (!layout) return { isPe: false, ranges: [[0, size]] as Array<[number, number]>, padding: 0 };
  return { isPe: true, ...authenticodeRanges(layout, size) };
}

/** Feeds the part of chunk [pos, pos+len) that falls inside the ranges. */
function feed(hashes: Hash[], chunk: Buffer, pos: number, ranges: Array<[number, number]>): void {
  const chunkEnd = pos + chunk.length;
  for (const [start, end] of ranges) {
    const a = Math.max(start, pos);
    const b = Math.min(end, chunkEnd);
    if (a < b) {
      const part = chunk.subarray(a - pos, b - pos);
      for (const h of hashes) h.update(part);
    }
  }
}

/** Hashes a file on disk. */
export async function hashFile(path: string, options: HashOptions): Promise<FileDigests> {
  return hashSmallFile(path, options) ?? (await hashLargeFile(path, options));
}

/**
 * The digests of a file that fits in one chunk, read with one synchronous
 * call; undefined for a larger file (hash it with hashFile). For a package of
 * 10,000 small files the thread-pool round trips of open/stat/read/close, a
 * buffer and a stat object per file cost more than the hashing.
 */
export function hashSmallFile(path: string, options: HashOptions): FileDigests | undefined {
  const bytes = readSmall(path);
  if (!bytes) return undefined;
  const digests = hashBytes(bytes, options);
  options.onBytes?.(bytes.length);
  return digests;
}

async function hashLargeFile(path: string, options: HashOptions): Promise<FileDigests> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    // Sized to the file: a package of 10,000 small files must not allocate 10,000 MiB.
    const buffer = Buffer.allocUnsafe(Math.max(Math.min(CHUNK, size), PE_PROBE_BYTES));
    const hashes = new Map(options.algorithms.map((a) => [a, createHash(a)] as const));
    const list = [...hashes.values()];
    let pos = 0;
    let plan: ReturnType<typeof planFor> | undefined;
    while (pos < size) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - pos), pos);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      // The first chunk holds at least PE_PROBE_BYTES (or the whole file).
      plan ??= planFor(chunk, size, options.flat ?? false);
      feed(list, chunk, pos, plan.ranges);
      pos += bytesRead;
      options.onBytes?.(bytesRead);
    }
    plan ??= planFor(Buffer.alloc(0), size, true);
    if (plan.padding) for (const h of list) h.update(Buffer.alloc(plan.padding));
    return finish(hashes, plan.isPe, size);
  } finally {
    await handle.close();
  }
}

/** One reused buffer for small files: their bytes are hashed before the next file is read. */
let scratch: Buffer | undefined;

/**
 * The bytes of a file shorter than one chunk (a view of the shared scratch
 * buffer, valid until the next call), or undefined for a file that fills the
 * chunk. No stat: reading until end of file tells the size. A directory fails
 * the read (EISDIR) as it would in the streaming path.
 */
function readSmall(path: string): Buffer | undefined {
  scratch ??= Buffer.allocUnsafe(CHUNK);
  // Non-blocking open, so a FIFO never hangs here.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    let pos = 0;
    while (pos < scratch.length) {
      const n = readSync(fd, scratch, pos, scratch.length - pos, pos);
      if (n === 0) return scratch.subarray(0, pos);
      pos += n;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The same hash over bytes already in memory. */
export function hashBytes(bytes: Buffer, options: Omit<HashOptions, 'onBytes'>): FileDigests {
  const plain = options.flat || !peLayout(bytes, bytes.length);
  if (plain && oneShot) {
    // Most package files are not PE images: one native call per digest, no Hash objects.
    const out: FileDigests = { isPe: false, size: bytes.length };
    for (const alg of options.algorithms) out[alg] = oneShot(alg, bytes, 'buffer');
    return out;
  }
  const hashes = new Map(options.algorithms.map((a) => [a, createHash(a)] as const));
  const plan = planFor(bytes, bytes.length, options.flat ?? false);
  feed([...hashes.values()], bytes, 0, plan.ranges);
  if (plan.padding) for (const h of hashes.values()) h.update(Buffer.alloc(plan.padding));
  return finish(hashes, plan.isPe, bytes.length);
}

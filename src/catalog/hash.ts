// Streamed file hashing: one read, constant memory (a single reused buffer),
// SHA-1 and SHA-256 together when both are needed (v2 catalogs carry SHA-1
// shadow entries). PE images get the Authenticode image hash, everything else
// a flat hash of all bytes (catalog-format §3.3, §6).
import { createHash, type Hash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
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
  // A small file is read in one synchronous call: for a package of 10,000
  // small files the four thread-pool round trips of open/stat/read/close per
  // file cost more than the hashing.
  const small = smallFile(path);
  if (small) {
    options.onBytes?.(small.length);
    return hashBytes(small, options);
  }
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

/** The bytes of a file no larger than one chunk, or undefined for a larger one. */
function smallFile(path: string): Buffer | undefined {
  // Non-blocking open, so a FIFO never hangs here (it is left to the streaming path's checks).
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > CHUNK) return undefined;
    const size = stats.size;
    const bytes = Buffer.allocUnsafe(size);
    let pos = 0;
    while (pos < size) {
      const n = readSync(fd, bytes, pos, size - pos, pos);
      if (n === 0) break;
      pos += n;
    }
    return bytes.subarray(0, pos);
  } finally {
    closeSync(fd);
  }
}

/** The same hash over bytes already in memory. */
export function hashBytes(bytes: Buffer, options: Omit<HashOptions, 'onBytes'>): FileDigests {
  const hashes = new Map(options.algorithms.map((a) => [a, createHash(a)] as const));
  const plan = planFor(bytes, bytes.length, options.flat ?? false);
  feed([...hashes.values()], bytes, 0, plan.ranges);
  if (plan.padding) for (const h of hashes.values()) h.update(Buffer.alloc(plan.padding));
  return finish(hashes, plan.isPe, bytes.length);
}

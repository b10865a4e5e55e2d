// Hashing a package's small flat files on the second core while the first
// runs Inf2Cat's checks: the digests depend only on the file list, not on the
// checks' outcome. A worker thread reads each file (one synchronous read, as
// hashSmallFile does) and writes its size and digests into shared memory.
// Whatever it cannot vouch for (a file of 1 MiB or more, one starting with
// "MZ" that may be a PE image, one it could not read) is left to the main
// thread's hasher, which also produces any error message: the result is the
// same catalog, byte for byte, whichever side hashed a file.
import { Worker } from 'node:worker_threads';
import type { FileDigests } from './hash.js';

/** Below this many files the worker's start-up costs more than it saves. */
export const PREHASH_MIN_FILES = 2000;

/** Files at or above this size are left to the streaming hasher (hash.ts's CHUNK). */
const LIMIT = 1 << 20;
const SHA1 = 20;
const SHA256 = 32;
const RECORD = SHA1 + SHA256;

// CommonJS, run with `eval`: no separate file for the build to ship.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync, constants } = require('node:fs');
const crypto = require('node:crypto');
const { paths, limit, sha256, shared } = workerData;
const n = paths.length;
const status = new Uint8Array(shared, 0, n);
const sizes = new Float64Array(shared, Math.ceil(n / 8) * 8, n);
const digests = new Uint8Array(shared, Math.ceil(n / 8) * 8 + n * 8, n * ${RECORD});
const scratch = Buffer.allocUnsafe(limit);
const digest = crypto.hash ? (a, b) => crypto.hash(a, b, 'buffer') : (a, b) => crypto.createHash(a).update(b).digest();
for (let i = 0; i < n; i++) {
  let fd;
  try {
    fd = openSync(paths[i], constants.O_RDONLY | (constants.O_NONBLOCK || 0));
  } catch {
    continue;
  }
  let pos = 0;
  let eof = false;
  try {
    while (pos < limit) {
      const got = readSync(fd, scratch, pos, limit - pos, pos);
      if (got === 0) {
        eof = true;
        break;
      }
      pos += got;
    }
  } catch {
    eof = false;
  } finally {
    closeSync(fd);
  }
  if (!eof || (pos >= 2 && scratch[0] === 0x4d && scratch[1] === 0x5a)) continue;
  const bytes = scratch.subarray(0, pos);
  sizes[i] = pos;
  digests.set(digest('sha1', bytes), i * ${RECORD});
  if (sha256) digests.set(digest('sha256', bytes), i * ${RECORD} + ${SHA1});
  status[i] = 1;
}
parentPort.postMessage('done');
`;

export interface Prehash {
  /** The digests the worker computed, by path; empty when it failed. Waits for it to finish. */
  digests(): Promise<ReadonlyMap<string, FileDigests>>;
  /** Stops the worker (the catalogs will not be written). */
  stop(): void;
}

/** Starts hashing the flat small files among `paths` (SHA-1, and SHA-256 when asked) on a worker thread. */
export function startPrehash(paths: readonly string[], options: { sha256: boolean }): Prehash {
  const n = paths.length;
  const sizesAt = Math.ceil(n / 8) * 8;
  const shared = new SharedArrayBuffer(sizesAt + n * 8 + n * RECORD);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { paths, limit: LIMIT, sha256: options.sha256, shared } });
  // Never keeps the process alive on its own: a command that stops early just exits.
  worker.unref();
  const finished = new Promise<boolean>((resolve) => {
    worker.once('message', () => resolve(true));
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
  return {
    async digests() {
      const out = new Map<string, FileDigests>();
      worker.ref(); // awaited now: the process must wait for it
      if (!(await finished)) return out;
      const status = new Uint8Array(shared, 0, n);
      const sizes = new Float64Array(shared, sizesAt, n);
      const records = Buffer.from(shared, sizesAt + n * 8, n * RECORD);
      for (let i = 0; i < n; i++) {
        if (status[i] !== 1) continue;
        const at = i * RECORD;
        out.set(paths[i]!, {
          isPe: false,
          size: sizes[i]!,
          sha1: Buffer.from(records.subarray(at, at + SHA1)),
          ...(options.sha256 ? { sha256: Buffer.from(records.subarray(at + SHA1, at + RECORD)) } : {}),
        });
      }
      return out;
    },
    stop() {
      void worker.terminate();
    },
  };
}

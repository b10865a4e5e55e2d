// A generated driver package of a given total size for the hashing and
// catalog suites: a few large PE images (.sys), many small PE DLLs, small
// INF-like text files, and large flat files (firmware blobs) filling the rest.
// Written under bench/.work/ (git-ignored); the caller deletes it.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MiB, ROOT } from './lib.mjs';

export const WORK = join(ROOT, 'bench', '.work');

/** Writes the package into bench/.work/<name>; returns { dir, files: [{ name, path, size, pe }] }. */
export function makePackage(lib, name, totalBytes) {
  const dir = join(WORK, `${name}-${process.pid}`); // per process: concurrent runs must not collide
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = [];
  let left = totalBytes;
  const add = (fileName, bytes, pe) => {
    const path = join(dir, fileName);
    writeFileSync(path, bytes);
    files.push({ name: fileName, path, size: bytes.length, pe });
    left -= bytes.length;
  };
  // Odd sizes on purpose: the Authenticode padding rule applies to sizes not divisible by 8.
  const bigPe = Math.max(1024, Math.floor(totalBytes / 16)) + 5;
  for (let i = 0; i < 4; i++) add(`driver${i}.sys`, lib.makeMinimalPe({ size: bigPe, subsystem: 'native' }), true);
  for (let i = 0; i < 32; i++) add(`helper${i}.dll`, lib.makeMinimalPe({ size: 64 * 1024 + i, subsystem: 'windows', dll: true }), true);
  for (let i = 0; i < 32; i++) add(`part${i}.inf`, Buffer.from(`[Version]\r\nSignature="$Windows NT$"\r\n; ${'x'.repeat(2000 + i)}\r\n`), false);
  // Two flat blobs fill the rest, written in 4 MiB blocks of random bytes.
  const block = randomBytes(4 * MiB);
  for (let i = 0; i < 2; i++) {
    const size = i === 0 ? Math.floor(left / 2) : left;
    const path = join(dir, `firmware${i}.bin`);
    const fd = openSync(path, 'w');
    try {
      for (let done = 0; done < size;) {
        const n = Math.min(block.length, size - done);
        writeSync(fd, block, 0, n);
        done += n;
      }
    } finally {
      closeSync(fd);
    }
    files.push({ name: `firmware${i}.bin`, path, size, pe: false });
    left -= size;
  }
  return { dir, files, totalBytes: files.reduce((n, f) => n + f.size, 0) };
}

export const sizeLabel = (bytes) => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(bytes % 2 ** 30 ? 2 : 0)} GiB` : `${(bytes / MiB).toFixed(0)} MiB`);

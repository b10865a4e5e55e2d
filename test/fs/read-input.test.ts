// readRegularFileSync: the synchronous fast path of infverif DIR. It must give the bytes of a
// regular file and undefined for anything else without ever blocking: a FIFO put where a
// listed file was (after the directory walk) would otherwise hang the thread in open().
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRegularFileSync } from '../../src/fs/read-input.js';

const dir = mkdtempSync(join(tmpdir(), 'wdksim-read-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readRegularFileSync', () => {
  it('reads a regular file whole', () => {
    writeFileSync(join(dir, 'a.inf'), '[Version]\r\n');
    expect(readRegularFileSync(join(dir, 'a.inf'))?.toString('latin1')).toBe('[Version]\r\n');
  });

  it('gives undefined for a folder and a missing file', () => {
    mkdirSync(join(dir, 'sub.inf'));
    expect(readRegularFileSync(join(dir, 'sub.inf'))).toBeUndefined();
    expect(readRegularFileSync(join(dir, 'missing.inf'))).toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')('gives undefined for a FIFO nobody writes, without waiting for a writer', () => {
    const fifo = join(dir, 'fifo.inf');
    execFileSync('mkfifo', [fifo]);
    // A blocking open would never return here (the test would time out).
    expect(readRegularFileSync(fifo)).toBeUndefined();
  });
});

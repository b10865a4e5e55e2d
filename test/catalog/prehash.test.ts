// Hashing on the worker thread (prehash.ts) against hashing on the main
// thread: the same catalog, byte for byte, for a mix of small flat files, PE
// images and files starting with "MZ" (left to the main thread), a file of
// 1 MiB or more (left to the streaming hasher) and a member the worker could
// not read (hashed, and its error reported, by the main thread).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCatalog } from '../../src/catalog/create.js';
import { makeMinimalPe } from '../../src/catalog/pe-builder.js';
import { startPrehash } from '../../src/catalog/prehash.js';
import { tempBase } from '../faults/world.js';

let dir = '';
beforeAll(() => {
  dir = tempBase('wdksim-prehash-');
  mkdirSync(join(dir, 'files'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function members(count: number) {
  const out: { name: string; path: string }[] = [];
  const add = (name: string, bytes: Buffer) => {
    const path = join(dir, 'files', name);
    writeFileSync(path, bytes);
    out.push({ name: name.toUpperCase(), path });
  };
  for (let i = 0; i < count; i++) add(`f${i}.dat`, Buffer.alloc(100 + i * 7, `${i};`));
  add('driver.sys', makeMinimalPe({ size: 5003 }));
  add('dos.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 1)]));
  add('big.bin', Buffer.alloc((1 << 20) + 3, 9));
  add('empty.txt', Buffer.alloc(0));
  return out;
}

const options = (list: { name: string; path: string }[], version: 1 | 2) => ({
  members: list,
  osAttr: '2:10.0',
  catalogAttributes: [{ name: 'OS', value: '_v100_X64' }],
  version,
  now: new Date('2026-06-01T00:00:00Z'),
});

describe('startPrehash', () => {
  it.each([2, 1] as const)('v%i: the catalog made from the worker digests equals the one hashed on the main thread', async (version) => {
    const list = members(50);
    const prehash = startPrehash(
      list.map((m) => m.path),
      { sha256: version === 2 },
    );
    const known = await prehash.digests();
    // The worker vouches for the small flat files only.
    expect(known.size).toBe(51); // 50 .dat files and the empty one
    expect(known.has(list.find((m) => m.name === 'DRIVER.SYS')!.path)).toBe(false);
    expect(known.has(list.find((m) => m.name === 'DOS.EXE')!.path)).toBe(false);
    expect(known.has(list.find((m) => m.name === 'BIG.BIN')!.path)).toBe(false);
    const withWorker = await createCatalog({ ...options(list, version), known });
    const mainOnly = await createCatalog(options(list, version));
    expect(withWorker.equals(mainOnly)).toBe(true);
  });

  it('a member the worker cannot read (a folder) is left to the main thread, which reports it', async () => {
    const list = members(3);
    const folder = join(dir, 'files', 'folder.sys');
    mkdirSync(folder, { recursive: true });
    list.push({ name: 'FOLDER.SYS', path: folder });
    const known = await startPrehash(
      list.map((m) => m.path),
      { sha256: true },
    ).digests();
    expect(known.has(folder)).toBe(false);
    expect(known.size).toBe(4);
    await expect(createCatalog({ ...options(list, 2), known })).rejects.toThrow(/folder\.sys/);
  });

  it('stop() ends the worker; its digests are then empty, never partial', async () => {
    const list = members(20);
    const prehash = startPrehash(
      list.map((m) => m.path),
      { sha256: true },
    );
    prehash.stop();
    const known = await prehash.digests();
    expect(known.size === 0 || known.size === 21).toBe(true);
  });
});

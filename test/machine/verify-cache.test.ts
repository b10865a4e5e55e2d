// `target verify`'s cache (.wdksim/verify.cache): kept per record bucket, so an
// unchanged target is checked with one stat per vouched file and nothing parsed
// but the cache; every promise of the one-file cache still holds: a content edit
// that changes the size or the modification time is found, --full hashes every
// file, a bucket rewritten by an install keeps the matches of its other records,
// and the cache of earlier versions is taken over.
import { describe, expect, it } from 'vitest';
import { readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployPackage, installDriverOnDevices } from '../../src/machine/index.js';
import { verifyTarget } from '../../src/machine/verify.js';
import { makePackage, newTarget } from './helpers.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/packages/KmdfHelloWorld');

async function helloPackage(dir: string, name: string, hwid: string): Promise<string> {
  const inf = (await readFile(join(FIXTURE, 'KmdfHelloWorld.inf'), 'utf8')).replace(/\r\n/g, '\n').replace(/Root\\KmdfHelloWorld/g, hwid);
  const sys = await readFile(join(FIXTURE, 'KmdfHelloWorld.sys'));
  await makePackage(dir, `${name}.inf`, inf.replace(/KmdfHelloWorld\.cat/g, `${name}.cat`), { 'KmdfHelloWorld.sys': sys });
  return join(dir, `${name}.inf`);
}

/** Every file under dir, recursively. */
async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Files written within 2 s of a run are not cached (their mtime could tick again): files of the last minutes are made an hour old. */
async function age(root: string): Promise<void> {
  const then = new Date(Date.now() - 3600_000);
  for (const f of await walk(root)) if ((await stat(f)).mtimeMs > Date.now() - 600_000) await utimes(f, then, then);
}

async function install(t: Awaited<ReturnType<typeof newTarget>>, pkg: string, hardwareId: string): Promise<void> {
  const deployed = await t.target.transaction('deploy', (tx) => deployPackage(tx, pkg));
  await t.target.transaction('devcon install', (tx) => installDriverOnDevices(tx, { infPath: deployed.infs[0]!, hardwareId, createRootDevice: true, force: true }));
}

async function installed(n: number) {
  const t = await newTarget();
  for (let i = 0; i < n; i++) {
    await helloPackage(join(t.base, `pkg${i}`), `hello${i}`, `Root\\Hello${i}`);
    await install(t, `pkg${i}`, `Root\\Hello${i}`);
  }
  return t;
}

describe('target verify with its per-bucket cache', () => {
  it('hashes nothing when nothing changed, finds an edit that changes the size or the modification time, and --full hashes all', async () => {
    const { root, target } = await installed(3);
    await age(root);
    const first = await verifyTarget(target);
    expect(first.problems).toEqual([]);
    expect(first.hashedFiles).toBe(first.checkedFiles);
    const second = await verifyTarget(target);
    expect(second.problems).toEqual([]);
    expect(second.checkedFiles).toBe(first.checkedFiles);
    expect(second.hashedFiles).toBe(0);
    const cache = await readFile(join(root, '.wdksim/verify.cache'), 'utf8');
    expect(cache.split('\n')[0]).toMatch(/^wdksim-verify-cache 2 [0-9a-f]{64}$/);

    // Same size, new modification time: hashed and found.
    const sys = (await walk(join(root, 'Windows/System32/DriverStore/FileRepository'))).find((f) => f.endsWith('KmdfHelloWorld.sys'))!;
    const bytes = await readFile(sys);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    await writeFile(sys, bytes);
    const edited = await verifyTarget(target);
    expect(edited.hashedFiles).toBe(1);
    expect(edited.problems).toEqual([expect.stringMatching(/KmdfHelloWorld\.sys: content changed \(driver store entry of oem\d+\.inf; SHA-256/)]);

    // Same size and the old modification time put back: not seen without --full (the documented limit), seen with it.
    const before = await stat(join(root, 'Windows/INF/oem1.inf'));
    const inf = await readFile(join(root, 'Windows/INF/oem1.inf'));
    inf[0] = inf[0]! ^ 0x20;
    await writeFile(join(root, 'Windows/INF/oem1.inf'), inf);
    await utimes(join(root, 'Windows/INF/oem1.inf'), before.atime, before.mtime);
    expect((await verifyTarget(target)).problems.some((p) => p.includes('oem1.inf'))).toBe(false);
    const full = await verifyTarget(target, { full: true });
    expect(full.hashedFiles).toBe(full.checkedFiles);
    expect(full.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Windows\/INF\/oem1\.inf: content changed/), expect.stringMatching(/KmdfHelloWorld\.sys: content changed/)]),
    );
  }, 60_000);

  it('finds a vouched file removed, replaced by a link, or its folder replaced, with the cache warm', async () => {
    const { root, target } = await installed(2);
    await age(root);
    await verifyTarget(target);
    expect((await verifyTarget(target)).hashedFiles).toBe(0);
    const { rm, symlink, rename, mkdir } = await import('node:fs/promises');
    await rm(join(root, 'Windows/INF/oem0.inf'));
    const store = join(root, 'Windows/System32/DriverStore/FileRepository');
    const [a, b] = (await readdir(store)).sort();
    await rename(join(store, b!), join(root, 'moved-away'));
    await symlink(join(root, 'moved-away'), join(store, b!));
    await rm(join(store, a!, 'KmdfHelloWorld.sys'));
    await mkdir(join(store, a!, 'KmdfHelloWorld.sys'));
    const result = await verifyTarget(target);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        'Windows/INF/oem0.inf: missing (recorded by the target state)',
        expect.stringMatching(
          new RegExp(`^Windows/System32/DriverStore/FileRepository/${a!.replace(/\./g, '\\.')}/KmdfHelloWorld\\.sys: is a folder, not the file the state vouches for`),
        ),
        expect.stringMatching(new RegExp(`^Windows/System32/DriverStore/FileRepository/${b!.replace(/\./g, '\\.')}/.*is a symbolic link, not a folder; refused`)),
      ]),
    );
  }, 60_000);

  it('after an install, re-hashes only the new files (the rewritten buckets keep their other matches)', async () => {
    const t = await installed(2);
    await age(t.root);
    await verifyTarget(t.target);
    await helloPackage(join(t.base, 'pkg-new'), 'hellonew', 'Root\\HelloNew');
    const t0 = Date.now() - 1000;
    await install(t, 'pkg-new', 'Root\\HelloNew');
    const written = [];
    for (const f of await walk(t.root)) if (!f.includes('.wdksim') && (await stat(f)).mtimeMs >= t0) written.push(f);
    await age(t.root);
    const after = await verifyTarget(t.target);
    expect(after.problems).toEqual([]);
    // Only files the install wrote (the new package's, and the deployed files it replaced) are hashed again.
    expect(after.hashedFiles).toBeGreaterThan(0);
    expect(after.hashedFiles).toBeLessThanOrEqual(written.length);
    expect(after.hashedFiles).toBeLessThan(after.checkedFiles / 2);
    expect((await verifyTarget(t.target)).hashedFiles).toBe(0);
  }, 60_000);

  it('takes over the one-file cache of earlier versions, and ignores a damaged cache', async () => {
    const { root, target } = await installed(1);
    await age(root);
    await verifyTarget(target);
    // Rebuild the earlier format from what is on disk: path -> [size, mtime, sha256].
    const state = await target.read();
    const legacy: Record<string, [number, number, string]> = {};
    const add = async (rel: string, sha: string) => {
      const s = await stat(join(root, rel));
      legacy[rel] = [s.size, s.mtimeMs, sha];
    };
    for (const p of state.packages) if (!p.inbox) for (const f of p.files) await add(`Windows/System32/DriverStore/FileRepository/${p.storeFolder}/${f.path}`, f.sha256);
    for (const f of state.files) await add(f.path, f.sha256);
    await writeFile(join(root, '.wdksim/verify.cache'), JSON.stringify(legacy));
    const taken = await verifyTarget(target);
    expect(taken.problems).toEqual([]);
    expect(taken.hashedFiles).toBe(0);
    // A damaged cache (its digest does not match): everything hashed again, nothing wrong reported.
    const text = await readFile(join(root, '.wdksim/verify.cache'), 'utf8');
    await writeFile(join(root, '.wdksim/verify.cache'), text.replace(/"oem0\.inf"/, '"oem9.inf"'));
    const damaged = await verifyTarget(target);
    expect(damaged.problems).toEqual([]);
    expect(damaged.hashedFiles).toBe(damaged.checkedFiles);
  }, 60_000);
});

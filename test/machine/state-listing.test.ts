// The listing files beside the package and device buckets (src/machine/state-listing.ts):
// written with every bucket, used only while they name their bucket's current
// digest, and never able to make a listing say what the records do not.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { runCli } from '../../src/cli.js';
import { memoryContext } from '../../src/io.js';
import { LazyState } from '../../src/machine/lazy-state.js';
import { listingOf, LISTING_DIR } from '../../src/machine/state-listing.js';
import { RECORDS_DIR } from '../../src/machine/state-records.js';
import { readState } from '../../src/machine/state-store.js';
import { installHelloWorldCopies, join, newTarget, NOW } from './helpers.js';

type Target = Awaited<ReturnType<typeof newTarget>>;

async function cli(t: Target, ...argv: string[]): Promise<{ code: number; out: string }> {
  const ctx = memoryContext({ cwd: t.base, now: NOW, env: { TZ: 'UTC', WDKSIM_TARGET: t.root, NO_COLOR: '1' } });
  const code = await runCli(argv, ctx.io);
  return { code, out: ctx.out.join('') };
}

const names = (root: string, dir: string): string[] => readdirSync(join(root, dir)).sort();
const sortedJson = (xs: unknown[]): string[] => xs.map((x) => JSON.stringify(x)).sort();

/** The device bucket file holding ROOT\SAMPLE\<n> and the record's text in it. */
function bucketHolding(root: string, instanceId: string): string {
  const dir = join(root, RECORDS_DIR, 'devices');
  const name = readdirSync(dir).find((n) => readFileSync(join(dir, n), 'utf8').includes(JSON.stringify(instanceId)));
  if (!name) throw new Error(`no bucket holds ${instanceId}`);
  return name;
}

describe('listing files', () => {
  it('exist for every package and device bucket, and list what the records say', async () => {
    const t = await newTarget();
    await installHelloWorldCopies(t, 'l', 3);
    for (const c of ['packages', 'devices'] as const) expect(names(t.root, `${LISTING_DIR}/${c}`)).toEqual(names(t.root, `${RECORDS_DIR}/${c}`));
    const state = (await readState(t.root)) as unknown as LazyState;
    const whole = await readState(t.root);
    expect(sortedJson(state.scanListings('devices', (d) => d))).toEqual(sortedJson(whole.devices.map((d) => listingOf('devices', d))));
    const fresh = (await readState(t.root)) as unknown as LazyState;
    expect(sortedJson(fresh.scanListings('packages', (p) => p))).toEqual(sortedJson(whole.packages.map((p) => listingOf('packages', p))));
    // A device with a driver says so; the listing keeps what devcon prints.
    const listed = fresh.scanListings('devices', (d) => d).find((d) => d.instanceId === 'ROOT\\SAMPLE\\0001');
    expect(listed).toMatchObject({ instanceId: 'ROOT\\SAMPLE\\0001', present: true, disabled: false, problem: 0, driver: true });
  }, 60_000);

  it('follow removals: a bucket emptied takes its listing with it', async () => {
    const t = await newTarget();
    await installHelloWorldCopies(t, 'g', 2);
    const before = names(t.root, `${LISTING_DIR}/devices`);
    expect((await cli(t, 'devcon', 'remove', '@ROOT\\SAMPLE\\0000')).code).toBe(0);
    expect((await cli(t, 'pnputil', '/delete-driver', 'oem0.inf', '/uninstall', '/force')).code).toBe(0);
    for (const c of ['packages', 'devices'] as const) expect(names(t.root, `${LISTING_DIR}/${c}`)).toEqual(names(t.root, `${RECORDS_DIR}/${c}`));
    expect(names(t.root, `${LISTING_DIR}/devices`).length).toBeLessThanOrEqual(before.length);
    expect((await cli(t, 'devcon', 'status', '*')).out).not.toContain('ROOT\\SAMPLE\\0000');
  }, 60_000);

  it('are not used when stale, damaged or missing: the listing says what the records say', async () => {
    const t = await newTarget();
    await installHelloWorldCopies(t, 's', 2);
    const status = async () => (await cli(t, 'devcon', 'status', '*')).out;
    const enumDrivers = async () => (await cli(t, 'pnputil', '/enum-drivers')).out;
    const first = await status();
    expect(first).toContain('ROOT\\SAMPLE\\0001\n    Name: KmdfHelloWorld Device');
    const bucket = bucketHolding(t.root, 'ROOT\\SAMPLE\\0001');
    const bucketFile = join(t.root, RECORDS_DIR, 'devices', bucket);
    const listingFile = join(t.root, LISTING_DIR, 'devices', bucket);
    const rewrite = (edit: (body: string) => string, digest: 'new' | 'kept') => {
      const [line, body] = readFileSync(bucketFile, 'utf8').split('\n') as [string, string];
      const next = edit(body);
      const sum = digest === 'new' ? createHash('sha256').update(next).digest('hex') : line;
      writeFileSync(bucketFile, `${sum}\n${next}\n`);
    };
    // A hand edit that kept the digest line (the listing names it) but not the size: the bucket is read (and validated).
    rewrite((b) => b.replace('"description":"KmdfHelloWorld Device"', '"description":"Edited by hand"'), 'kept');
    expect(await status()).toContain('ROOT\\SAMPLE\\0001\n    Name: Edited by hand');
    // An earlier wdksim (no listings) rewrote the bucket: a new digest the listing does not name.
    rewrite((b) => b.replace('"description":"Edited by hand"', '"description":"Renamed by another writer"'), 'new');
    expect(await status()).toContain('ROOT\\SAMPLE\\0001\n    Name: Renamed by another writer');
    // A garbled or missing listing file: the bucket is read.
    writeFileSync(listingFile, 'not a listing\n');
    expect(await status()).toContain('Name: Renamed by another writer');
    rmSync(listingFile);
    expect(await status()).toContain('Name: Renamed by another writer');
    // The next change to the bucket writes its listing again, current.
    expect((await cli(t, 'devcon', 'disable', '@ROOT\\SAMPLE\\0001')).code).toBe(0);
    expect(readFileSync(listingFile, 'utf8')).toContain('Renamed by another writer');
    expect(await status()).toContain('ROOT\\SAMPLE\\0001\n    Name: Renamed by another writer\n    Device is disabled.');
    // Packages: the same rule (the listing names its bucket's digest).
    const pkgs = await enumDrivers();
    const pkgDir = join(t.root, RECORDS_DIR, 'packages');
    const pkgBucket = readdirSync(pkgDir).find((n) => readFileSync(join(pkgDir, n), 'utf8').includes('"oem1.inf"'))!;
    const [, body] = readFileSync(join(pkgDir, pkgBucket), 'utf8').split('\n') as [string, string];
    const next = body.replace(/"provider":"[^"]*"/, '"provider":"Another Provider"');
    writeFileSync(join(pkgDir, pkgBucket), `${createHash('sha256').update(next).digest('hex')}\n${next}\n`);
    const after = await enumDrivers();
    expect(after).not.toBe(pkgs);
    expect(after).toContain('Provider Name:      Another Provider');
  }, 60_000);
});

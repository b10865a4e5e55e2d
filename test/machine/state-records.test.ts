// The machine state over per-record files (docs/target.md, "State on disk"):
// one more install on a target that already holds hundreds of packages and
// devices rewrites about as many record files as on a fresh target (a constant
// number, not the collections), the state read back whole is the state written
// (same records in the same order), and a listing read leaves the record files alone.
import { describe, expect, it } from 'vitest';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { certificateRecord, importCertificate } from '../../src/machine/certs.js';
import { installDriverOnDevices } from '../../src/machine/engine.js';
import { removeDevice } from '../../src/machine/devices.js';
import { changeEnabled, changeRestart, registerDriverlessDevice } from '../../src/pnp/apply.js';
import { selectDevices } from '../../src/pnp/select.js';
import { viewOf } from '../../src/pnp/machine.js';
import { writeEnumKey } from '../../src/machine/enum-key.js';
import { Registry } from '../../src/machine/registry.js';
import { writeFirstState } from '../../src/machine/state-store.js';
import { bucketOf, bucketPath, RECORDS_DIR } from '../../src/machine/state-records.js';
import { setLimits } from '../../src/limits.js';
import { helloInf, inProcess, remove, tempBase } from '../faults/world.js';
import { stateOnDisk } from '../helpers/state-on-disk.js';
import { makePackage, newTarget, rm, testCertificate } from './helpers.js';

/** Every record file under .wdksim/state, the listings under listing/ too (path → text). */
function recordFiles(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const dir = join(root, RECORDS_DIR);
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name), 'utf8'));
  }
  return out;
}

/** A target holding `n` synthetic packages, each with a device bound to it and a service key (like the bench's generator). */
async function filledTarget(n: number) {
  const t = await newTarget({ env: { WDKSIM_VALIDATE_STATE: '0' } });
  await t.target.transaction('trust', async (tx) => importCertificate(tx, certificateRecord(testCertificate().certDer, 'test.cer')));
  const state = await t.target.read();
  const previous = setLimits({ registryKeys: Number.MAX_SAFE_INTEGER });
  try {
    const reg = new Registry(state.registry);
    for (let i = 0; i < n; i++) {
      const id = `gen${i}`;
      state.packages.push({
        publishedName: `oem${i}.inf`,
        originalName: `${id}.inf`,
        storeFolder: `${id}.inf_amd64_${String(i).padStart(16, '0')}`,
        provider: 'test',
        className: 'Sample',
        classGuid: '{78A1C341-4539-11d3-B88D-00C04FAD5171}',
        driverDate: '11/20/2026',
        driverVersion: '1.0.0.0',
        arch: 'amd64',
        files: [{ path: `${id}.inf`, sha256: '0'.repeat(64) }],
      });
      state.files.push({ path: `Windows/INF/oem${i}.inf`, sha256: '1'.repeat(64) });
      const device = {
        instanceId: `ROOT\\SAMPLE\\${String(i + 1000).padStart(4, '0')}`,
        hardwareIds: [`Root\\Gen${i}`],
        compatibleIds: [],
        classGuid: '{78A1C341-4539-11d3-B88D-00C04FAD5171}',
        className: 'Sample',
        description: id,
        present: true,
        rootEnumerated: true,
        disabled: false,
        problem: 0,
        service: id,
      };
      state.devices.push(device);
      writeEnumKey(reg, device);
      reg.setValue(`HKLM\\SYSTEM\\CurrentControlSet\\Services\\${id}`, 'Start', { type: 'REG_DWORD', data: 3 });
    }
  } finally {
    setLimits(previous);
  }
  await writeFirstState(t.root, state);
  return { ...t, written: JSON.stringify(state) };
}

async function installOne(t: Awaited<ReturnType<typeof filledTarget>>): Promise<number> {
  const inf = await makePackage(join(t.base, 'pkg'), 'hello1.inf', helloInf(1), { 'hello1.sys': 'MZ driver 1' });
  const before = recordFiles(t.root);
  const result = await t.target.transaction('devcon install', (tx) => installDriverOnDevices(tx, { infPath: inf, hardwareId: 'Root\\Hello1', createRootDevice: true }));
  expect(result.devices).toHaveLength(1);
  const after = recordFiles(t.root);
  let changed = 0;
  for (const [rel, text] of after) if (before.get(rel) !== text) changed++;
  for (const rel of before.keys()) if (!after.has(rel)) changed++;
  return changed;
}

/** Runs `check` on a target of `n` generated packages and devices, removed afterwards. */
async function withFilledTarget(n: number, check: (t: Awaited<ReturnType<typeof filledTarget>>) => Promise<void>): Promise<void> {
  const t = await filledTarget(n);
  try {
    await check(t);
  } finally {
    await rm(t.base, { recursive: true, force: true });
  }
}

describe('the state over per-record files', () => {
  it('one more install rewrites a constant number of record files, not the collections', async () => {
    const fresh = await filledTarget(0);
    const big = await filledTarget(400);
    try {
      const onFresh = await installOne(fresh);
      const onBig = await installOne(big);
      const files = recordFiles(big.root).size;
      expect(files).toBeGreaterThan(600); // the 400 packages, devices, keys and files spread over many buckets
      expect(onFresh).toBeGreaterThan(5);
      // Each record file has its committed copy under .wdksim/state-backup, not counted here.
      expect(onBig).toBeLessThanOrEqual(onFresh + 6);
      expect(onBig).toBeLessThan(files / 10);
    } finally {
      await rm(fresh.base, { recursive: true, force: true });
      await rm(big.base, { recursive: true, force: true });
    }
  }, 120_000);

  it(
    'a devcon install that finds no driver registers its device reading a constant number of device records',
    () =>
      withFilledTarget(400, async (t) => {
        const parsed = await t.target.transaction('devcon install', async (tx) => {
          const id = registerDriverlessDevice(tx, { name: 'Sample', guid: '{78A1C341-4539-11d3-B88D-00C04FAD5171}' }, 'Root\\NoDriver');
          expect(id).toMatch(/^ROOT\\SAMPLE\\\d{4}$/);
          return tx.records!.bucketsParsed.get('devices') ?? 0;
        });
        expect(readdirSync(join(t.root, RECORDS_DIR, 'devices')).length).toBeGreaterThan(100); // 400 devices over many buckets
        expect(parsed).toBeLessThanOrEqual(2);
        expect((await t.target.readLive()).devices.filter((d) => d.hardwareIds.includes('Root\\NoDriver'))).toHaveLength(1);
      }),
    60_000,
  );

  it(
    'devcon disable, enable and restart of one device by its instance ID read a constant number of device records',
    () =>
      withFilledTarget(400, async (t) => {
        const id = 'ROOT\\SAMPLE\\1007';
        const parsed = await t.target.transaction('devcon disable', async (tx) => {
          const selection = selectDevices(viewOf(tx.state), [`@${id.toLowerCase()}`], { includePhantoms: false });
          expect(selection.kind === 'devices' && selection.devices.map((d) => d.instanceId)).toEqual([id]);
          expect(await changeEnabled(tx, id, false)).toBe('done');
          expect(await changeRestart(tx, id)).toBe('done');
          return tx.records!.bucketsParsed.get('devices') ?? 0;
        });
        expect(parsed).toBeLessThanOrEqual(2);
        expect((await t.target.readLive()).devices.find((d) => d.instanceId === id)?.disabled).toBe(true);
        await t.target.transaction('devcon enable', async (tx) => expect(await changeEnabled(tx, id, true)).toBe('done'));
        expect((await t.target.readLive()).devices.find((d) => d.instanceId === id)?.disabled).toBe(false);
      }),
    60_000,
  );

  it(
    'reads back whole the state it was given, records in their order, and a listing writes nothing',
    () =>
      withFilledTarget(50, async (t) => {
        expect(JSON.stringify(stateOnDisk(t.root))).toBe(t.written);
        const before = recordFiles(t.root);
        const live = await t.target.readLive();
        expect(live.packages.filter((p) => p.publishedName.startsWith('oem'))).toHaveLength(50);
        expect(recordFiles(t.root)).toEqual(before);
      }),
    60_000,
  );
});

describe('a damaged record file', () => {
  it('is read from its committed copy; with the copy damaged too, commands name --repair, which rebuilds the state', async () => {
    const dir = tempBase('wdksim-records-');
    try {
      const root = join(dir, 'target');
      cpSync(join(import.meta.dirname, '..', '..', 'fixtures', 'target', 'v1-one-document', 'target'), root, { recursive: true });
      expect((await inProcess(dir, ['target', 'verify'])).code).toBe(0); // migrated to records
      const bucket = join(root, bucketPath('packages', bucketOf('packages', 'oem0.inf')));
      const copy = join(root, bucketPath('packages', bucketOf('packages', 'oem0.inf'), true));
      const committed = readFileSync(bucket, 'utf8');
      writeFileSync(bucket, committed.slice(0, 100)); // truncated
      const listed = await inProcess(dir, ['pnputil', '/enum-drivers']);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toContain('oem0.inf');
      expect(listed.stderr).toMatch(/record file .*packages.* was not valid JSON .*restored the last committed state of it/);
      const verify = await inProcess(dir, ['target', 'verify']);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
      expect(readFileSync(bucket, 'utf8')).toBe(committed); // written back under the lock
      writeFileSync(bucket, 'garbage');
      writeFileSync(copy, 'garbage');
      const refused = await inProcess(dir, ['pnputil', '/enum-drivers']);
      expect(refused.code).not.toBe(0);
      expect(refused.stdout + refused.stderr).toMatch(/wdksim target verify --repair/);
      const repair = await inProcess(dir, ['target', 'verify', '--repair']);
      expect(repair.code, repair.stdout + repair.stderr).toBe(0);
      expect(repair.stdout).toMatch(/rebuilt/i);
      expect(stateOnDisk(root).packages.find((p) => p.originalName === 'real0001.inf')?.publishedName).toBe('oem0.inf');
      expect((await inProcess(dir, ['target', 'verify'])).code).toBe(0);
    } finally {
      remove(dir);
    }
  }, 60_000);
});

describe('registry keys deleted without loading the whole registry', () => {
  for (const validate of ['0', '1']) {
    it(`a removed device's keys are gone from the record files (WDKSIM_VALIDATE_STATE=${validate})`, async () => {
      const t = await newTarget({ env: { WDKSIM_VALIDATE_STATE: validate } });
      try {
        await t.target.transaction('trust', async (tx) => importCertificate(tx, certificateRecord(testCertificate().certDer, 'test.cer')));
        const inf = await makePackage(join(t.base, 'pkg'), 'hello1.inf', helloInf(1), { 'hello1.sys': 'MZ driver 1' });
        const r = await t.target.transaction('install', (tx) => installDriverOnDevices(tx, { infPath: inf, hardwareId: 'Root\\Hello1', createRootDevice: true }));
        const id = r.devices[0]!.instanceId;
        const enumKey = `HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Enum\\${id}`;
        expect(Object.keys(stateOnDisk(t.root).registry)).toContain(enumKey);
        await t.target.transaction('remove', (tx) => removeDevice(tx, id));
        const after = stateOnDisk(t.root);
        expect(Object.keys(after.registry).filter((k) => k.toLowerCase().startsWith(enumKey.toLowerCase()))).toEqual([]);
        expect(after.devices.some((d) => d.instanceId === id)).toBe(false);
        // Read back whole through the library as well (the records and the lazy state agree).
        expect(Object.keys((await t.target.read()).registry)).not.toContain(enumKey);
      } finally {
        await rm(t.base, { recursive: true, force: true });
      }
    }, 60_000);
  }
});

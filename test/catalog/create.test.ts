// createCatalog: structure accepted by openssl, content read back by readCatalog,
// flat digests equal to node:crypto's SHA-1/SHA-256 of the file, reproducible bytes.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalog, makeMinimalPe, readCatalog, type CreateCatalogOptions } from '../../src/catalog/index.js';
import { InputError } from '../../src/errors.js';
import { hasOracle, NOW, run, skipNote, tempDir } from './helpers.js';

const fileHash = (alg: 'sha1' | 'sha256', path: string) => createHash(alg).update(readFileSync(path)).digest('hex');

function makePackage(dir: string) {
  writeFileSync(join(dir, 'Toaster.inf'), '[Version]\r\nSignature="$Windows NT$"\r\nCatalogFile=toaster.cat\r\n');
  writeFileSync(join(dir, 'toaster.sys'), makeMinimalPe({ size: 1029, subsystem: 'native' }));
  writeFileSync(join(dir, 'ToastCo.dll'), makeMinimalPe({ size: 20480, subsystem: 'windows', dll: true }));
  return ['Toaster.inf', 'toaster.sys', 'ToastCo.dll'].map((name) => ({ name, path: join(dir, name) }));
}

const base = (members: CreateCatalogOptions['members'], version: 1 | 2): CreateCatalogOptions => ({
  members,
  osAttr: '2:6.1,2:10.0',
  catalogAttributes: [
    { name: 'OS', value: '7X64,_v100_X64' },
    { name: 'HWID2', value: 'root\\toaster2' },
    { name: 'HWID1', value: 'root\\toaster' },
  ],
  version,
  now: NOW,
});

describe.each([1, 2] as const)('v%i catalog', (version) => {
  it.skipIf(!hasOracle('openssl'))(`parses with openssl asn1parse and openssl pkcs7 -print${skipNote('openssl')}`, async () => {
    const dir = tempDir();
    const cat = await createCatalog(base(makePackage(dir), version));
    const path = join(dir, 'toaster.cat');
    writeFileSync(path, cat);
    const asn1 = run('openssl', ['asn1parse', '-inform', 'DER', '-in', path, '-i']);
    expect(asn1.code, asn1.stderr).toBe(0);
    expect(asn1.stdout).toContain('pkcs7-signedData');
    expect(asn1.stdout).toContain(':1.3.6.1.4.1.311.10.1');
    const p7 = run('openssl', ['pkcs7', '-inform', 'DER', '-in', path, '-print', '-noout']);
    expect(p7.code, p7.stderr).toBe(0);
    expect(p7.stdout).toContain('1.3.6.1.4.1.311.10.1');
  });

  it('reads back members, attributes and digests (flat digests = SHA-1/SHA-256 of the file)', async () => {
    const dir = tempDir();
    const members = makePackage(dir);
    const info = readCatalog(await createCatalog(base(members, version)));
    expect(info.version).toBe(version);
    expect(info.signed).toBe(false);
    expect(info.thisUpdate?.toISOString()).toBe(NOW.toISOString());
    expect(info.listIdentifier).toHaveLength(16);
    expect(info.attributes.map((a) => `${a.name}=${a.value}`)).toEqual(['OS=7X64,_v100_X64', 'HWID2=root\\toaster2', 'HWID1=root\\toaster']);
    const real = info.members.filter((m) => !m.shadow);
    expect(real.map((m) => m.fileName).sort()).toEqual(['toastco.dll', 'toaster.inf', 'toaster.sys']);
    const alg = version === 1 ? 'sha1' : 'sha256';
    for (const m of real) {
      expect(m.hashAlgorithm).toBe(alg);
      expect(m.attributes.find((a) => a.name === 'OSAttr')?.value).toBe('2:6.1,2:10.0');
      expect(m.isPe).toBe(m.fileName !== 'toaster.inf');
      expect(m.tag).toBe(m.digest!.toString('hex').toUpperCase());
      expect(m.pageHashes).toBe(false);
    }
    const inf = real.find((m) => m.fileName === 'toaster.inf')!;
    expect(inf.digest!.toString('hex')).toBe(fileHash(alg, join(dir, 'Toaster.inf')));
    if (version === 1) {
      expect(inf.sipGuid).toBe('{DE351A42-8E59-11D0-8C47-00C04FC295EE}');
      expect(real.find((m) => m.fileName === 'toaster.sys')!.sipGuid).toBe('{C689AAB8-8E78-11D0-8C47-00C04FC295EE}');
      expect(info.members).toHaveLength(3);
    } else {
      // One SHA-1 shadow entry per file (§3.4), tagged with the file's SHA-1.
      const shadows = info.members.filter((m) => m.shadow);
      expect(shadows).toHaveLength(3);
      expect(shadows.map((s) => s.tagBytes.length)).toEqual([20, 20, 20]);
      expect(shadows.some((s) => s.tag === fileHash('sha1', join(dir, 'Toaster.inf')).toUpperCase())).toBe(true);
    }
    // Members are sorted by tag bytes.
    const tags = info.members.map((m) => m.tagBytes);
    expect([...tags].sort(Buffer.compare)).toEqual(tags);
  });

  it('is reproducible: same inputs and time give the same bytes; another time does not', async () => {
    const dir = tempDir();
    const members = makePackage(dir);
    const a = await createCatalog(base(members, version));
    const b = await createCatalog(base([...members].reverse(), version));
    expect(b.equals(a)).toBe(true);
    const c = await createCatalog({ ...base(members, version), now: new Date(NOW.getTime() + 1000) });
    expect(c.equals(a)).toBe(false);
    const id = Buffer.from('00112233445566778899AABBCCDDEEFF', 'hex');
    expect(readCatalog(await createCatalog({ ...base(members, version), listIdentifier: id })).listIdentifier.equals(id)).toBe(true);
  });
});

describe('createCatalog edge cases', () => {
  it('keeps one member for identical files (de-duplicated by tag, first name wins)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.bin'), 'same');
    writeFileSync(join(dir, 'b.bin'), 'same');
    const info = readCatalog(
      await createCatalog({
        ...base(
          [
            { name: 'A.bin', path: join(dir, 'a.bin') },
            { name: 'b.bin', path: join(dir, 'b.bin') },
          ],
          1,
        ),
      }),
    );
    expect(info.members.map((m) => m.fileName)).toEqual(['a.bin']);
  });

  it('reports progress up to the total byte count', async () => {
    const dir = tempDir();
    const members = makePackage(dir);
    const calls: Array<[number, number]> = [];
    await createCatalog({ ...base(members, 2), onProgress: (d, t) => calls.push([d, t]) });
    const [done, total] = calls.at(-1)!;
    expect(total).toBe(members.reduce((n, m) => n + statSync(m.path).size, 0));
    expect(done).toBe(total);
  });

  it('names a missing member file', async () => {
    const dir = tempDir();
    await expect(createCatalog(base([{ name: 'gone.sys', path: join(dir, 'gone.sys') }], 1))).rejects.toThrow(InputError);
    await expect(createCatalog(base([{ name: 'gone.sys', path: join(dir, 'gone.sys') }], 1))).rejects.toThrow(/gone\.sys/);
  });
});

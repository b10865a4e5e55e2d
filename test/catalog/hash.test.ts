// Hashing: flat digests against sha1sum/sha256sum, the Authenticode PE hash
// against an independent straight-line implementation (the §6.1 offsets), PE
// detection by content, chunk boundaries, and the zero-padding rule.
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashBytes, hashFile, makeMinimalPe, signPe, createTestCertificate, loadSigningIdentity } from '../../src/catalog/index.js';
import { hashSmallFile } from '../../src/catalog/hash.js';
import { NOW, run, tempDir } from './helpers.js';

/** §6.1 as written: checksum at pe+0x58, security dir at pe+0x98 (PE32) / pe+0xA8 (PE32+), pad unsigned to 8. */
function naiveAuthenticode(file: Buffer, alg: 'sha1' | 'sha256'): string {
  const pe = file.readUInt32LE(0x3c);
  const plus = file.readUInt16LE(pe + 24) === 0x20b;
  const sum = pe + 0x58;
  const dir = pe + (plus ? 0xa8 : 0x98);
  const certOff = file.readUInt32LE(dir);
  const certSize = file.readUInt32LE(dir + 4);
  const end = certSize ? certOff : file.length;
  const h = createHash(alg)
    .update(file.subarray(0, sum))
    .update(file.subarray(sum + 4, dir))
    .update(file.subarray(dir + 8, end));
  if (!certSize && file.length % 8) h.update(Buffer.alloc(8 - (file.length % 8)));
  return h.digest('hex');
}

describe('flat files', () => {
  it.each([0, 1, 4095, 1 << 20, (1 << 20) + 7, 3 * (1 << 20) + 123])('%i bytes: digests equal sha1sum and sha256sum', async (size) => {
    const dir = tempDir();
    const path = join(dir, 'data.bin');
    writeFileSync(path, randomBytes(size));
    const d = await hashFile(path, { algorithms: ['sha1', 'sha256'] });
    expect(d.isPe).toBe(false);
    expect(d.size).toBe(size);
    expect(d.sha1!.toString('hex')).toBe(run('sha1sum', [path]).stdout.split(' ')[0]);
    expect(d.sha256!.toString('hex')).toBe(run('sha256sum', [path]).stdout.split(' ')[0]);
  });

  it('an INF named .sys and an MZ file without PE headers are hashed flat', async () => {
    const dir = tempDir();
    const inf = join(dir, 'looks.sys');
    writeFileSync(inf, '[Version]\r\nSignature="$Windows NT$"\r\n');
    const mz = Buffer.alloc(512);
    mz.write('MZ');
    mz.writeUInt32LE(0x40, 0x3c);
    const mzPath = join(dir, 'dos.exe');
    writeFileSync(mzPath, mz);
    for (const p of [inf, mzPath]) {
      const d = await hashFile(p, { algorithms: ['sha256'] });
      expect(d.isPe).toBe(false);
      expect(d.sha256!.toString('hex')).toBe(run('sha256sum', [p]).stdout.split(' ')[0]);
    }
  });
});

describe('small files (one synchronous read into a shared buffer)', () => {
  it('files shorter than 1 MiB are hashed at once, one that fills it is left to the streaming hasher, and no bytes leak between files', () => {
    const dir = tempDir();
    const sizes = [0, 7, 4096, (1 << 20) - 1, 1 << 20, 5];
    const paths = sizes.map((size, i) => {
      const path = join(dir, `f${i}.bin`);
      writeFileSync(path, Buffer.alloc(size, 0x41 + i));
      return path;
    });
    paths.forEach((path, i) => {
      const d = hashSmallFile(path, { algorithms: ['sha1', 'sha256'] });
      if (sizes[i]! >= 1 << 20) return expect(d).toBeUndefined();
      expect(d?.size).toBe(sizes[i]);
      expect(d!.sha1!.toString('hex')).toBe(
        createHash('sha1')
          .update(Buffer.alloc(sizes[i]!, 0x41 + i))
          .digest('hex'),
      );
      expect(d!.sha256!.toString('hex')).toBe(run('sha256sum', [path]).stdout.split(' ')[0]);
    });
  });

  it('a small PE image gets the Authenticode hash; progress counts its bytes after hashing', () => {
    const dir = tempDir();
    const image = makeMinimalPe({ size: 5003 });
    const path = join(dir, 'small.sys');
    writeFileSync(path, image);
    let counted = 0;
    const d = hashSmallFile(path, { algorithms: ['sha256'], onBytes: (n) => (counted += n) })!;
    expect(d.isPe).toBe(true);
    expect(d.sha256!.toString('hex')).toBe(naiveAuthenticode(image, 'sha256'));
    expect(counted).toBe(5003);
    expect(hashSmallFile(path, { algorithms: ['sha256'], flat: true })!.sha256!.toString('hex')).toBe(createHash('sha256').update(image).digest('hex'));
  });

  it('a folder fails with EISDIR, as the streaming hasher does', () => {
    const dir = tempDir();
    expect(() => hashSmallFile(dir, { algorithms: ['sha256'] })).toThrow(expect.objectContaining({ code: 'EISDIR' }));
  });
});

describe('Authenticode PE image hash', () => {
  it.each([1024, 1029, 4096 + 3, 3 * (1 << 20) + 5])('a %i-byte PE32+ matches the §6.1 straight-line hash, streamed and in memory', async (size) => {
    const dir = tempDir();
    const image = makeMinimalPe({ size });
    const path = join(dir, 'renamed.txt'); // PE-ness comes from the content, not the name
    writeFileSync(path, image);
    const streamed = await hashFile(path, { algorithms: ['sha1', 'sha256'] });
    const memory = hashBytes(image, { algorithms: ['sha1', 'sha256'] });
    expect(streamed.isPe).toBe(true);
    for (const alg of ['sha1', 'sha256'] as const) {
      expect(streamed[alg]!.toString('hex')).toBe(naiveAuthenticode(image, alg));
      expect(memory[alg]!.equals(streamed[alg]!)).toBe(true);
    }
    // The image hash differs from the flat hash (checksum and directory entry are skipped).
    expect(streamed.sha256!.toString('hex')).not.toBe(createHash('sha256').update(image).digest('hex'));
  });

  it('pads an unsigned image that is not a multiple of 8 with zeros', () => {
    const image = makeMinimalPe({ size: 1029 });
    const padded = Buffer.concat([image, Buffer.alloc(3)]);
    expect(hashBytes(image, { algorithms: ['sha256'] }).sha256!.equals(hashBytes(padded, { algorithms: ['sha256'] }).sha256!)).toBe(true);
  });

  it('ignores the CheckSum field and is the same before and after embedded signing', () => {
    const image = makeMinimalPe({ size: 1029, subsystem: 'native' });
    const other = Buffer.from(image);
    other.writeUInt32LE(0xdeadbeef, 0x40 + 0x58);
    const a = hashBytes(image, { algorithms: ['sha256'] }).sha256!;
    expect(hashBytes(other, { algorithms: ['sha256'] }).sha256!.equals(a)).toBe(true);
    const cert = createTestCertificate({ subject: 'CN=Hash Test', days: 30, now: NOW, keyBits: 1024 });
    const signed = signPe(image, loadSigningIdentity(cert.pfx), { digest: 'sha256' });
    expect(signed.length).toBeGreaterThan(image.length);
    expect(hashBytes(signed, { algorithms: ['sha256'] }).sha256!.equals(a)).toBe(true);
    // Changing one byte of the code changes the hash.
    const tampered = Buffer.from(image);
    tampered[0x200] = 0x90;
    expect(hashBytes(tampered, { algorithms: ['sha256'] }).sha256!.equals(a)).toBe(false);
  });
});

// Streamed PE signing (signtool sign on a file) against the in-memory signer:
// the same bytes for unsigned, odd-sized and already-signed images; a large
// sparse image (64 MiB here, 4 GiB - 64 KiB under `npm run stress`) signs with
// flat memory and verifies with osslsigncode as the oracle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateKey } from 'node:crypto';
import { chmodSync, closeSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makeMinimalPe } from '../../src/catalog/pe-builder.js';
import { signPe } from '../../src/catalog/pe-sign.js';
import { signPeFile } from '../../src/catalog/pe-sign-file.js';
import { readPeSignature } from '../../src/catalog/pe-sign.js';
import { testCertificate } from '../machine/helpers.js';
import { hasOracle, run, skipNote } from './helpers.js';

const HAS_OSSLSIGNCODE = hasOracle('osslsigncode');
import { tempBase } from '../faults/world.js';
import { STRESS } from '../stress/budget.js';

let dir = '';
beforeAll(() => {
  dir = tempBase('wdksim-pesign-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const identity = () => {
  const cert = testCertificate();
  return { privateKey: createPrivateKey(cert.keyPem), certificate: cert.certDer, chain: [] };
};

describe('signPeFile', () => {
  it.each([
    ['sha256', 4096],
    ['sha1', 5003],
    ['sha256', 70_001],
  ] as const)('%s, %i bytes: the same bytes as signPe, and signing again replaces the signature', async (digest, size) => {
    const pe = makeMinimalPe({ size });
    const path = join(dir, `d${size}.sys`);
    writeFileSync(path, pe);
    expect(await signPeFile(path, identity(), { digest })).toBe(true);
    const streamed = readFileSync(path);
    expect(streamed.equals(signPe(pe, identity(), { digest }))).toBe(true);
    // Re-signing a signed image (its old signature cut off first).
    expect(await signPeFile(path, identity(), { digest })).toBe(true);
    const again = readFileSync(path);
    expect(again.equals(signPe(streamed, identity(), { digest }))).toBe(true);
    const sig = readPeSignature(again)!;
    expect(sig.recordedDigest.equals(sig.computedDigest)).toBe(true);
  });

  it('keeps the file mode and leaves no temporary behind', async () => {
    const path = join(dir, 'mode.sys');
    writeFileSync(path, makeMinimalPe({ size: 9000 }));
    chmodSync(path, 0o640);
    expect(await signPeFile(path, identity(), { digest: 'sha256' })).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((name) => name.includes('wdksim-sign'))).toEqual([]);
  });

  it('is not a PE: false, the file untouched', async () => {
    const path = join(dir, 'text.txt');
    writeFileSync(path, 'not a PE');
    expect(await signPeFile(path, identity(), { digest: 'sha256' })).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('not a PE');
  });

  const big = STRESS ? 4 * 2 ** 30 - 65536 : 64 * 2 ** 20;
  it(`a ${big} byte sparse image: signed with flat memory, osslsigncode verifies it${skipNote('osslsigncode')}`, async () => {
    const path = join(dir, 'big.sys');
    const pe = makeMinimalPe({ size: 4096 });
    const fd = openSync(path, 'w');
    writeSync(fd, pe);
    closeSync(fd);
    truncateSync(path, big);
    const before = process.memoryUsage().rss;
    expect(await signPeFile(path, identity(), { digest: 'sha256' })).toBe(true);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 2 ** 20);
    expect(statSync(path).size).toBeGreaterThan(big);
    if (!HAS_OSSLSIGNCODE) return;
    const cert = testCertificate();
    writeFileSync(join(dir, 'ca.pem'), `-----BEGIN CERTIFICATE-----\n${cert.certDer.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`);
    const v = run('osslsigncode', ['verify', '-in', path, '-CAfile', join(dir, 'ca.pem')]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toMatch(/Signature verification: ok/);
  }, 1_800_000);
});

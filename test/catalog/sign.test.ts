// Signing and verification against the real oracles: osslsigncode verifies our
// signed catalogs, PE members against them, and PE files with an embedded
// signature; pkijs cross-checks the catalog signature; our own verifier agrees.
import { webcrypto } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createCatalog,
  createTestCertificate,
  loadSigningIdentity,
  makeMinimalPe,
  readCatalog,
  readPeSignature,
  signCatalog,
  signPe,
  verifyCatalogSignature,
  verifyEmbedded,
  verifyFileAgainstCatalog,
  type SigningIdentity,
  type TestCertificate,
} from '../../src/catalog/index.js';
import { parseSignedData } from '../../src/catalog/pkcs7.js';
import { hasOracle, NOW, run, skipNote, tempDir } from './helpers.js';

let cert: TestCertificate;
let identity: SigningIdentity;
beforeAll(() => {
  cert = createTestCertificate({ subject: 'CN=WDKTestCert tester,134000000000000000', days: 365, now: NOW });
  identity = loadSigningIdentity(cert.pfx, '');
});

async function signedPackage(version: 1 | 2, digest: 'sha1' | 'sha256' = 'sha256') {
  const dir = tempDir();
  const sys = join(dir, 'driver.sys');
  const inf = join(dir, 'driver.inf');
  writeFileSync(sys, makeMinimalPe({ size: 1029, subsystem: 'native' }));
  writeFileSync(inf, '[Version]\r\nSignature="$Windows NT$"\r\n');
  const unsigned = await createCatalog({
    members: [
      { name: 'driver.sys', path: sys },
      { name: 'driver.inf', path: inf },
    ],
    osAttr: '2:10.0',
    catalogAttributes: [
      { name: 'OS', value: '_v100_X64' },
      { name: 'HWID1', value: 'root\\driver' },
    ],
    version,
    now: NOW,
  });
  const signed = signCatalog(unsigned, identity, { digest });
  const catPath = join(dir, 'driver.cat');
  writeFileSync(catPath, signed);
  const pem = join(dir, 'cert.pem');
  writeFileSync(pem, cert.certPem);
  return { dir, sys, inf, unsigned, signed, catPath, pem };
}

describe.skipIf(!hasOracle('osslsigncode'))(`osslsigncode oracle${skipNote('osslsigncode')}`, () => {
  it.each([1, 2] as const)('accepts a v%i catalog signed by our code', async (version) => {
    const p = await signedPackage(version);
    const r = run('osslsigncode', ['verify', '-in', p.catPath, '-CAfile', p.pem]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Succeeded');
  });

  it.each([1, 2] as const)('verifies a PE member against the v%i catalog, and fails after one byte changes', async (version) => {
    const p = await signedPackage(version);
    const ok = run('osslsigncode', ['verify', '-in', p.sys, '-catalog', p.catPath, '-CAfile', p.pem]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const digests = [...ok.stdout.matchAll(/(Current|Calculated) message digest\s*:\s*([0-9A-F]+)/g)].map((m) => m[2]);
    expect(digests).toHaveLength(2);
    expect(digests[0]).toBe(digests[1]);
    const bytes = readFileSync(p.sys);
    bytes[0x201] = bytes[0x201]! ^ 0xff;
    writeFileSync(p.sys, bytes);
    const bad = run('osslsigncode', ['verify', '-in', p.sys, '-catalog', p.catPath, '-CAfile', p.pem]);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/Failed|failed/);
  });

  it.each(['sha256', 'sha1'] as const)('accepts a PE signed with an embedded %s signature, with a valid checksum', async (digest) => {
    const dir = tempDir();
    const path = join(dir, 'signed.sys');
    writeFileSync(path, signPe(makeMinimalPe({ size: 5000 }), identity, { digest }));
    writeFileSync(join(dir, 'cert.pem'), cert.certPem);
    const r = run('osslsigncode', ['verify', '-in', path, '-CAfile', join(dir, 'cert.pem')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Succeeded');
    expect(r.stdout).not.toMatch(/invalid PE checksum/i);
    expect(r.stdout).toMatch(/PE checksum\s*:/);
  });

  it.each([1, 2] as const)('verifies page hashes of a PE member in a v%i catalog and in an embedded signature', async (version) => {
    const dir = tempDir();
    const sys = join(dir, 'paged.sys');
    writeFileSync(sys, makeMinimalPe({ size: 3 * 4096 + 1029 }));
    writeFileSync(join(dir, 'cert.pem'), cert.certPem);
    const cat = await createCatalog({ members: [{ name: 'Paged.sys', path: sys }], osAttr: '2:10.0', catalogAttributes: [], version, now: NOW, pageHashes: ['paged.sys'] });
    writeFileSync(join(dir, 'p.cat'), signCatalog(cat, identity, { digest: 'sha256' }));
    expect(
      readCatalog(cat)
        .members.filter((m) => !m.shadow)
        .map((m) => m.pageHashes),
    ).toEqual([true]);
    const r = run('osslsigncode', ['verify', '-in', sys, '-catalog', join(dir, 'p.cat'), '-CAfile', join(dir, 'cert.pem')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`Page hash algorithm  : ${version === 1 ? 'SHA1' : 'SHA256'}`);
    expect(r.stdout).not.toContain('MISMATCH');
    const signed = join(dir, 'signed.sys');
    writeFileSync(signed, signPe(readFileSync(sys), identity, { digest: version === 1 ? 'sha1' : 'sha256', pageHashes: true }));
    const e = run('osslsigncode', ['verify', '-in', signed, '-CAfile', join(dir, 'cert.pem')]);
    expect(e.code, e.stdout + e.stderr).toBe(0);
    expect(e.stdout).toContain('Page hash algorithm');
    expect(e.stdout).not.toContain('MISMATCH');
  });

  it('accepts a PE re-signed over an existing signature (the old one is replaced)', async () => {
    const dir = tempDir();
    const path = join(dir, 'twice.sys');
    const once = signPe(makeMinimalPe({ size: 2048 }), identity, { digest: 'sha1' });
    writeFileSync(path, signPe(once, identity, { digest: 'sha256' }));
    writeFileSync(join(dir, 'cert.pem'), cert.certPem);
    const r = run('osslsigncode', ['verify', '-in', path, '-CAfile', join(dir, 'cert.pem')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Number of verified signatures: 1');
  });
});

describe.skipIf(!hasOracle('openssl'))(`catalog signatures (OpenSSL only)${skipNote('openssl')}`, () => {
  it.each([1, 2] as const)('openssl smime -verify accepts a v%i catalog given the CTL contents octets (§11)', async (version) => {
    const p = await signedPackage(version);
    const content = join(p.dir, 'ctl-contents.bin');
    writeFileSync(content, parseSignedData(p.signed).content!.body);
    const args = ['smime', '-verify', '-inform', 'DER', '-in', p.catPath, '-content', content, '-binary', '-CAfile', p.pem, '-purpose', 'any', '-out', join(p.dir, 'verified.out')];
    const ok = run('openssl', args);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('Verification successful');
    const bytes = readFileSync(content);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0x01;
    writeFileSync(content, bytes);
    expect(run('openssl', args).code).not.toBe(0);
  });
});

describe('catalog signatures (own verifier, pkijs)', () => {
  it('keeps the CTL bytes and adds one signer with the certificate', async () => {
    const p = await signedPackage(1);
    expect(parseSignedData(p.signed).contentInfoDer.equals(parseSignedData(p.unsigned).contentInfoDer)).toBe(true);
    const info = readCatalog(p.signed);
    expect(info.signed).toBe(true);
    expect(info.signers).toHaveLength(1);
    expect(info.signers[0]!.certificate?.subject).toBe('CN=WDKTestCert tester,134000000000000000');
    expect(readCatalog(signCatalog(p.signed, identity, { digest: 'sha256' })).signers).toHaveLength(1);
  });

  it('is accepted by pkijs SignedData.verify (digest and signature; pkijs does not take an end-entity cert as anchor)', async () => {
    const p = await signedPackage(2);
    pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] }));
    const ci = pkijs.ContentInfo.fromBER(p.signed);
    const sd = new pkijs.SignedData({ schema: ci.content });
    const trusted = pkijs.Certificate.fromBER(cert.certDer);
    const ok = await sd.verify({ signer: 0, checkChain: false, trustedCerts: [trusted], checkDate: NOW });
    expect(ok).toBe(true);
    // And pkijs sees the tampering our verifier sees.
    const tampered = Buffer.from(p.signed);
    tampered[tampered.indexOf(Buffer.from('driver.inf', 'utf16le'))] = 0x44;
    const sd2 = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(tampered).content });
    await expect(sd2.verify({ signer: 0, checkChain: false, trustedCerts: [trusted] })).rejects.toThrow();
  });

  it('reports ok, untrusted, tampered content, bad signature and expiry', async () => {
    const p = await signedPackage(1);
    expect(verifyCatalogSignature(p.signed, { trusted: [cert.certDer], now: NOW }).status).toBe('ok');
    expect(verifyCatalogSignature(p.signed, { trusted: [], now: NOW }).status).toBe('untrusted-root');
    expect(verifyCatalogSignature(p.unsigned, { trusted: [cert.certDer] }).status).toBe('unsigned');
    const other = createTestCertificate({ subject: 'CN=Someone Else', days: 1, now: NOW, keyBits: 1024 });
    expect(verifyCatalogSignature(p.signed, { trusted: [other.certDer], now: NOW }).status).toBe('untrusted-root');
    // A byte of the CTL (inside the "File" name "driver.inf") changes: the digest no longer matches.
    const tampered = Buffer.from(p.signed);
    const at = tampered.indexOf(Buffer.from('driver.inf', 'utf16le'));
    expect(at).toBeGreaterThan(0);
    tampered[at] = 0x44;
    expect(verifyCatalogSignature(tampered, { trusted: [cert.certDer], now: NOW }).status).toBe('digest-mismatch');
    const badSig = Buffer.from(p.signed);
    badSig[badSig.length - 5] = badSig[badSig.length - 5]! ^ 0x01;
    expect(verifyCatalogSignature(badSig, { trusted: [cert.certDer], now: NOW }).status).toBe('bad-signature');
    expect(verifyCatalogSignature(p.signed, { trusted: [cert.certDer], now: new Date('2030-01-01T00:00:00Z') }).status).toBe('expired');
  });

  it('finds files in the catalog by hash, and reports changed and unknown files', async () => {
    const p = await signedPackage(2);
    const match = await verifyFileAgainstCatalog(p.signed, p.sys);
    expect(match.status).toBe('match');
    expect(match.isPe).toBe(true);
    expect(match.member?.fileName).toBe('driver.sys');
    writeFileSync(p.inf, '[Version]\r\nchanged\r\n');
    const changed = await verifyFileAgainstCatalog(p.signed, p.inf);
    expect(changed.status).toBe('mismatch');
    expect(changed.member?.fileName).toBe('driver.inf');
    const stranger = join(p.dir, 'other.txt');
    writeFileSync(stranger, 'x');
    expect((await verifyFileAgainstCatalog(p.signed, stranger)).status).toBe('not-member');
  });

  it('verifies an embedded PE signature and detects a changed image', () => {
    const signed = signPe(makeMinimalPe({ size: 3000 }), identity, { digest: 'sha256' });
    expect(verifyEmbedded(signed, { trusted: [cert.certDer], now: NOW }).status).toBe('ok');
    const sig = readPeSignature(signed)!;
    expect(sig.recordedDigest.equals(sig.computedDigest)).toBe(true);
    const tampered = Buffer.from(signed);
    tampered[0x210] = tampered[0x210]! ^ 0xff;
    expect(verifyEmbedded(tampered, { trusted: [cert.certDer], now: NOW }).status).toBe('digest-mismatch');
    expect(verifyEmbedded(makeMinimalPe(), { trusted: [cert.certDer] }).status).toBe('unsigned');
  });
});

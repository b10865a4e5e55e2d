// Test certificates (makecert profile) checked with openssl, and signing
// identities loaded from our PFX, OpenSSL's PFX and PEM.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificateInfo, createTestCertificate, IdentityError, loadCertificates, loadSigningIdentity, wdkTestCertNotAfter } from '../../src/catalog/index.js';
import { parseDistinguishedName } from '../../src/catalog/names.js';
import { hasOracle, NOW, openssl, run, skipNote, tempDir } from './helpers.js';

const OPENSSL = hasOracle('openssl');

describe('createTestCertificate', () => {
  it.skipIf(!OPENSSL)(`makes a self-signed RSA-2048 SHA-256 code-signing certificate that openssl reads${skipNote('openssl')}`, () => {
    const dir = tempDir();
    const cert = createTestCertificate({ subject: 'CN=WDKTestCert alice,133', days: 30, now: NOW });
    writeFileSync(join(dir, 'c.cer'), cert.certDer);
    const text = run('openssl', ['x509', '-inform', 'DER', '-in', join(dir, 'c.cer'), '-noout', '-text']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('sha256WithRSAEncryption');
    expect(text.stdout).toContain('Public-Key: (2048 bit)');
    expect(text.stdout).toContain('Code Signing');
    expect(text.stdout).toContain('Digital Signature');
    expect(text.stdout).toMatch(/Subject: CN\s*=\s*"WDKTestCert alice,133"/);
    // Self-signed: openssl verifies it against itself.
    writeFileSync(join(dir, 'c.pem'), cert.certPem);
    const v = run('openssl', ['verify', '-CAfile', join(dir, 'c.pem'), '-purpose', 'any', join(dir, 'c.pem')]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const info = certificateInfo(cert.certDer);
    expect(info.selfSigned).toBe(true);
    expect(info.notBefore.toISOString()).toBe(NOW.toISOString());
    expect(info.notAfter.getTime() - info.notBefore.getTime()).toBe(30 * 86_400_000);
    expect(info.subjectCommonName).toBe('WDKTestCert alice,133');
  });

  it.skipIf(!OPENSSL)(`writes a PFX that openssl opens with an empty password, or with the given one${skipNote('openssl')}`, () => {
    const dir = tempDir();
    for (const password of ['', 's3cret']) {
      const cert = createTestCertificate({ subject: 'CN=Pfx Test, O=Contoso, C=US', days: 10, now: NOW, password, keyBits: 1024 });
      const path = join(dir, `p${password.length}.pfx`);
      writeFileSync(path, cert.pfx);
      const r = run('openssl', ['pkcs12', '-in', path, '-passin', `pass:${password}`, '-nodes']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('PRIVATE KEY');
      expect(r.stdout).toContain('BEGIN CERTIFICATE');
      const id = loadSigningIdentity(cert.pfx, password);
      expect(id.certificate.equals(cert.certDer)).toBe(true);
    }
  });
});

describe('loadSigningIdentity', () => {
  it('reads a PEM with key and certificate, and rejects a certificate-only PEM', () => {
    const cert = createTestCertificate({ subject: 'CN=Pem Test', days: 10, now: NOW, keyBits: 1024 });
    const id = loadSigningIdentity(Buffer.from(cert.keyPem + cert.certPem));
    expect(id.certificate.equals(cert.certDer)).toBe(true);
    expect(() => loadSigningIdentity(Buffer.from(cert.certPem))).toThrow(IdentityError);
    expect(loadCertificates(Buffer.from(cert.certPem))[0]!.equals(cert.certDer)).toBe(true);
    expect(loadCertificates(cert.certDer)[0]!.equals(cert.certDer)).toBe(true);
  });

  it.skipIf(!OPENSSL)(`reads a PFX written by openssl pkcs12 (AES-256, PBKDF2) and reports a wrong password${skipNote('openssl')}`, () => {
    const dir = tempDir();
    const key = join(dir, 'k.pem');
    const crt = join(dir, 'c.pem');
    const gen = run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      crt,
      '-subj',
      '/CN=OpenSSL Made',
      '-days',
      '2',
      '-addext',
      'extendedKeyUsage=codeSigning',
    ]);
    expect(gen.code, gen.stderr).toBe(0);
    const pfx = join(dir, 'o.pfx');
    const exp = run('openssl', ['pkcs12', '-export', '-inkey', key, '-in', crt, '-out', pfx, '-passout', 'pass:pw']);
    expect(exp.code, exp.stderr).toBe(0);
    const id = loadSigningIdentity(readFileSync(pfx), 'pw');
    expect(certificateInfo(id.certificate).subjectCommonName).toBe('OpenSSL Made');
    expect(() => loadSigningIdentity(readFileSync(pfx), 'wrong')).toThrow(/password/i);
  });
});

describe('parseDistinguishedName', () => {
  it("keeps Visual Studio's comma inside the CN and splits real attributes", () => {
    expect(parseDistinguishedName('CN=WDKTestCert alice,133')).toEqual([{ key: 'CN', value: 'WDKTestCert alice,133' }]);
    expect(parseDistinguishedName('CN=Contoso, O=Contoso Ltd, C=US').map((p) => p.key)).toEqual(['CN', 'O', 'C']);
    expect(() => parseDistinguishedName('Contoso')).toThrow(/distinguished name/);
  });
});

describe('the WDKTestCert profile (compared with a Visual Studio one, docs/catalogs.md)', () => {
  it.skipIf(!OPENSSL)(`valid to 00:00:00 ten calendar years on; the CN a PrintableString, a non-ASCII one a BMPString (as CertStrToName)${skipNote('openssl')}`, () => {
    const made = new Date('2015-05-05T04:21:59Z');
    const cert = createTestCertificate({ subject: 'CN=WDKTestCert 1,130752733198717037', days: 3650, notAfter: wdkTestCertNotAfter(made), now: made });
    const dir = tempDir();
    writeFileSync(join(dir, 'c.cer'), cert.certDer);
    expect(openssl(['x509', '-inform', 'DER', '-in', join(dir, 'c.cer'), '-noout', '-enddate'])).toContain('notAfter=May  5 00:00:00 2025 GMT');
    const parsed = openssl(['asn1parse', '-inform', 'DER', '-in', join(dir, 'c.cer')]);
    expect(parsed).toMatch(/PRINTABLESTRING +:WDKTestCert 1,130752733198717037/);
    const unicode = createTestCertificate({ subject: 'CN=WDKTestCert Jörg,1', days: 1, now: made });
    writeFileSync(join(dir, 'u.cer'), unicode.certDer);
    expect(openssl(['asn1parse', '-inform', 'DER', '-in', join(dir, 'u.cer')])).toContain('BMPSTRING');
    expect(certificateInfo(unicode.certDer).subject).toContain('WDKTestCert Jörg,1');
  });
});

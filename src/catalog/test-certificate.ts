// Test certificates as `makecert -r -pe -ss PrivateCertStore -n CN=... -eku
// 1.3.6.1.5.5.7.3.3` makes them (catalog-format §9.3): self-signed X.509 v3,
// RSA 2048, sha256WithRSA, EKU code signing. The TBSCertificate is built with
// our DER writer and signed with node:crypto; node-forge only writes the PKCS#12.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import forge from 'node-forge';
import { bitString, bool, ctx, int, NULL, octets, oid, seq, time } from './der.js';
import { encodeName, parseDistinguishedName } from './names.js';
import { OID } from './oids.js';

export interface TestCertificateOptions {
  /** Distinguished name, e.g. "CN=WDKTestCert alice,133". */
  subject: string;
  /** Validity in days from `now` (ignored when `notAfter` is given). */
  days: number;
  /** The end of the validity period, when it is not `now` + `days`. */
  notAfter?: Date;
  now: Date;
  /** PKCS#12 password; default empty (what Visual Studio's test certificates use). */
  password?: string;
  /** Friendly name stored in the PKCS#12. */
  friendlyName?: string;
  keyBits?: number;
}

export interface TestCertificate {
  certDer: Buffer;
  certPem: string;
  /** PKCS#8 PEM. */
  keyPem: string;
  pfx: Buffer;
}

const ext = (id: string, critical: boolean, value: Buffer): Buffer => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

export function toPem(der: Buffer, label: string): string {
  const b64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}

/**
 * The validity end of Visual Studio's WDKTestCert: ten calendar years after
 * its creation, at 00:00:00 of that day (a real one made 2015-05-05 04:22 is
 * valid to 2025-05-05 00:00:00; docs/catalogs.md).
 */
export function wdkTestCertNotAfter(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear() + 10, now.getUTCMonth(), now.getUTCDate()));
}

export function createTestCertificate(options: TestCertificateOptions): TestCertificate {
  if (!Number.isFinite(options.days) || options.days <= 0) throw new RangeError('days must be a positive number');
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: options.keyBits ?? 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = encodeName(parseDistinguishedName(options.subject));
  const notBefore = new Date(Math.floor(options.now.getTime() / 1000) * 1000);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + options.days * 86_400_000);
  if (notAfter.getTime() <= notBefore.getTime()) throw new RangeError('notAfter must be after now');
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f || 0x01; // positive, no leading zero byte
  // subjectKeyIdentifier: SHA-1 of the subjectPublicKey bits (RFC 5280 method 1).
  const ski = createHash('sha1')
    .update(publicKey.export({ type: 'pkcs1', format: 'der' }))
    .digest();
  const extensions = seq(
    // keyUsage digitalSignature (newer osslsigncode rejects a signer whose keyUsage lacks it)
    ext('2.5.29.15', true, bitString(Buffer.from([0x80]), 7)),
    ext('2.5.29.37', false, seq(oid(OID.codeSigning))),
    ext('2.5.29.14', false, octets(ski)),
  );
  const sigAlg = seq(oid(OID.sha256WithRSA), NULL);
  const tbs = seq(ctx(0, int(2)), int(serial), sigAlg, name, seq(time(notBefore), time(notAfter)), name, spki, ctx(3, extensions));
  const signature = sign('sha256', tbs, privateKey);
  const certDer = seq(tbs, sigAlg, bitString(signature));
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { certDer, certPem: toPem(certDer, 'CERTIFICATE'), keyPem, pfx: makePfx(certDer, keyPem, options.password ?? '', options.friendlyName) };
}

/** PKCS#12 with the key and certificate (node-forge: node:crypto has no PKCS#12 writer). */
export function makePfx(certDer: Buffer, keyPem: string, password: string, friendlyName?: string): Buffer {
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(certDer.toString('binary'))));
  const key = forge.pki.privateKeyFromPem(keyPem);
  // forge tests `'friendlyName' in options`, so the key must be absent, not undefined.
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: '3des', generateLocalKeyId: true, ...(friendlyName ? { friendlyName } : {}) });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

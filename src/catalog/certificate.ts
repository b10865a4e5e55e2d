// Certificate facts for display and trust checks, from node:crypto's X509Certificate
// (built in, and it verifies issuer signatures; no extra dependency needed).
import { X509Certificate } from 'node:crypto';

export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** Common name of the subject (what signtool prints as "Issued to"). */
  subjectCommonName: string;
  issuerCommonName: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-1 thumbprint, upper-case hex without separators (as certutil/signtool print it). */
  sha1Thumbprint: string;
  selfSigned: boolean;
  extendedKeyUsage: string[];
}

export function x509(der: Buffer): X509Certificate {
  return new X509Certificate(der);
}

function commonName(dn: string): string {
  const cn = dn.split('\n').find((line) => line.startsWith('CN='));
  return cn ? cn.slice(3).replace(/\\(.)/g, '$1') : dn.replace(/\n/g, ', ');
}

export function certificateInfo(der: Buffer): CertificateInfo {
  const c = x509(der);
  return {
    // Shown as typed ("CN=WDKTestCert alice,133"), not RFC 4514-escaped.
    subject: c.subject.split('\n').join(', ').replace(/\\(.)/g, '$1'),
    issuer: c.issuer.split('\n').join(', ').replace(/\\(.)/g, '$1'),
    subjectCommonName: commonName(c.subject),
    issuerCommonName: commonName(c.issuer),
    serialNumber: c.serialNumber.toUpperCase(),
    notBefore: new Date(c.validFrom),
    notAfter: new Date(c.validTo),
    sha1Thumbprint: c.fingerprint.replace(/:/g, '').toUpperCase(),
    selfSigned: c.subject === c.issuer && c.verify(c.publicKey),
    extendedKeyUsage: c.keyUsage ?? [],
  };
}

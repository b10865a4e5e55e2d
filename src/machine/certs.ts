// The target's certificate stores (LocalMachine Root and TrustedPublisher),
// as `certutil -addstore` / deployment's test-certificate import fill them.
import { certificateInfo } from '../catalog/certificate.js';
import { TargetError } from '../errors.js';
import type { CertificateRecord } from './schema.js';
import type { Transaction } from './target.js';

export type StoreName = 'Root' | 'TrustedPublisher';

/** A .cer file's bytes: DER, or PEM ("-----BEGIN CERTIFICATE-----"). */
export function certificateDer(bytes: Buffer, file: string): Buffer {
  const text = bytes.subarray(0, 64).toString('latin1');
  if (text.includes('-----BEGIN')) {
    const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(bytes.toString('latin1'));
    if (!m) throw new TargetError(`${file}: no CERTIFICATE block in this PEM file`);
    return Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
  }
  return bytes;
}

export function certificateRecord(der: Buffer, file: string, source?: string): CertificateRecord {
  let info;
  try {
    info = certificateInfo(der);
  } catch (error) {
    throw new TargetError(`${file}: not an X.509 certificate (${(error as Error).message})`);
  }
  return {
    thumbprint: info.sha1Thumbprint,
    subject: info.subject,
    issuer: info.issuer,
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    der: der.toString('base64'),
    ...(source ? { source } : {}),
  };
}

/** Adds a certificate to stores (already present: unchanged). Returns the stores it was newly added to. */
export function importCertificate(tx: Transaction, record: CertificateRecord, stores: StoreName[] = ['Root', 'TrustedPublisher']): StoreName[] {
  const added: StoreName[] = [];
  for (const store of stores) {
    const list = tx.state.certificates[store];
    if (list.some((c) => c.thumbprint === record.thumbprint)) continue;
    list.push(record);
    added.push(store);
    const key = `HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\${store === 'Root' ? 'ROOT' : 'TrustedPublisher'}\\Certificates\\${record.thumbprint}`;
    tx.registry.createKey(key);
  }
  return added;
}

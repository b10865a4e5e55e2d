// Loading a signing identity (private key + certificate chain) from a PFX/PKCS#12
// (node-forge: node:crypto cannot read PKCS#12) or from PEM text holding both.
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { SigningIdentity } from './pkcs7.js';

export class IdentityError extends Error {}

function pemBlocks(text: string, label: RegExp): Buffer[] {
  const out: Buffer[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (label.test(m[1]!)) out.push(Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64'));
  return out;
}

/** Orders certificates so the one matching the key comes first. */
function pickSigner(key: KeyObject, certs: Buffer[]): SigningIdentity {
  const publicDer = (k: KeyObject) => k.export({ type: 'spki', format: 'der' });
  const mine = publicDer(createPublicKey(key));
  const signer = certs.find((c) => publicDer(new X509Certificate(c).publicKey).equals(mine));
  if (!signer) throw new IdentityError('no certificate in the file matches its private key');
  return { privateKey: key, certificate: signer, chain: certs.filter((c) => c !== signer) };
}

export function loadSigningIdentity(bytes: Buffer, password = ''): SigningIdentity {
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN')) {
    const keyMatch = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]*?-----END \1-----/.exec(text);
    if (!keyMatch) throw new IdentityError('the PEM file holds no private key; it needs both the key and the certificate');
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: keyMatch[0], format: 'pem', passphrase: password || undefined });
    } catch (error) {
      throw new IdentityError(`the private key cannot be read (${(error as Error).message}); check the password`);
    }
    const certs = pemBlocks(text, /^(X509 |TRUSTED )?CERTIFICATE$/);
    if (certs.length === 0) throw new IdentityError('the PEM file holds no certificate; it needs both the key and the certificate');
    return pickSigner(key, certs);
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary'))), password);
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (/mac|password|invalid/i.test(message)) throw new IdentityError('The specified PFX password is not correct.');
    throw new IdentityError(`not a PFX (PKCS#12) or PEM file: ${message}`);
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const keyBag = keyBags.find((b) => b.key);
  if (!keyBag?.key) throw new IdentityError('the PFX holds no private key (export it with the private key)');
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const certs = certBags.flatMap((b) => {
    if (b.cert) return [Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert)).getBytes(), 'binary')];
    if (b.asn1) return [Buffer.from(forge.asn1.toDer(b.asn1).getBytes(), 'binary')];
    return [];
  });
  if (certs.length === 0) throw new IdentityError('the PFX holds no certificate');
  const key = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key as forge.pki.rsa.PrivateKey));
  return pickSigner(key, certs);
}

/** Certificates (DER) from a .cer (DER or PEM), a PEM bundle, or a PFX. */
export function loadCertificates(bytes: Buffer, password = ''): Buffer[] {
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN')) return pemBlocks(text, /^(X509 |TRUSTED )?CERTIFICATE$/);
  try {
    new X509Certificate(bytes);
    return [bytes];
  } catch {
    return [loadSigningIdentity(bytes, password).certificate];
  }
}

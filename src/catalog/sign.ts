// Signing a catalog (catalog-format §9): the CTL contentInfo stays byte-for-byte;
// digestAlgorithms, certificates and one SignerInfo are filled in. An existing
// signature is replaced, as signtool sign does.
import { OID } from './oids.js';
import { buildSignedData, parseSignedData, type SignOptions, type SigningIdentity } from './pkcs7.js';
import { CatalogFormatError } from './read.js';

export function signCatalog(catalog: Buffer, identity: SigningIdentity, options: SignOptions): Buffer {
  let sd;
  try {
    sd = parseSignedData(catalog);
  } catch (error) {
    throw new CatalogFormatError(`not a valid catalog: ${(error as Error).message}`);
  }
  if (sd.contentType !== OID.ctl) throw new CatalogFormatError('not a catalog (the signed content is not a certificate trust list)');
  return buildSignedData(sd.contentInfoDer, identity, options);
}

// Security catalogs (.cat), Authenticode hashing and signing, test certificates.
export { createCatalog, type CatalogAttribute, type CatalogMemberInput, type CreateCatalogOptions } from './create.js';
export { readCatalog, CatalogFormatError, type CatalogInfo, type CatalogMember, type CatalogNameValue, type CatalogSigner } from './read.js';
export { hashFile, hashBytes, type FileDigests, type HashOptions } from './hash.js';
export { peLayout, peChecksum, authenticodeRanges, type PeLayout } from './pe.js';
export { makeMinimalPe, type MinimalPeOptions, type PeSubsystem } from './pe-builder.js';
export { signCatalog } from './sign.js';
export { signPe, readPeSignature, isPeImage, PeFormatError, type PeSignature, type PeSignOptions } from './pe-sign.js';
export { pageHashTableOf, pageHashTableOfFile, pageHashLink, PageHashError } from './page-hashes.js';
export { type SigningIdentity, type SignOptions } from './pkcs7.js';
export { createTestCertificate, wdkTestCertNotAfter, makePfx, toPem, type TestCertificate, type TestCertificateOptions } from './test-certificate.js';
export { loadSigningIdentity, loadCertificates, IdentityError } from './identity.js';
export { certificateInfo, type CertificateInfo } from './certificate.js';
export {
  verifyCatalogSignature,
  verifySignedData,
  verifyFileAgainstCatalog,
  findMember,
  type SignatureVerification,
  type SignatureStatus,
  type TrustOptions,
  type FileMembership,
  type MembershipStatus,
} from './verify.js';
export { OID, SIP, type HashAlgorithm } from './oids.js';
export { signableKind, signBytes, verifyEmbedded, type SignableKind, type EmbeddedVerification } from './signable.js';
export { verifyPackageAgainstCatalog, type PackageEntry, type PackageEntryStatus } from './package-verify.js';
export { verifyFileSignature, type FileVerifyPolicy, type FileVerification } from './verify-file.js';

// Object identifiers used by catalogs and Authenticode (catalog-format §14).
export const OID = {
  signedData: '1.2.840.113549.1.7.2',
  ctl: '1.3.6.1.4.1.311.10.1',
  catalogList: '1.3.6.1.4.1.311.12.1.1',
  catalogListMember: '1.3.6.1.4.1.311.12.1.2',
  catalogListMember2: '1.3.6.1.4.1.311.12.1.3',
  catNameValue: '1.3.6.1.4.1.311.12.2.1',
  catMemberInfo: '1.3.6.1.4.1.311.12.2.2',
  catMemberInfo2: '1.3.6.1.4.1.311.12.2.3',
  spcIndirectData: '1.3.6.1.4.1.311.2.1.4',
  spcPeImageData: '1.3.6.1.4.1.311.2.1.15',
  spcCabData: '1.3.6.1.4.1.311.2.1.25',
  spcLink: '1.3.6.1.4.1.311.2.1.28',
  spcStatementType: '1.3.6.1.4.1.311.2.1.11',
  spcIndividualSpKey: '1.3.6.1.4.1.311.2.1.21',
  spcSpOpusInfo: '1.3.6.1.4.1.311.2.1.12',
  pageHashesV1: '1.3.6.1.4.1.311.2.3.1',
  pageHashesV2: '1.3.6.1.4.1.311.2.3.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRSA: '1.2.840.113549.1.1.5',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  codeSigning: '1.3.6.1.5.5.7.3.3',
} as const;

export type HashAlgorithm = 'sha1' | 'sha256';

export const hashOid = (alg: HashAlgorithm): string => (alg === 'sha1' ? OID.sha1 : OID.sha256);

export function hashFromOid(oid: string): HashAlgorithm | undefined {
  if (oid === OID.sha1 || oid === OID.sha1WithRSA) return 'sha1';
  if (oid === OID.sha256 || oid === OID.sha256WithRSA) return 'sha256';
  return undefined;
}

/** SIP GUIDs (sipguids.h): PE image, flat file, CAB. */
export const SIP = {
  pe: '{C689AAB8-8E78-11D0-8C47-00C04FC295EE}',
  flat: '{DE351A42-8E59-11D0-8C47-00C04FC295EE}',
  cab: '{C689AABA-8E78-11D0-8C47-00C04FC295EE}',
} as const;

// An engine failure with the SetupAPI / Win32 error code Windows reports for it,
// so devcon and pnputil can print and return what the real tools do.
import { TargetError } from '../errors.js';

export const SetupError = {
  fileNotFound: 0x2, // ERROR_FILE_NOT_FOUND
  noMoreItems: 0x103, // ERROR_NO_MORE_ITEMS (259)
  noSuchDevinst: 0xe000020b, // ERROR_NO_SUCH_DEVINST
  noDriverSelected: 0xe0000203, // ERROR_NO_DRIVER_SELECTED
  noCatalogForOemInf: 0xe000022f, // ERROR_NO_CATALOG_FOR_OEM_INF ("does not contain digital signature information")
  infInUseByDevices: 0xe000023d, // ERROR_INF_IN_USE_BY_DEVICES
  notAnInstalledOemInf: 0xe000023a, // ERROR_NOT_AN_INSTALLED_OEM_INF
  fileHashNotInCatalog: 0xe000024b, // ERROR_FILE_HASH_NOT_IN_CATALOG
  authenticodePublisherNotTrusted: 0xe0000243, // ERROR_AUTHENTICODE_PUBLISHER_NOT_TRUSTED
  untrustedRoot: 0x800b0109, // CERT_E_UNTRUSTEDROOT
  noSignature: 0x800b0100, // TRUST_E_NOSIGNATURE
  badSignature: 0x80096010, // TRUST_E_BAD_DIGEST
  badServiceInstallSect: 0xe0000217, // ERROR_BAD_SERVICE_INSTALLSECT
  sectionNotFound: 0xe0000102, // ERROR_SECTION_NOT_FOUND
  wrongInfStyle: 0xe0000100, // ERROR_WRONG_INF_STYLE
  invalidData: 0x0000000d, // ERROR_INVALID_DATA
  accessDenied: 0x5, // ERROR_ACCESS_DENIED
} as const;

export class InstallError extends TargetError {
  constructor(
    message: string,
    readonly code: number,
    exitCode = 2,
  ) {
    super(message, exitCode);
  }
  /** 0xE000022F form. */
  get hex(): string {
    return `0x${(this.code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
  }
}

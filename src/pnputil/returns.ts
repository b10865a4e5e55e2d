// pnputil's return values (wdk-tools.md §6.3) and the system error texts it
// prints after "Failed to ...:". A Windows exit code is 32 bits; a POSIX
// parent sees 8. wdksim exits with the low byte of the Windows value, which is
// what `$?` shows when Windows' pnputil.exe runs under WSL, except that a
// failure whose low byte is 0 exits 1 so that it never reads as success.

export const PnpReturn = {
  success: 0,
  invalidFunction: 1,
  fileNotFound: 2,
  accessDenied: 5,
  notSupported: 50,
  invalidParameter: 87,
  noMoreItems: 259,
  rebootInitiated: 1641,
  rebootRequired: 3010,
  noSuchDevinst: 0xe000020b,
  infInUseByDevices: 0xe000023d,
  notAnInstalledOemInf: 0xe000023a,
  noCatalogForOemInf: 0xe000022f,
} as const;

/** Windows return value → POSIX exit status. */
export function posixExit(windowsValue: number): number {
  const value = windowsValue >>> 0;
  if (value === 0) return 0;
  const low = value & 0xff;
  return low === 0 ? 1 : low;
}

/** The table printed by `pnputil --help` and docs/devcon-pnputil.md. */
export const RETURN_TABLE: readonly [number, string][] = [
  [PnpReturn.success, 'ERROR_SUCCESS: success'],
  [PnpReturn.rebootRequired, 'ERROR_SUCCESS_REBOOT_REQUIRED: done, a reboot is needed'],
  [PnpReturn.rebootInitiated, 'ERROR_SUCCESS_REBOOT_INITIATED: done, the target was rebooted (/reboot)'],
  [PnpReturn.noMoreItems, 'ERROR_NO_MORE_ITEMS: /install found no device to update (none matches, or a better driver is installed)'],
  [PnpReturn.fileNotFound, 'ERROR_FILE_NOT_FOUND: the INF does not exist'],
  [PnpReturn.accessDenied, 'no package newly added (all already in the driver store)'],
  [PnpReturn.notSupported, 'ERROR_NOT_SUPPORTED: the device cannot be disabled'],
  [PnpReturn.invalidParameter, 'ERROR_INVALID_PARAMETER: bad command line'],
  [PnpReturn.noSuchDevinst, 'ERROR_NO_SUCH_DEVINST: no such device instance'],
  [PnpReturn.noCatalogForOemInf, 'ERROR_NO_CATALOG_FOR_OEM_INF: package not signed or catalog wrong'],
  [PnpReturn.notAnInstalledOemInf, 'ERROR_NOT_AN_INSTALLED_OEM_INF: not a published oem#.inf'],
  [PnpReturn.infInUseByDevices, 'ERROR_INF_IN_USE_BY_DEVICES: package in use (use /uninstall or /force)'],
];

export function returnTableText(): string {
  const rows = RETURN_TABLE.map(([v, text]) => {
    const win = v > 0xffff ? `0x${(v >>> 0).toString(16).toUpperCase()}` : String(v);
    return `  ${win.padEnd(11)} -> exit ${String(posixExit(v)).padEnd(4)} ${text}`;
  });
  return ['Return values (Windows value -> POSIX exit status: the low byte, 1 when that byte is 0):', ...rows, '  Other SetupAPI/Win32 codes pass through the same way; --json reports the full Windows value.'].join('\n') + '\n';
}

/** FormatMessage text of the codes the engine reports. */
const SYSTEM_TEXT: Record<number, string> = {
  0x2: 'The system cannot find the file specified.',
  0x5: 'Access is denied.',
  0xd: 'The data is invalid.',
  0x32: 'The request is not supported.',
  0x57: 'The parameter is incorrect.',
  0x103: 'No more data is available.',
  0xe0000100: 'The INF or the device information set or element does not have an associated install class.',
  0xe0000102: 'The required section was not found in the INF.',
  0xe0000203: 'There is no driver selected for the device information set or element.',
  0xe000020b: 'The device instance does not exist in the hardware tree.',
  0xe0000217: 'The specified service installation section is invalid.',
  0xe000022f: 'The third-party INF does not contain digital signature information.',
  0xe000023a: 'The specified INF is not an installed OEM INF.',
  0xe000023d: 'One or more devices are presently installed using the specified INF.',
  0xe0000243: 'The publisher of an Authenticode(tm) signed catalog has not yet been established as trusted.',
  0xe000024b: 'The hash for the file is not present in the specified catalog file. The file is likely corrupt or the victim of tampering.',
  0x800b0100: 'No signature was present in the subject.',
  0x800b0109: 'A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.',
  0x80096010: 'The digital signature of the object did not verify.',
};

export function systemText(code: number, fallback?: string): string {
  return SYSTEM_TEXT[code >>> 0] ?? fallback ?? `Unknown error 0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}.`;
}

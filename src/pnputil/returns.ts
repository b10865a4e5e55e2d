// pnputil's return-value table as --help prints it, and the system error texts it
// prints after "Failed to ...:" (the values themselves: src/exit-codes.ts).

import { PNPUTIL_RETURNS, PnpReturn, posixExit } from '../exit-codes.js';

// The return values and their POSIX statuses live with every tool's exit codes.
export { PnpReturn, posixExit };

/** The table printed by `pnputil --help` and docs/devcon-pnputil.md. */
export const RETURN_TABLE = PNPUTIL_RETURNS;

export function returnTableText(): string {
  const rows = RETURN_TABLE.map(([v, text]) => {
    const win = v > 0xffff ? `0x${(v >>> 0).toString(16).toUpperCase()}` : String(v);
    return `  ${win.padEnd(11)} -> exit ${String(posixExit(v)).padEnd(4)} ${text}`;
  });
  return (
    [
      'Return values (Windows value -> POSIX exit status: the low byte, 1 when that byte is 0):',
      ...rows,
      '  Other SetupAPI/Win32 codes pass through the same way; --json reports the full Windows value.',
    ].join('\n') + '\n'
  );
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

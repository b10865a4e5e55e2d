// KDNET settings as bcdedit /dbgsettings takes them (wdk-tools.md §7.3).
import { randomBytes } from 'node:crypto';

/** A key is 1 to 4 dot-separated base-36 values (a-z, 0-9), each at most 13 characters. */
export function kdnetKeyProblem(key: string): string | undefined {
  const parts = key.split('.');
  if (parts.length < 1 || parts.length > 4) return 'a KDNET key has one to four parts separated by dots';
  for (const part of parts) {
    if (part === '') return 'a KDNET key part is empty';
    if (!/^[a-z0-9]+$/i.test(part)) return `"${part}" is not a base-36 value (letters a-z and digits only)`;
    if (part.length > 13) return `"${part}" is longer than 13 characters (each part encodes 64 bits)`;
  }
  return undefined;
}

/** A random 256-bit key in bcdedit's format: four 64-bit values in base 36. */
export function generateKdnetKey(): string {
  const bytes = randomBytes(32);
  return [0, 8, 16, 24].map((i) => bytes.readBigUInt64BE(i).toString(36)).join('.');
}

export function kdnetPortProblem(port: number): string | undefined {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return 'a port is a whole number from 1 to 65535';
  if (port < 49152) return 'KDNET ports must be in the dynamic range 49152-65535 (50000-50039 recommended)';
  return undefined;
}

export function ipv4Problem(ip: string): string | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return `"${ip}" is not an IPv4 address (w.x.y.z)`;
  return undefined;
}

// Placeholder binaries for `wdksim build --placeholder-binaries`: nothing
// compiles C here, so a minimal valid PE image (native subsystem for a .sys,
// GUI-subsystem DLL for a .dll) stands in for the driver the link step would
// make, with a marker in its .text section saying what it is, so neither a
// person nor a tool can mistake it for a real driver.
import { makeMinimalPe, peChecksum } from '../catalog/index.js';
import type { InfArch } from '../project/settings.js';
import { makeMinimalPe32 } from './pe32.js';

export const PLACEHOLDER_MARKER = 'WDKSIM-PLACEHOLDER';

/** File extensions for which a placeholder PE image can be made. */
export function isPeName(name: string): boolean {
  return /\.(sys|dll|exe)$/i.test(name);
}

/** Framework co-installers and other redistributables the WDK once shipped: never a project's build output. */
export function isRedistributable(name: string): boolean {
  return /^(wdfcoinstaller|wudfupdate_|winusbcoinstaller)\d*\.dll$/i.test(name.split(/[\\/]/).pop() ?? name);
}

/** Build outputs a placeholder can stand in for: PE images and the linker's symbol files. */
export function isBuildOutputName(name: string): boolean {
  return isPeName(name) || /\.pdb$/i.test(name);
}

/** A stand-in for a build output: a PE image, or for a .pdb the MSF 7.00 signature followed by the marker. */
export function makePlaceholderOutput(name: string, arch: InfArch): Buffer {
  if (isPeName(name)) return makePlaceholderBinary(name, arch);
  const header = Buffer.from('Microsoft C/C++ MSF 7.00\r\n\x1aDS\0\0\0', 'latin1');
  return Buffer.concat([header, Buffer.from(`\n${PLACEHOLDER_MARKER}: ${name} is not a linker's symbol file; wdksim build --placeholder-binaries made it.\n`, 'latin1')]);
}

const MACHINE: Partial<Record<InfArch, number>> = { amd64: 0x8664, arm64: 0xaa64 };

export function makePlaceholderBinary(name: string, arch: InfArch): Buffer {
  const dll = /\.dll$/i.test(name);
  const native = /\.sys$/i.test(name);
  // 64-bit: makeMinimalPe's PE32+ image (AMD64; ARM64 differs only in Machine). 32-bit: a PE32 image.
  const wide = arch === 'amd64' || arch === 'arm64';
  const image = wide
    ? makeMinimalPe({ subsystem: native ? 'native' : 'windows', dll })
    : makeMinimalPe32({ machine: arch === 'x86' ? 'x86' : 'arm', subsystem: native ? 1 : 2, dll });
  const pe = image.readUInt32LE(0x3c);
  const machine = MACHINE[arch];
  if (wide && machine !== undefined) image.writeUInt16LE(machine, pe + 4);
  const text = image.readUInt32LE(pe + 24 + image.readUInt16LE(pe + 20) + 20); // .text PointerToRawData
  const marker = `${PLACEHOLDER_MARKER}: ${name} is not a compiled driver; wdksim build --placeholder-binaries made it so packaging and install can be exercised.`;
  image.write(marker.slice(0, 480), text + 16, 'latin1');
  const checksumOffset = pe + 24 + 64;
  image.writeUInt32LE(peChecksum(image, checksumOffset), checksumOffset);
  return image;
}

export function isPlaceholderBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 2048).includes(PLACEHOLDER_MARKER, 0, 'latin1');
}

// A minimal valid PE32+ (AMD64) image generator: tests, benchmarks and the
// build tool's placeholder binaries. One `.text` section holding
// `xor eax,eax; ret` (31 C0 C3), headers padded to 0x200, valid CheckSum.
import { peChecksum } from './pe.js';

export type PeSubsystem = 'native' | 'windows' | 'console' | number;

export interface MinimalPeOptions {
  /** 'native' (1, kernel drivers), 'windows' (2, GUI/DLL), 'console' (3); default 'native'. */
  subsystem?: PeSubsystem;
  /**
   * Total file size in bytes (default and minimum 1024). The section grows in
   * 0x200 steps; a remainder that is not a multiple of 0x200 becomes overlay
   * bytes after the section (so sizes not divisible by 8 exercise the padding rule).
   */
  size?: number;
  /** Mark the image as a DLL (IMAGE_FILE_DLL). */
  dll?: boolean;
}

const FILE_ALIGNMENT = 0x200;
const SECTION_ALIGNMENT = 0x1000;

function subsystemNumber(s: PeSubsystem | undefined): number {
  if (typeof s === 'number') return s;
  return s === 'windows' ? 2 : s === 'console' ? 3 : 1;
}

export function makeMinimalPe(options: MinimalPeOptions = {}): Buffer {
  const size = Math.max(1024, Math.floor(options.size ?? 1024));
  const rawSize = Math.floor((size - FILE_ALIGNMENT) / FILE_ALIGNMENT) * FILE_ALIGNMENT;
  const overlay = size - FILE_ALIGNMENT - rawSize;
  const image = Buffer.alloc(size);

  // DOS header: MZ, e_lfanew = 0x40.
  image.write('MZ', 0, 'latin1');
  image.writeUInt32LE(0x40, 0x3c);
  const pe = 0x40;
  image.write('PE\0\0', pe, 'latin1');
  // COFF file header.
  image.writeUInt16LE(0x8664, pe + 4); // Machine AMD64
  image.writeUInt16LE(1, pe + 6); // NumberOfSections
  image.writeUInt16LE(240, pe + 20); // SizeOfOptionalHeader (PE32+, 16 dirs)
  image.writeUInt16LE(0x0022 | (options.dll ? 0x2000 : 0), pe + 22); // EXECUTABLE_IMAGE | LARGE_ADDRESS_AWARE
  // Optional header (PE32+).
  const opt = pe + 24;
  const virtualSize = Math.max(3, rawSize);
  const sizeOfImage = SECTION_ALIGNMENT + Math.ceil(virtualSize / SECTION_ALIGNMENT) * SECTION_ALIGNMENT;
  image.writeUInt16LE(0x20b, opt);
  image.writeUInt32LE(rawSize, opt + 4); // SizeOfCode
  image.writeUInt32LE(0x1000, opt + 16); // AddressOfEntryPoint
  image.writeUInt32LE(0x1000, opt + 20); // BaseOfCode
  image.writeBigUInt64LE(0x140000000n, opt + 24); // ImageBase
  image.writeUInt32LE(SECTION_ALIGNMENT, opt + 32);
  image.writeUInt32LE(FILE_ALIGNMENT, opt + 36);
  image.writeUInt16LE(6, opt + 40); // MajorOperatingSystemVersion
  image.writeUInt16LE(6, opt + 48); // MajorSubsystemVersion
  image.writeUInt32LE(sizeOfImage, opt + 56);
  image.writeUInt32LE(FILE_ALIGNMENT, opt + 60); // SizeOfHeaders
  image.writeUInt16LE(subsystemNumber(options.subsystem), opt + 68);
  image.writeUInt16LE(0x8160, opt + 70); // DllCharacteristics: HIGH_ENTROPY_VA|DYNAMIC_BASE|NX_COMPAT|TERMINAL_SERVER_AWARE
  image.writeBigUInt64LE(0x100000n, opt + 72); // SizeOfStackReserve
  image.writeBigUInt64LE(0x1000n, opt + 80); // SizeOfStackCommit
  image.writeBigUInt64LE(0x100000n, opt + 88); // SizeOfHeapReserve
  image.writeBigUInt64LE(0x1000n, opt + 96); // SizeOfHeapCommit
  image.writeUInt32LE(16, opt + 108); // NumberOfRvaAndSizes
  // Section header.
  const sec = opt + 240;
  image.write('.text', sec, 'latin1');
  image.writeUInt32LE(virtualSize, sec + 8);
  image.writeUInt32LE(0x1000, sec + 12);
  image.writeUInt32LE(rawSize, sec + 16);
  image.writeUInt32LE(FILE_ALIGNMENT, sec + 20);
  image.writeUInt32LE(0x60000020, sec + 36); // CODE | EXECUTE | READ
  // Section body: the code, then a deterministic filler so large images hash like real ones.
  const body = FILE_ALIGNMENT;
  image[body] = 0x31;
  image[body + 1] = 0xc0;
  image[body + 2] = 0xc3;
  let x = 0x2545f491;
  for (let i = body + 3 + 13; i < body + rawSize && rawSize > FILE_ALIGNMENT; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    image[i] = x & 0xff;
  }
  for (let i = 0; i < overlay; i++) image[body + rawSize + i] = 0x41 + (i % 26);
  image.writeUInt32LE(peChecksum(image, opt + 64), opt + 64);
  return image;
}

// A minimal valid PE32 image for the 32-bit platforms (x86, ARM), which
// makeMinimalPe (PE32+ only) does not cover: headers padded to 0x200, one
// .text section holding `ret` (x86: C3; ARM Thumb-2: 70 47 = bx lr),
// 16 data directories, valid CheckSum.
import { peChecksum } from '../catalog/index.js';

const FILE_ALIGNMENT = 0x200;
const SECTION_ALIGNMENT = 0x1000;

export function makeMinimalPe32(options: { machine: 'x86' | 'arm'; subsystem: number; dll: boolean }): Buffer {
  const image = Buffer.alloc(FILE_ALIGNMENT * 2);
  image.write('MZ', 0, 'latin1');
  image.writeUInt32LE(0x40, 0x3c);
  const pe = 0x40;
  image.write('PE\0\0', pe, 'latin1');
  image.writeUInt16LE(options.machine === 'x86' ? 0x014c : 0x01c4, pe + 4);
  image.writeUInt16LE(1, pe + 6); // NumberOfSections
  image.writeUInt16LE(224, pe + 20); // SizeOfOptionalHeader (PE32, 16 dirs)
  image.writeUInt16LE(0x0102 | (options.dll ? 0x2000 : 0), pe + 22); // EXECUTABLE_IMAGE | 32BIT_MACHINE
  const opt = pe + 24;
  image.writeUInt16LE(0x10b, opt);
  image.writeUInt32LE(FILE_ALIGNMENT, opt + 4); // SizeOfCode
  image.writeUInt32LE(0x1000, opt + 16); // AddressOfEntryPoint
  image.writeUInt32LE(0x1000, opt + 20); // BaseOfCode
  image.writeUInt32LE(0x2000, opt + 24); // BaseOfData
  image.writeUInt32LE(0x10000, opt + 28); // ImageBase
  image.writeUInt32LE(SECTION_ALIGNMENT, opt + 32);
  image.writeUInt32LE(FILE_ALIGNMENT, opt + 36);
  image.writeUInt16LE(6, opt + 40); // MajorOperatingSystemVersion
  image.writeUInt16LE(6, opt + 48); // MajorSubsystemVersion
  image.writeUInt32LE(2 * SECTION_ALIGNMENT, opt + 56); // SizeOfImage
  image.writeUInt32LE(FILE_ALIGNMENT, opt + 60); // SizeOfHeaders
  image.writeUInt16LE(options.subsystem, opt + 68);
  image.writeUInt16LE(0x0140, opt + 70); // DYNAMIC_BASE | NX_COMPAT
  image.writeUInt32LE(0x100000, opt + 72); // SizeOfStackReserve
  image.writeUInt32LE(0x1000, opt + 76); // SizeOfStackCommit
  image.writeUInt32LE(0x100000, opt + 80); // SizeOfHeapReserve
  image.writeUInt32LE(0x1000, opt + 84); // SizeOfHeapCommit
  image.writeUInt32LE(16, opt + 92); // NumberOfRvaAndSizes
  const sec = opt + 224;
  image.write('.text', sec, 'latin1');
  image.writeUInt32LE(FILE_ALIGNMENT, sec + 8); // VirtualSize
  image.writeUInt32LE(0x1000, sec + 12); // VirtualAddress
  image.writeUInt32LE(FILE_ALIGNMENT, sec + 16); // SizeOfRawData
  image.writeUInt32LE(FILE_ALIGNMENT, sec + 20); // PointerToRawData
  image.writeUInt32LE(0x60000020, sec + 36); // CODE | EXECUTE | READ
  if (options.machine === 'x86') image[FILE_ALIGNMENT] = 0xc3;
  else image.writeUInt16LE(0x4770, FILE_ALIGNMENT);
  image.writeUInt32LE(peChecksum(image, opt + 64), opt + 64);
  return image;
}

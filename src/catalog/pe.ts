// PE header facts the Authenticode hash and embedded signing need
// (catalog-format §6.1). PE-ness is decided by content (MZ, PE\0\0, optional
// header magic), never by the file extension, as the Windows SIP does.

export interface PeLayout {
  /** Offset of the optional header. */
  optionalHeader: number;
  pe32plus: boolean;
  /** Offset of the 4-byte CheckSum field. */
  checksumOffset: number;
  /** Offset of the Certificate Table data-directory entry (8 bytes). */
  securityDirOffset: number;
  /** File offset and size of the attribute certificate table; 0/0 when unsigned. */
  certTableOffset: number;
  certTableSize: number;
  /** Bytes of header the layout was read from (what must be available up front). */
  headerBytes: number;
}

/** How many leading bytes `peLayout` may need. */
export const PE_PROBE_BYTES = 4096;

/**
 * Parses the PE headers from the first bytes of a file. Returns undefined for
 * anything that is not a PE image the Authenticode SIP would hash as one
 * (the caller then hashes it flat).
 */
export function peLayout(head: Buffer, fileSize: number): PeLayout | undefined {
  if (head.length < 0x40 || head[0] !== 0x4d || head[1] !== 0x5a) return undefined;
  const pe = head.readUInt32LE(0x3c);
  const opt = pe + 24;
  if (opt + 2 > head.length || head.readUInt32LE(pe) !== 0x00004550) return undefined;
  const magic = head.readUInt16LE(opt);
  if (magic !== 0x10b && magic !== 0x20b) return undefined;
  const pe32plus = magic === 0x20b;
  const sizeOfOptionalHeader = head.readUInt16LE(pe + 20);
  const rvaCountOffset = opt + (pe32plus ? 108 : 92);
  const securityDirOffset = opt + (pe32plus ? 144 : 128);
  if (securityDirOffset + 8 > head.length || securityDirOffset + 8 > fileSize) return undefined;
  // osslsigncode refuses images with fewer than 5 data directories; so do we.
  if (head.readUInt32LE(rvaCountOffset) < 5) return undefined;
  if (sizeOfOptionalHeader < securityDirOffset + 8 - opt) return undefined;
  let certTableOffset = head.readUInt32LE(securityDirOffset);
  let certTableSize = head.readUInt32LE(securityDirOffset + 4);
  // A certificate table must sit after the headers and end at (or inside) the file.
  if (certTableSize === 0 || certTableOffset < securityDirOffset + 8 || certTableOffset + certTableSize > fileSize) {
    certTableOffset = 0;
    certTableSize = 0;
  }
  return {
    optionalHeader: opt,
    pe32plus,
    checksumOffset: opt + 64,
    securityDirOffset,
    certTableOffset,
    certTableSize,
    headerBytes: securityDirOffset + 8,
  };
}

/** The byte ranges [start, end) hashed by Authenticode, and the zero padding appended. */
export function authenticodeRanges(layout: PeLayout, fileSize: number): { ranges: Array<[number, number]>; padding: number } {
  const end = layout.certTableSize > 0 ? layout.certTableOffset : fileSize;
  const ranges: Array<[number, number]> = [
    [0, layout.checksumOffset],
    [layout.checksumOffset + 4, layout.securityDirOffset],
    [layout.securityDirOffset + 8, end],
  ];
  // Unsigned images whose length is not a multiple of 8 are hashed as if
  // zero-padded, which is what signing will do to them (§6.1, verified against MakeCat).
  const padding = layout.certTableSize === 0 && fileSize % 8 !== 0 ? 8 - (fileSize % 8) : 0;
  return { ranges, padding };
}

/** The PE CheckSum (imagehlp CheckSumMappedFile): 16-bit one's-complement-ish sum plus length. */
export function peChecksum(image: Buffer, checksumOffset: number): number {
  let sum = 0;
  const even = image.length & ~1;
  for (let i = 0; i < even; i += 2) {
    if (i === checksumOffset || i === checksumOffset + 2) continue;
    sum += image.readUInt16LE(i);
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  if (image.length & 1) {
    sum += image[image.length - 1]!;
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  sum = (sum & 0xffff) + (sum >>> 16);
  return (sum + image.length) >>> 0;
}

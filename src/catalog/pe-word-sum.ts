// The running part of the PE CheckSum (imagehlp CheckSumMappedFile): the
// ones'-complement sum of the image's 16-bit little-endian words. Streamed
// signing feeds it chunk by chunk, so it must keep up with SHA-256.

/**
 * Adds the 16-bit words of `bytes` (even length) to a running sum in
 * [0, 0xffff] and returns the new folded sum.
 *
 * Reads 32-bit words: a 32-bit word hi:lo is congruent to lo + hi modulo
 * 0xffff, and an end-around-carry sum is the total modulo 0xffff (0xffff in
 * place of 0 once any word was non-zero), so summing 32-bit words and folding
 * at the end gives exactly the word-by-word result at a third of the cost.
 */
export function addWords(bytes: Buffer, sum: number): number {
  let total = sum;
  let pos = 0;
  const length = bytes.length;
  if ((bytes.byteOffset & 3) === 0) {
    const count = length >>> 2;
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, count);
    // Two accumulators; each stays exact in a double: 2^21 words of < 2^32 per block.
    for (let start = 0; start < count; start += 1 << 21) {
      const end = Math.min(count, start + (1 << 21));
      let a = 0;
      let b = 0;
      let i = start;
      for (; i + 1 < end; i += 2) {
        a += words[i]!;
        b += words[i + 1]!;
      }
      if (i < end) a += words[i]!;
      total = fold(total + fold(a) + fold(b));
    }
    pos = count << 2;
  }
  for (; pos + 1 < length; pos += 2) total += bytes.readUInt16LE(pos);
  return fold(total);
}

/** End-around-carry fold of a non-negative integer below 2^53 into [0, 0xffff]. */
function fold(value: number): number {
  while (value > 0xffff) value = (value % 0x10000) + Math.floor(value / 0x10000);
  return value;
}

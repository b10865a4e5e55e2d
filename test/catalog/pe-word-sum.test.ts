// The streamed signer's checksum sum (32-bit words, folded once) against the
// word-by-word PE checksum (peChecksum, imagehlp's algorithm): the same value
// for random, all-zero, all-0xff and unaligned inputs, fed whole or in chunks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWords } from '../../src/catalog/pe-word-sum.js';
import { peChecksum } from '../../src/catalog/pe.js';

/** peChecksum skips the 4 bytes at the offset; give it a buffer whose field is zero so both see the same words. */
const reference = (bytes: Buffer) => peChecksum(Buffer.concat([Buffer.alloc(4), bytes]), 0);
const ours = (bytes: Buffer, sum = 0) => (addWords(bytes, sum) + bytes.length + 4) >>> 0;

describe('addWords', () => {
  it.each([
    ['empty', Buffer.alloc(0)],
    ['all zero', Buffer.alloc(4096)],
    ['all 0xff', Buffer.alloc(4098, 0xff)],
    ['one 0xffff word', Buffer.from([0xff, 0xff])],
    ['words summing to a multiple of 0xffff', Buffer.from([0xfe, 0xff, 0x01, 0x00])],
  ])('%s: the same as the word-by-word checksum', (_name, bytes) => {
    expect(ours(bytes)).toBe(reference(bytes));
  });

  it('random even-length bytes, whole, in chunks and at an odd offset: the same as the word-by-word checksum', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.nat({ max: 40 }), (raw, cut) => {
        const bytes = Buffer.from(raw.subarray(0, raw.length & ~1));
        const expected = reference(bytes);
        expect(ours(bytes)).toBe(expected);
        // Chunked at an even cut, as the streamed signer feeds it.
        const at = Math.min(bytes.length, cut * 2);
        expect((addWords(bytes.subarray(at), addWords(bytes.subarray(0, at), 0)) + bytes.length + 4) >>> 0).toBe(expected);
        // A view that is not 4-byte aligned takes the 16-bit path.
        const shifted = Buffer.alloc(bytes.length + 2);
        bytes.copy(shifted, 2);
        expect(ours(shifted.subarray(2))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

// A catalog lists one DER part per file: encoding and reading 150,000 members
// must not spread them as call arguments (inf2cat overflowed the stack at 40,000 files).
import { describe, expect, it } from 'vitest';
import { children, readDer, seqOf, setOf, tlv } from '../../src/catalog/der.js';

describe('DER lists of many parts', () => {
  const parts = Array.from({ length: 150_000 }, (_, i) => tlv(0x04, Buffer.from([i >> 16, (i >> 8) & 0xff, i & 0xff])));
  it('seqOf encodes 150,000 parts and reads back each in order', () => {
    const der = seqOf(parts);
    const read = children(readDer(der));
    expect(read.length).toBe(150_000);
    expect(read[149_999]!.body).toEqual(Buffer.from([2, 0x49, 0xef]));
  });
  it('setOf sorts 150,000 parts byte-wise', () => {
    const read = children(readDer(setOf([...parts].reverse())));
    expect(read[0]!.body).toEqual(Buffer.from([0, 0, 0]));
    expect(read.length).toBe(150_000);
  });
});

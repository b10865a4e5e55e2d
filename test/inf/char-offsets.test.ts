// charOffsets/anyOffsetIn against the plain answer (text.slice(start, end).includes(ch)) on random text.
import { describe, expect, it } from 'vitest';
import { anyOffsetIn, charOffsets } from '../../src/inf/char-offsets.js';

describe('charOffsets / anyOffsetIn', () => {
  it('agree with slicing and searching, spans empty, at the ends and past them', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 50; round++) {
      const text = Array.from({ length: next() % 60 }, () => 'ab$c%'[next() % 5]).join('');
      const offsets = charOffsets(text, '$');
      expect(offsets).toEqual([...text].flatMap((c, i) => (c === '$' ? [i] : [])));
      for (let start = 0; start <= text.length + 1; start++)
        for (let end = start; end <= text.length + 1; end++) expect(anyOffsetIn(offsets, start, end)).toBe(text.slice(start, end).includes('$'));
    }
  });
});

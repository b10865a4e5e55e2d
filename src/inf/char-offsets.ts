// Where a character occurs in an INF's text, for cheap "is there a '$' (or '%') in this
// span?" tests: the text is scanned once, then each test is a binary search. stampinf's
// token pass and the rules' model both skip spans this way.

/** The offsets of every `ch` in `text`, ascending. */
export function charOffsets(text: string, ch: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) out.push(i);
  return out;
}

/** Whether any of `offsets` (ascending) lies in [start, end). */
export function anyOffsetIn(offsets: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < offsets.length && offsets[lo]! < end;
}

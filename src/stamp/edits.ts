// Text edits over the decoded INF: each replaces [start, end) of the original
// text, or inserts whole lines at one offset. Applying them leaves every other
// character where it was, so re-encoding gives back every other byte.

export interface TextEdit {
  start: number;
  end: number;
  text: string;
  /** The section the edit belongs to, as first written in the file. */
  section: string;
  /** Inserted lines (a new entry or a new section) rather than a changed token. */
  insert?: boolean;
}

/** One changed line of the output, as --json reports it. `before` is null for an added line. */
export interface StampChange {
  section: string;
  /** 1-based line in the stamped file. */
  line: number;
  before: string | null;
  after: string;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineIndexAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function lineAt(text: string, starts: number[], index: number): string {
  const start = starts[index]!;
  const next = starts[index + 1];
  let end = next === undefined ? text.length : next - 1;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return text.slice(start, end);
}

/** Applies non-overlapping edits; returns the new text and the changed lines (none listed without `withChanges`). */
export function applyEdits(text: string, edits: TextEdit[], withChanges = true): { text: string; changes: StampChange[] } {
  const ordered = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || a.i - b.i)
    .map((x) => x.e);
  for (let k = 1; k < ordered.length; k++) {
    if (ordered[k]!.start < ordered[k - 1]!.end) throw new Error('overlapping stamp edits');
  }
  const pieces: string[] = [];
  const placed: { edit: TextEdit; outStart: number }[] = [];
  let at = 0;
  let length = 0;
  for (const edit of ordered) {
    const keep = text.slice(at, edit.start);
    pieces.push(keep);
    length += keep.length;
    placed.push({ edit, outStart: length });
    pieces.push(edit.text);
    length += edit.text.length;
    at = edit.end;
  }
  pieces.push(text.slice(at));
  const output = pieces.join('');
  if (output === text) return { text, changes: [] };
  if (!withChanges) return { text: output, changes: [] };

  const inStarts = lineStartsOf(text);
  const outStarts = lineStartsOf(output);
  const byLine = new Map<number, StampChange>();
  const added: StampChange[] = [];
  for (const { edit, outStart } of placed) {
    if (edit.insert) {
      const first = lineIndexAt(outStarts, outStart);
      edit.text.split('\n').forEach((piece, n) => {
        const line = piece.endsWith('\r') ? piece.slice(0, -1) : piece;
        if (line.trim() === '' || (n === 0 && outStart !== outStarts[first])) return;
        added.push({ section: edit.section, line: first + n + 1, before: null, after: line });
      });
      continue;
    }
    if (edit.text === text.slice(edit.start, edit.end)) continue;
    const outLine = lineIndexAt(outStarts, outStart);
    if (byLine.has(outLine)) continue;
    const inLine = lineIndexAt(inStarts, edit.start);
    byLine.set(outLine, { section: edit.section, line: outLine + 1, before: lineAt(text, inStarts, inLine), after: lineAt(output, outStarts, outLine) });
  }
  const changes = [...byLine.values(), ...added].sort((a, b) => a.line - b.line);
  return { text: output, changes };
}

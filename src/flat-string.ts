// A string built from many pieces (a template literal, +=) is a tree of them in
// V8 until something reads it. A listing that keeps 10,000 such blocks until it
// prints them had every tree, and the pieces it holds, copied by each
// young-generation collection and then promoted: reading one character makes
// the block one flat copy, and the tree garbage while it is still young. At
// 10,000 packages this took a tenth off `pnputil /enum-drivers` (docs/performance.md).

/** The same string, made flat now (it is kept until the end of a long listing). */
export function flatString(s: string): string {
  s.charCodeAt(0);
  return s;
}

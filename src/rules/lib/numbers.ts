// Integer fields as SetupGetIntField reads them: empty is 0, decimal or 0x hex.
// Read by hand (the same grammar as /^0x[0-9a-f]+$/i and /^-?\d+$/): called for
// every registry, service and DestinationDirs line, where two regex calls showed.
export function parseIntField(text: string | undefined): number | undefined {
  const t = (text ?? '').trim();
  const n = t.length;
  if (n === 0) return 0;
  const c0 = t.charCodeAt(0);
  if (n > 2 && c0 === 48 && (t.charCodeAt(1) | 0x20) === 120) {
    // 0x / 0X followed by hex digits only
    let i = 2;
    for (; i < n; i++) {
      const c = t.charCodeAt(i);
      if (!((c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102))) break;
    }
    if (i === n) return parseInt(t.slice(2), 16);
  }
  let i = c0 === 45 ? 1 : 0; // optional '-'
  if (i === n) return undefined;
  for (; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return parseInt(t, 10);
}

/** Whether a field holds an integer (possibly still a %token% the INF did not define). */
export function isIntField(text: string | undefined): boolean {
  return parseIntField(text) !== undefined;
}

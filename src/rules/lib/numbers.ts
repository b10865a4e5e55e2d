// Integer fields as SetupGetIntField reads them: empty is 0, decimal or 0x hex.
export function parseIntField(text: string | undefined): number | undefined {
  const t = (text ?? '').trim();
  if (t === '') return 0;
  if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t.slice(2), 16);
  if (/^-?\d+$/.test(t)) return parseInt(t, 10);
  return undefined;
}

/** Whether a field holds an integer (possibly still a %token% the INF did not define). */
export function isIntField(text: string | undefined): boolean {
  return parseIntField(text) !== undefined;
}

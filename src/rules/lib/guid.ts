// GUIDs as INF directives write them: {8-4-4-4-12} hex digits in braces.
export const GUID_RE = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i;

export function isGuid(text: string): boolean {
  return GUID_RE.test(text.trim());
}

// Microsoft-defined device setup classes (name <-> GUID) from src/inf/classes.ts,
// named as the documentation writes them; used by 1280/1281/1285.
import { SETUP_CLASSES } from '../../inf/classes.js';

const CLASSES: [string, string][] = SETUP_CLASSES.filter((c) => c.microsoft !== false).map((c) => [c.docName ?? c.name, c.guid]);

const BY_NAME = new Map(CLASSES.map(([n, g]) => [n.toLowerCase(), { name: n, guid: g }]));
const BY_GUID = new Map(CLASSES.map(([n, g]) => [g.toLowerCase(), { name: n, guid: g }]));

export function classByName(name: string): { name: string; guid: string } | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}

export function classByGuid(guid: string): { name: string; guid: string } | undefined {
  return BY_GUID.get(guid.trim().toLowerCase());
}

export { EXTENSION_GUID } from '../../inf/classes.js';

/** Class names Microsoft reserves (1284); the samples' "Sample" class is the documented case. */
export const RESERVED_CLASSES = new Set(['sample']);

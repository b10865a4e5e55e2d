// Destination directories of copies: [DestinationDirs] entry → DIRID + subdir.
import type { InfEntry } from '../../inf/document.js';
import { parseIntField } from './numbers.js';

export interface Destination {
  entry: InfEntry;
  dirid: number | undefined;
  subdir: string;
}

export function destination(entry: InfEntry | undefined): Destination | undefined {
  if (!entry) return undefined;
  const dirid = parseIntField(entry.fields[0]);
  return { entry, dirid: dirid === 65535 ? -1 : dirid, subdir: normalizeDir(entry.fields[1] ?? '') };
}

export function normalizeDir(path: string): string {
  return path.trim().replace(/\//g, '\\').replace(/^\\+|\\+$/g, '').toLowerCase();
}

// Destination directories of copies: [DestinationDirs] entry → DIRID + subdir.
import type { InfEntry } from '../../inf/document.js';
import { parseIntField } from './numbers.js';

export interface Destination {
  entry: InfEntry;
  dirid: number | undefined;
  subdir: string;
}

// Every copy of a list asks for the same few entries: each is read once (frozen, shared).
const READ = Symbol('wdksim.infverif.destination');
type WithDestination = InfEntry & { [READ]?: Destination };

export function destination(entry: InfEntry | undefined): Destination | undefined {
  if (!entry) return undefined;
  const holder = entry as WithDestination;
  let dest = holder[READ];
  if (dest === undefined) {
    const dirid = parseIntField(entry.fields[0]);
    dest = Object.freeze({ entry, dirid: dirid === 65535 ? -1 : dirid, subdir: normalizeDir(entry.fields[1] ?? '') });
    holder[READ] = dest;
  }
  return dest;
}

export function normalizeDir(path: string): string {
  if (path === '') return '';
  return path
    .trim()
    .replace(/\//g, '\\')
    .replace(/^\\+|\\+$/g, '')
    .toLowerCase();
}

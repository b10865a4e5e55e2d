// Which catalog an INF names for an architecture: [Version] CatalogFile.nt<arch>,
// then CatalogFile.nt, then CatalogFile (wdk-tools.md §3.4, 22.9.4).
import { catalogFileKeys, type Arch } from '../inf/arch.js';
import type { InfDocument, InfEntry } from '../inf/document.js';

export interface CatalogFileChoice {
  /** The catalog file name as written, e.g. KmdfHelloWorld.cat. */
  name: string;
  /** The key that supplied it, e.g. CatalogFile.NTamd64. */
  key: string;
  entry: InfEntry;
}

export function catalogFileFor(doc: InfDocument, arch: Arch): CatalogFileChoice | undefined {
  const version = doc.section('Version');
  if (!version) return undefined;
  for (const key of catalogFileKeys(arch)) {
    const entry = version.find(key);
    const value = entry?.fields[0]?.trim();
    if (entry && value) return { name: value, key: entry.key ?? key, entry };
  }
  return undefined;
}

// Hardware and compatible IDs (inf-format.md §3.1-§3.2): opaque strings,
// compared case-insensitively; < 200 characters; no control characters,
// spaces, commas or characters above 0x7F.

export const MAX_DEVICE_ID_LEN = 200;
export const MAX_IDS_PER_LIST = 64;

export type IdProblem = 'empty' | 'too-long' | 'bad-character';

export function checkDeviceId(id: string): IdProblem | undefined {
  if (id.length === 0) return 'empty';
  if (id.length >= MAX_DEVICE_ID_LEN) return 'too-long';
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c <= 0x20 || c > 0x7f || c === 0x2c) return 'bad-character';
  }
  return undefined;
}

export function sameId(a: string, b: string): boolean {
  return a.length === b.length && a.toUpperCase() === b.toUpperCase();
}

/** The enumerator of an ID: ROOT for ROOT\X, PCI for PCI\VEN_..., * for *PNP0F0C, the ID itself without backslash. */
export function enumeratorOf(id: string): string {
  const slash = id.indexOf('\\');
  if (slash > 0) return id.slice(0, slash).toUpperCase();
  return id.startsWith('*') ? '*' : id.toUpperCase();
}

export interface ModelsEntry {
  description: string;
  installSection: string;
  hardwareId?: string;
  compatibleIds: string[];
}

/** Splits a Models line: device-description = install-section-name[, hw-id][, compatible-id...] */
export function readModelsEntry(key: string | undefined, fields: readonly string[]): ModelsEntry {
  const [installSection = '', hardwareId, ...compatibleIds] = fields.map((f) => f.trim());
  return {
    description: key ?? '',
    installSection,
    ...(hardwareId ? { hardwareId } : {}),
    compatibleIds: compatibleIds.filter((id) => id !== ''),
  };
}

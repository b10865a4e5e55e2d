// The [DestinationDirs] entries some copy actually uses.
import type { InfEntry } from '../../inf/document.js';
import type { InfModel } from '../model.js';

export function usedDestinations(model: InfModel): InfEntry[] {
  const used = new Set<InfEntry>();
  for (const copy of model.copies) {
    const e = model.destinationOf(copy.list);
    if (e) used.add(e);
  }
  for (const ref of model.refs) {
    if (ref.kind !== 'delfiles' && ref.kind !== 'renfiles') continue;
    const e = model.destinationDirs.get(ref.name.toLowerCase());
    if (e) used.add(e);
  }
  return [...used].sort((a, b) => a.line - b.line);
}

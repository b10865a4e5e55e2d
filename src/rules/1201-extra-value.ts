import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import type { InfEntry } from '../inf/document.js';

/** [Version] directives and how many values each takes. */
const VERSION_ARITY = new Map([
  ['class', 1],
  ['classguid', 1],
  ['provider', 1],
  ['pnplockdown', 1],
  ['extensionid', 1],
  ['catalogfile', 1],
  ['driverver', 2],
]);
function versionArity(lowerKey: string): number | undefined {
  return VERSION_ARITY.get(lowerKey) ?? (lowerKey.startsWith('catalogfile.') ? 1 : undefined);
}

function extra(entry: InfEntry, max: number): number {
  const f = entry.fields;
  for (let i = f.length - 1; i >= max; i--) if (f[i]!.trim() !== '') return i;
  return -1;
}

export default defineRule<InfRuleContext>({
  id: '1201',
  name: 'extra-value',
  levels: levels('W'),
  summary: 'A directive has more values than it takes; the extra ones are ignored',
  fix: 'Remove the extra values',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const entry of ctx.model.version?.entries ?? []) {
      const arity = entry.hasEquals ? versionArity(entry.lowerKey ?? '') : undefined;
      if (arity === undefined) continue;
      const at = extra(entry, arity);
      if (at >= 0) ctx.report({ ...atField(entry, at), message: `${entry.rawKey} entry has an extra value '${entry.fields[at]!.trim()}' and will be ignored.` });
    }
    for (const entry of ctx.doc.section('DestinationDirs')?.entries ?? []) {
      const at = entry.hasEquals ? extra(entry, 2) : -1;
      if (at >= 0) ctx.report({ ...atField(entry, at), message: `${entry.key} entry has an extra value '${entry.fields[at]!.trim()}' and will be ignored.` });
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

/** Tables keyed by their first token: a repeated key is a duplicate. */
const KEYED = /^(sourcedisksfiles(\..*)?|sourcedisksnames(\..*)?|destinationdirs|strings(\..*)?)$/i;

export default defineRule<InfRuleContext>({
  id: '1294', name: 'duplicate-value', levels: levels('E'),
  summary: 'The same value appears twice in a section (a repeated line, or a repeated key in a keyed table)',
  fix: 'Remove the duplicate line',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const section of ctx.doc.sections) {
      if (/^version$/i.test(section.name)) continue; // 1088
      const keyed = KEYED.test(section.name);
      const seen = new Map<string, number>();
      for (const entry of section.entries) {
        const id = keyed
          ? (entry.hasEquals ? `k:${(entry.rawKey ?? '').trim().toLowerCase()}` : undefined)
          : `l:${(entry.rawKey ?? '').toLowerCase()}=${entry.rawFields.map((f) => f.trim().toLowerCase()).join(',')}`;
        if (id === undefined) continue;
        const first = seen.get(id);
        if (first !== undefined) {
          ctx.report({ ...atEntry(entry), message: keyed ? `Duplicate entry "${entry.rawKey}" in [${section.name}] (first at line ${first})` : `Duplicate line in [${section.name}] (first at line ${first})` });
        } else {
          seen.set(id, entry.line);
        }
      }
    }
  },
});

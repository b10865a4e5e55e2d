import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import type { InfEntry } from '../inf/document.js';

/** Tables keyed by their first token: a repeated key is a duplicate. */
const KEYED = /^(sourcedisksfiles(\..*)?|sourcedisksnames(\..*)?|destinationdirs|strings(\..*)?)$/;
function isKeyed(lowerName: string): boolean {
  const c = lowerName.charCodeAt(0);
  return (c === 115 /* s */ || c === 100 /* d */) && KEYED.test(lowerName);
}

export default defineRule<InfRuleContext>({
  id: '1294', name: 'duplicate-value', levels: levels('E'),
  summary: 'The same value appears twice in a section (a repeated line, or a repeated key in a keyed table)',
  fix: 'Remove the duplicate line',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const text = ctx.doc.text;
    // Bucket by a cheap small-integer fingerprint; build strings only on a collision.
    // A fingerprint's first entry; on a collision, the entries of that fingerprint by their text.
    // One map for the whole document, cleared per section.
    const buckets = new Map<number, InfEntry | Map<string, InfEntry>>();
    for (const section of ctx.doc.sections) {
      if (section.entries.length < 2 || section.lowerName === 'version') continue;
      const keyed = isKeyed(section.lowerName);
      buckets.clear();
      for (const entry of section.entries) {
        if (keyed && !entry.hasEquals) continue;
        const token = keyed ? entry.keyToken : undefined;
        const start = token ? token.start : entry.start;
        const end = token ? token.end : entry.end;
        if (end <= start) continue;
        const print = (((end - start) & 0xffff) << 14) ^ ((text.charCodeAt(start) | 32) << 7) ^ (text.charCodeAt(end - 1) | 32);
        const bucket = buckets.get(print);
        if (!bucket) {
          buckets.set(print, entry);
          continue;
        }
        const id = (e: InfEntry): string => (keyed ? (e.rawKey ?? '').toLowerCase() : text.slice(e.start, e.end).toLowerCase());
        let byId: Map<string, InfEntry>;
        if (bucket instanceof Map) {
          byId = bucket;
        } else {
          byId = new Map([[id(bucket), bucket]]);
          buckets.set(print, byId);
        }
        const mine = id(entry);
        const first = byId.get(mine);
        if (first) {
          ctx.report({ ...atEntry(entry), message: keyed ? `Duplicate entry "${entry.rawKey}" in [${section.name}] (first at line ${first.line})` : `Duplicate line in [${section.name}] (first at line ${first.line})` });
        } else {
          byId.set(mine, entry);
        }
      }
    }
  },
});

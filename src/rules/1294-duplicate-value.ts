import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import type { InfEntry } from '../inf/document.js';

/** Tables keyed by their first token: a repeated key is a duplicate. */
const KEYED = /^(sourcedisksfiles(\..*)?|sourcedisksnames(\..*)?|destinationdirs|strings(\..*)?)$/;
function isKeyed(lowerName: string): boolean {
  const c = lowerName.charCodeAt(0);
  return (c === 115 /* s */ || c === 100) /* d */ && KEYED.test(lowerName);
}

/** Sections up to this many entries compare fingerprints pairwise instead of hashing them. */
const SMALL = 24;
/** Scratch fingerprints, reused from section to section. */
let prints = new Int32Array(64);

export default defineRule<InfRuleContext>({
  id: '1294',
  name: 'duplicate-value',
  levels: levels('E'),
  summary: 'The same value appears twice in a section (a repeated line, or a repeated key in a keyed table)',
  fix: 'Remove the duplicate line',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const text = ctx.doc.text;
    const idOf = (e: InfEntry, keyed: boolean): string => (keyed ? (e.rawKey ?? '').toLowerCase() : text.slice(e.start, e.end).toLowerCase());
    const report = (entry: InfEntry, first: InfEntry, keyed: boolean, section: string): void => {
      ctx.report({
        ...atEntry(entry),
        message: keyed ? `Duplicate entry "${entry.rawKey}" in [${section}] (first at line ${first.line})` : `Duplicate line in [${section}] (first at line ${first.line})`,
      });
    };
    for (const section of ctx.doc.sections) {
      const entries = section.entries;
      const n = entries.length;
      if (n < 2 || section.lowerName === 'version') continue;
      const keyed = isKeyed(section.lowerName);
      // A cheap fingerprint per entry (length, first and last letter case-folded; -1 = not compared);
      // strings are built only for entries whose fingerprints meet.
      if (prints.length < n) prints = new Int32Array(n * 2);
      for (let i = 0; i < n; i++) {
        const entry = entries[i]!;
        const token = keyed ? (entry.hasEquals ? entry.keyToken : undefined) : undefined;
        const start = token ? token.start : entry.start;
        const end = token ? token.end : entry.end;
        prints[i] = (keyed && !entry.hasEquals) || end <= start ? -1 : (((end - start) & 0xffff) << 14) ^ ((text.charCodeAt(start) | 32) << 7) ^ (text.charCodeAt(end - 1) | 32);
      }
      if (n <= SMALL) {
        // Small sections (most of them): compare fingerprints pairwise, earliest match first.
        for (let j = 1; j < n; j++) {
          const p = prints[j]!;
          if (p < 0) continue;
          for (let i = 0; i < j; i++) {
            if (prints[i] !== p) continue;
            const first = entries[i]!;
            if (idOf(first, keyed) === idOf(entries[j]!, keyed)) {
              report(entries[j]!, first, keyed, section.name);
              break;
            }
          }
        }
        continue;
      }
      // A fingerprint's first entry; on a collision, the entries of that fingerprint by their text.
      const buckets = new Map<number, InfEntry | Map<string, InfEntry>>();
      for (let i = 0; i < n; i++) {
        const print = prints[i]!;
        if (print < 0) continue;
        const entry = entries[i]!;
        const bucket = buckets.get(print);
        if (!bucket) {
          buckets.set(print, entry);
          continue;
        }
        let byId: Map<string, InfEntry>;
        if (bucket instanceof Map) {
          byId = bucket;
        } else {
          byId = new Map([[idOf(bucket, keyed), bucket]]);
          buckets.set(print, byId);
        }
        const mine = idOf(entry, keyed);
        const first = byId.get(mine);
        if (first) report(entry, first, keyed, section.name);
        else byId.set(mine, entry);
      }
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atSection } from './context.js';
import type { InfSection } from '../inf/document.js';

function keys(section: InfSection): Set<string> {
  return new Set(section.entries.filter((e) => e.hasEquals && e.rawKey !== undefined).map((e) => e.rawKey!.trim().toLowerCase()));
}

export default defineRule<InfRuleContext>({
  id: '1295',
  name: 'strings-count',
  levels: levels('E'),
  summary: 'A localized [Strings.LangID] section defines a different number of strings than [Strings]',
  fix: 'Define every string of [Strings] in each [Strings.LangID] section (there is no per-key fallback)',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const base = ctx.doc.section('Strings');
    if (!base) return;
    let n = -1; // counted only when a localized section exists
    for (const section of ctx.doc.sections) {
      if (!section.lowerName.startsWith('strings.')) continue;
      if (n < 0) n = keys(base).size;
      const m = keys(section).size;
      if (m !== n) ctx.report({ ...atSection(section), message: `[${section.name}] defines ${m} strings but [Strings] defines ${n}` });
    }
  },
});

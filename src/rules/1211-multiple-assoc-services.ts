import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1211',
  name: 'multiple-assoc-services',
  levels: levels('E'),
  summary: 'Two AddService lines in one section carry the 0x2 (associated service) flag',
  fix: "Mark only the function driver's service with 0x2",
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const first = new Map<string, number>();
    for (const s of ctx.model.services) {
      if (s.flags === undefined || (s.flags & 2) === 0) continue;
      const key = s.entry.section.toLowerCase();
      const prior = first.get(key);
      if (prior === undefined) first.set(key, s.entry.line);
      else if (prior !== s.entry.line) ctx.report({ ...atEntry(s.entry), message: `Section [${s.entry.section}] has multiple associated services (0x2), first at line ${prior}` });
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atSection } from './context.js';

export default defineRule<InfRuleContext>({
  id: '2083', name: 'section-not-used', levels: levels('W'),
  summary: 'A section is never referenced or used',
  fix: 'Remove the section, or reference it from the directive that should process it',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    // Sections named from an included INF's point of view cannot be judged.
    const needsElsewhere = ctx.model.refs.some((r) => r.external && !ctx.doc.has(r.name));
    for (const section of ctx.doc.sections) {
      if (ctx.model.isReached(section)) continue;
      if (/\.security$/i.test(section.name)) continue;
      if (needsElsewhere && section.entries.length === 0) continue;
      ctx.report({ ...atSection(section), message: `Section [${section.lowerName}] not referenced or used.` });
    }
  },
});

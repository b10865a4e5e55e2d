import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, spanAt } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1209', name: 'section-defined-twice', levels: levels('E'),
  summary: 'A section header appears more than once (Windows merges the parts)',
  fix: 'Merge the parts into one section',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const section of ctx.doc.sections) {
      for (const header of section.headers.slice(1)) {
        ctx.report({ ...spanAt(header.span), message: `Section [${header.name}] is defined multiple times (first at line ${section.line})` });
      }
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, spanAt } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1209',
  name: 'section-defined-twice',
  levels: levels('E'),
  summary: 'A section header appears more than once (Windows merges the parts)',
  fix: 'Merge the parts into one section',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    // Once per section, on its first header, with the name in lower case: InfVerif prints
    // "dynambus.inx(25-25): error 1209: Section [destinationdirs] is defined multiple times."
    // for a [DestinationDirs] first written on line 25 (Windows-driver-samples#160, #133).
    for (const section of ctx.doc.sections) {
      if (section.headers.length < 2) continue;
      ctx.report({ ...spanAt(section.headers[0]!.span), message: `Section [${section.lowerName}] is defined multiple times.` });
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1229',
  name: 'missing-filename',
  levels: levels('E'),
  summary: 'A file-list line has no file name',
  fix: 'Write the destination file name first on the line',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const copy of ctx.model.copies) {
      if (copy.dest === '') ctx.report({ ...atEntry(copy.entry), message: `Missing file name in [${copy.list?.name ?? copy.entry.section}]` });
    }
  },
});

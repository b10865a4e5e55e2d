import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1008',
  name: 'invalid-disk-id',
  levels: levels('E'),
  summary: 'A [SourceDisksFiles] entry has a missing or non-numeric disk id',
  fix: 'Write file = diskid[,subdir] with the decimal disk id from [SourceDisksNames]',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const list of ctx.model.sourceFiles.values()) {
      for (const { entry } of list) {
        const id = (entry.fields[0] ?? '').trim();
        if (!entry.hasEquals || !/^\d+$/.test(id)) {
          ctx.report({ ...atField(entry, 0), message: `Missing or invalid disk ID for '${entry.key}' under [${entry.section}] section.` });
        }
      }
    }
  },
});

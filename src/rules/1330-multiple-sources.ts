import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import { destination } from './lib/dest.js';

export default defineRule<InfRuleContext>({
  id: '1330',
  name: 'multiple-sources',
  levels: modeLevels('E'),
  summary: 'Two different source files are copied to the same destination file',
  fix: 'Give each source its own destination name or directory',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const { model } = ctx;
    const targets = new Map<string, string>();
    const reported = new Set<string>();
    for (const copy of model.copies) {
      if (copy.dest === '') continue;
      const dest = destination(model.destinationOf(copy.list));
      const dir = dest ? `${dest.dirid ?? '?'}\\${dest.subdir}` : '11\\';
      const key = `${dir}\\${copy.dest.toLowerCase()}`;
      const prior = targets.get(key);
      if (prior === undefined) targets.set(key, copy.source);
      else if (prior.toLowerCase() !== copy.source.toLowerCase() && !reported.has(key)) {
        reported.add(key);
        ctx.report({ ...atEntry(copy.entry), message: `Cannot copy multiple different sources files ('${prior}' and '${copy.source}') to destination file '${copy.dest}'.` });
      }
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import { destination, normalizeDir } from './lib/dest.js';

export default defineRule<InfRuleContext>({
  id: '1100', name: 'dirid13-copy-mismatch', levels: levels('E'),
  summary: 'A copy to DIRID 13 renames the file or puts it in a different subdirectory than [SourceDisksFiles] does',
  fix: 'For DIRID 13 keep the destination name equal to the source name and the DestinationDirs subdirectory equal to the SourceDisksFiles one',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const { model } = ctx;
    for (const copy of model.copies) {
      const dest = destination(model.destinationOf(copy.list));
      if (!dest || dest.dirid !== 13 || copy.dest === '') continue;
      if (copy.dest.toLowerCase() !== copy.source.toLowerCase()) {
        ctx.report({ ...atEntry(copy.entry), message: `File ${copy.source} is copied to DIRID 13 as ${copy.dest}; source and destination names must match for DIRID 13` });
        continue;
      }
      const sources = model.sourceFiles.get(copy.source.toLowerCase()) ?? [];
      for (const src of sources.slice(0, 1)) {
        const subdir = normalizeDir(src.entry.fields[1] ?? '');
        if (subdir !== dest.subdir) {
          ctx.report({ ...atEntry(copy.entry), message: `File ${copy.source} comes from subdirectory "${subdir}" but is copied to DIRID 13 subdirectory "${dest.subdir}"; they must match` });
        }
      }
    }
  },
});

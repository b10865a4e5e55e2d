import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1230',
  name: 'missing-sourcedisksfiles',
  levels: levels('E'),
  summary: 'A copied file is not listed under [SourceDisksFiles] (for every architecture the INF installs on)',
  fix: 'Add "file.sys = 1" to [SourceDisksFiles] (or to each [SourceDisksFiles.<arch>])',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const { model } = ctx;
    const archs = [...model.archs].filter((a) => a !== '$ARCH$');
    const seen = new Set<string>();
    for (const copy of model.copies) {
      if (copy.source === '') continue;
      const key = `${copy.entry.line}:${copy.source.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const found = model.sourceFiles.get(copy.source.toLowerCase());
      if (!found) {
        ctx.report({ ...atEntry(copy.entry), message: `Missing file '${copy.source}' under [SourceDisksFiles] section.` });
        continue;
      }
      if (found.some((f) => f.arch === '' || f.arch === '$arch$')) continue;
      for (const arch of archs) {
        if (!found.some((f) => f.arch === arch)) {
          ctx.report({ ...atEntry(copy.entry), message: `Missing file '${copy.source}' under [SourceDisksFiles] section.`, targetOs: `NT${arch}` });
        }
      }
    }
  },
});

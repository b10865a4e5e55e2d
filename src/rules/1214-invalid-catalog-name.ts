import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1214',
  name: 'invalid-catalog-name',
  levels: levels('E'),
  summary: 'A CatalogFile entry is not a plain file name ending in .cat',
  fix: 'Write CatalogFile=name.cat (no path, .cat extension)',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const entry of ctx.model.version?.entries ?? []) {
      if (!entry.hasEquals || !/^catalogfile(\.nt(x86|amd64|arm64|arm|ia64|\$ARCH\$)?)?$/i.test(entry.key ?? '')) continue;
      const value = (entry.fields[0] ?? '').trim();
      if (value === '' && ctx.options.stampinf) continue; // stampinf -c fills it
      if (!/^[^\\/:*?"<>|]+\.cat$/i.test(value)) {
        ctx.report({ ...atField(entry, 0), message: `Invalid catalog file '${value}', expecting 'filename.cat'.` });
      }
    }
  },
});

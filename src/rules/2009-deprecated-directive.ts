import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

const DEPRECATED = new Set(['driverpackagedisplayname', 'driverpackagetype']);

export default defineRule<InfRuleContext>({
  id: '2009',
  name: 'deprecated-directive',
  levels: levels('W'),
  summary: 'A deprecated (DIFx) directive is ignored by Windows',
  fix: 'Remove the directive',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const entry of ctx.model.version?.entries ?? []) {
      if (entry.hasEquals && DEPRECATED.has(entry.key?.toLowerCase() ?? '')) {
        ctx.report({ ...atEntry(entry), message: `Legacy directive '${entry.rawKey}' will be ignored.` });
      }
    }
  },
});

import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { registryLines } from './lib/registry.js';

export default defineRule<InfRuleContext>({
  // Not in /h: the Hardware Dev Center's check of IddSampleDriver.inf, whose UpperFilters is an
  // AddReg value, printed only 2084, and the same INF passed it before (roshkins/IddSampleDriver#53).
  id: '1329',
  name: 'filters-via-registry',
  levels: modeLevels('-/-/E', '-'),
  summary: 'Driver isolation: filters are added through UpperFilters/LowerFilters registry values',
  fix: 'Declare filters in a [<install>.Filters] section with AddFilter',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const r of registryLines(ctx.model)) {
      if (r.ref.kind === 'registry' && /^(upper|lower)filters$/i.test(r.valueName) && /\.hw$/i.test(r.ref.entry.section)) {
        ctx.report({ ...atField(r.entry, 2), message: 'Cannot add filters with registry or property, use [DDInstall.Filters] section.' });
      }
    }
  },
});

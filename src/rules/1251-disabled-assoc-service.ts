import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import { parseIntField } from './lib/numbers.js';

export default defineRule<InfRuleContext>({
  id: '1251',
  name: 'disabled-assoc-service',
  levels: levels('W'),
  summary: 'The associated (0x2) service has StartType 4 (disabled)',
  fix: 'Use StartType=3 (demand start) for a PnP function driver',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const s of ctx.model.services) {
      if (!s.section || s.flags === undefined || (s.flags & 2) === 0) continue;
      if (parseIntField(s.section.value('StartType')) === 4)
        ctx.report({ ...atEntry(s.entry), message: `Cannot add disabled (StartType=4) service '${s.name}' with SPSVCINST_ASSOCSERVICE flag.` });
    }
  },
});

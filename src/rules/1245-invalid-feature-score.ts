import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1245',
  name: 'invalid-feature-score',
  levels: levels('E'),
  summary: 'FeatureScore is not a single byte (0x00-0xFF)',
  fix: 'Write FeatureScore = 0xNN',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const entry of ctx.model.directives('featurescore')) {
      {
        const raw = (entry.fields[0] ?? '').trim();
        // Read as hex with or without 0x (the KMDOD sample writes FeatureScore=F9).
        const n = /^(0x)?[0-9a-f]{1,2}$/i.test(raw) ? parseInt(raw.replace(/^0x/i, ''), 16) : undefined;
        if (n === undefined) ctx.report({ ...atField(entry, 0), message: `Invalid feature score "${raw}"; expecting one byte, 0x00-0xFF` });
      }
    }
  },
});

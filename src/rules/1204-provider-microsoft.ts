import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1204',
  name: 'provider-microsoft',
  levels: levels('E'),
  summary: 'Provider cannot be "Microsoft"; it names the organisation that wrote the INF',
  fix: 'Set Provider to your organisation (usually through a %string% token)',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const entry = ctx.model.version?.find('Provider');
    const value = entry?.fields[0]?.trim() ?? '';
    if (entry && /^microsoft/i.test(value)) {
      ctx.report({ ...atField(entry, 0), message: 'Provider cannot be "Microsoft", must be organization who authored INF.' });
    }
  },
});

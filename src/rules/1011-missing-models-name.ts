import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1011',
  name: 'missing-models-name',
  levels: levels('E'),
  summary: 'A [Manufacturer] entry does not name its Models section',
  fix: 'Write %Mfg% = ModelsSection, NTamd64',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const line of ctx.model.manufacturerLines) {
      if (line.modelsName === '') ctx.report({ ...atEntry(line.entry), message: 'Missing models section name in [Manufacturer] section.' });
    }
  },
});

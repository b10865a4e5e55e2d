import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atToken } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1287',
  name: 'invalid-decoration',
  levels: levels('E'),
  summary: 'A TargetOSVersion decoration in [Manufacturer] cannot be parsed',
  fix: 'Write NT<arch>[.<major>[.<minor>[.<productType>[.<suiteMask>[.<build>]]]]], e.g. NTamd64.10.0...19041',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const line of ctx.model.manufacturerLines) {
      for (const d of line.decorations) {
        if (d.error) ctx.report({ ...atToken(line.entry, d.token), message: `Invalid target OS decoration "${d.text}": ${d.error}` });
      }
    }
  },
});

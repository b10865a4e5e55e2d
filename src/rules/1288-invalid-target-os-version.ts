import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atToken } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1288',
  name: 'invalid-target-os-version',
  levels: levels('E'),
  summary: 'A decoration with a build number must target 10.0 and a build of at least 14310',
  fix: 'Use NT<arch>.10.0...<build> with build 14310 or later (e.g. 17763)',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const line of ctx.model.manufacturerLines) {
      for (const d of line.decorations) {
        const dec = d.dec;
        if (!dec || dec.build === undefined) continue;
        const old = (dec.major ?? 0) < 10;
        if (old || dec.build < 14310) {
          ctx.report({
            ...atToken(line.entry, d.token),
            message: `Invalid target OS version "${d.text}": ${old ? 'a build number needs OS version 10.0' : `build ${dec.build} is below 14310`}`,
            targetOs: d.text,
          });
        }
      }
    }
  },
});

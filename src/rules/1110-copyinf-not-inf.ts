import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1110',
  name: 'copyinf-not-inf',
  levels: levels('E'),
  summary: 'CopyINF names a file that is not an INF',
  fix: 'List only .inf files in CopyINF; copy other files with CopyFiles',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const entry of ctx.model.directives('copyinf')) {
      entry.fields.forEach((f, i) => {
        const name = f.trim();
        if (name !== '' && !/\.inf$/i.test(name)) ctx.report({ ...atField(entry, i), message: `Cannot specify file '${name}' in a CopyINF directive.` });
      });
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1402',
  name: 'deprecated-umdf-version',
  levels: levels('-/-/E'),
  summary: 'UMDF 1.x (UmdfLibraryVersion 1.x) is deprecated',
  fix: 'Port the driver to UMDF 2 (UmdfLibraryVersion=$UMDFVERSION$ stamped to 2.x)',
  docsUrl: INFVERIF_DOCS,
  // Wording as 10.0.26100 prints it (frankmorgner/vsmartcard#321).
  check(ctx) {
    for (const entry of ctx.model.directives('umdflibraryversion')) {
      {
        const v = (entry.fields[0] ?? '').trim();
        if (/^1\./.test(v)) ctx.report({ ...atField(entry, 0), message: `UMDF version ${v} has been deprecated, driver should be ported to use version UMDF 2 driver model.` });
      }
    }
  },
});

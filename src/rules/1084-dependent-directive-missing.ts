import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1084',
  name: 'dependent-directive-missing',
  levels: levels('E'),
  summary: 'KmdfService/UmdfService names a section without KmdfLibraryVersion/UmdfLibraryVersion',
  fix: 'Add KmdfLibraryVersion (or UmdfLibraryVersion) to the WDF service install section',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const key of ['kmdfservice', 'umdfservice']) {
      for (const entry of ctx.model.directives(key)) {
        const target = ctx.doc.section((entry.fields[1] ?? '').trim());
        const needed = key === 'kmdfservice' ? 'KmdfLibraryVersion' : 'UmdfLibraryVersion';
        if (target && !target.find(needed)) {
          ctx.report({ ...atEntry(entry), message: `${entry.rawKey} requires ${needed} in [${target.name}]` });
        }
      }
    }
  },
});

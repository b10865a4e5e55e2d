import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1084', name: 'dependent-directive-missing', levels: levels('E'),
  summary: 'KmdfService/UmdfService names a section without KmdfLibraryVersion/UmdfLibraryVersion',
  fix: 'Add KmdfLibraryVersion (or UmdfLibraryVersion) to the WDF service install section',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const section of ctx.doc.sections) {
      if (!ctx.model.installLike.has(section.name.toLowerCase())) continue;
      for (const entry of section.entries) {
        const key = entry.key?.toLowerCase();
        if (!entry.hasEquals || (key !== 'kmdfservice' && key !== 'umdfservice')) continue;
        const target = ctx.doc.section((entry.fields[1] ?? '').trim());
        const needed = key === 'kmdfservice' ? 'KmdfLibraryVersion' : 'UmdfLibraryVersion';
        if (target && !target.find(needed)) {
          ctx.report({ ...atEntry(entry), message: `${entry.rawKey} requires ${needed} in [${target.name}]` });
        }
      }
    }
  },
});

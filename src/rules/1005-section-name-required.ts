import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import { DIRECTIVES } from './model.js';

export default defineRule<InfRuleContext>({
  id: '1005', name: 'section-name-required', levels: levels('E'),
  summary: 'A directive that names sections (AddReg=, CopyFiles=...) names none',
  fix: 'Name the section(s) the directive processes, or remove the line',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const section of ctx.model.installSections) {
      for (const entry of section.entries) {
        const spec = DIRECTIVES[entry.key?.toLowerCase() ?? ''];
        if (!entry.hasEquals || !spec || spec.fields !== 'all') continue;
        if (entry.fields.every((f) => f.trim() === '')) {
          ctx.report({ ...atEntry(entry), message: `Section name is required for the ${entry.rawKey} directive` });
        }
      }
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import { DIRECTIVES } from './model.js';

/** Directives whose every field names a section. */
const LIST_DIRECTIVES = Object.entries(DIRECTIVES).filter(([, spec]) => spec.fields === 'all').map(([key]) => key);

export default defineRule<InfRuleContext>({
  id: '1005', name: 'section-name-required', levels: levels('E'),
  summary: 'A directive that names sections (AddReg=, CopyFiles=...) names none',
  fix: 'Name the section(s) the directive processes, or remove the line',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const entries = LIST_DIRECTIVES.flatMap((key) => [...ctx.model.directives(key)]).sort((a, b) => a.line - b.line);
    for (const entry of entries) {
      if (entry.fields.every((f) => f.trim() === '')) {
        ctx.report({ ...atEntry(entry), message: `Section name is required for the ${entry.rawKey} directive` });
      }
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import { DIRECTIVES } from './model.js';

/** Directives whose every field names a section. */
const LIST_DIRECTIVES = Object.entries(DIRECTIVES)
  .filter(([, spec]) => spec.fields === 'all')
  .map(([key]) => key);

function isBlank(field: string): boolean {
  return field.trim() === '';
}

export default defineRule<InfRuleContext>({
  id: '1005',
  name: 'section-name-required',
  levels: levels('E'),
  summary: 'A directive that names sections (AddReg=, CopyFiles=...) names none',
  fix: 'Name the section(s) the directive processes, or remove the line',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    // Reports are sorted by line at the end: no need to merge the lists in file order here.
    for (const key of LIST_DIRECTIVES) {
      for (const entry of ctx.model.directives(key)) {
        if (entry.fields.every(isBlank)) ctx.report({ ...atEntry(entry), message: `Section name required for ${entry.rawKey} directive.` });
      }
    }
  },
});

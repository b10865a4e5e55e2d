import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry, atToken } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1203',
  name: 'section-not-found',
  levels: levels('E'),
  summary: 'A directive, Manufacturer or Models entry names a section the INF does not have',
  fix: 'Add the section, correct the name, or write CopyFiles=@file.sys to copy a single file',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const { doc, model } = ctx;
    for (const ref of model.refs) {
      if (ref.kind === 'service') continue; // 2006
      if (doc.has(ref.name)) continue;
      if (ref.external) {
        const from = doc.section(ref.entry.section);
        if (from && from.findAll('Include').length > 0) continue; // supplied by the included INF
      }
      const single = ref.kind === 'files' && /\.[a-z0-9]{1,4}$/i.test(ref.name);
      ctx.report({
        ...atToken(ref.entry, ref.token),
        message: `Section [${ref.name.toLowerCase()}] not found.`,
        ...(single ? { fix: `To copy a single file write ${ref.directive}=@${ref.name}` } : {}),
      });
    }
    const reportedModels = new Set<string>();
    for (const m of model.modelsSections) {
      if (m.section || reportedModels.has(m.name.toLowerCase())) continue;
      reportedModels.add(m.name.toLowerCase());
      ctx.report({ ...atEntry(m.line.entry), message: `Section [${m.name.toLowerCase()}] not found.` });
    }
    for (const install of model.installs) {
      if (install.section) continue;
      const base = install.model.installBase;
      ctx.report({
        ...atToken(install.model.entry, install.model.entry.fieldTokens[0]),
        message: `Section [${base.toLowerCase()}] not found.`,
      });
    }
  },
});

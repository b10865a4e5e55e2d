import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atSection } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1300', name: 'legacy-section', levels: modeLevels('E'),
  summary: 'A legacy install section is used (.CoInstallers, .LogConfigOverride)',
  fix: 'Remove the legacy section; Windows 10 packages need no co-installer',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const section of ctx.doc.sections) {
      if (/\.(coinstallers|logconfigoverride)$/i.test(section.name) && ctx.model.installLike.has(section.name.toLowerCase())) {
        ctx.report({ ...atSection(section), message: `Found legacy section [${section.name}]` });
      }
    }
  },
});

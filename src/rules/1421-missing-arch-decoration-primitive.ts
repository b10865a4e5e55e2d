import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atSection } from './context.js';
import { undecoratedPrimitiveSections } from './lib/primitive.js';

export default defineRule<InfRuleContext>({
  // A warning with no mode switch, an error in /k /u /w (Windows-driver-samples#891 and #889).
  id: '1421',
  name: 'missing-arch-decoration-primitive',
  levels: modeLevels('E'),
  summary: "A primitive driver's [DefaultInstall] or [DefaultUninstall] section has no architecture decoration",
  fix: 'Rename it [DefaultInstall.NTamd64] / [DefaultUninstall.NTamd64] (or .NT$ARCH$ in an INX)',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const { section } of undecoratedPrimitiveSections(ctx.doc)) {
      ctx.report({ ...atSection(section), message: `Section [${section.name}] missing an architecture decoration.` });
    }
  },
});

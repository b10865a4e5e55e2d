import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext } from './context.js';
import { undecoratedPrimitiveSections } from './lib/primitive.js';

export default defineRule<InfRuleContext>({
  // Reported for the whole file (line 0) together with 1421 on an undecorated [DefaultInstall]
  // (Windows-driver-samples#553, #889, #891): a warning with no mode switch.
  id: '1420',
  name: 'defaultinstall-not-primitive',
  levels: modeLevels('E'),
  summary: 'An INF installed through an undecorated [DefaultInstall] cannot be processed as a primitive driver',
  fix: 'Decorate [DefaultInstall] with the architecture ([DefaultInstall.NTamd64]) so the INF is a primitive driver',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    if (undecoratedPrimitiveSections(ctx.doc).some((r) => r.root === 'defaultinstall')) {
      ctx.report({ line: 0, message: '[DefaultInstall]-based INF cannot be processed as Primitive.' });
    }
  },
});

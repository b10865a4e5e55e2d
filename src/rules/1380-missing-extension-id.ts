import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atSection } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1380',
  name: 'missing-extension-id',
  levels: levels('E'),
  summary: 'An extension INF (Class=Extension) has no ExtensionId',
  fix: 'Add ExtensionId={your-guid} to [Version] and keep it the same across versions',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const version = ctx.model.version;
    if (version && ctx.model.isExtension && !version.find('ExtensionId')) {
      ctx.report({ ...atSection(version), message: 'Extension INF must specify ExtensionId in [Version]' });
    }
  },
});

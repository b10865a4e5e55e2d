import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { isGuid } from './lib/guid.js';

export default defineRule<InfRuleContext>({
  id: '1381',
  name: 'invalid-extension-id',
  levels: levels('E'),
  summary: 'ExtensionId is not a GUID',
  fix: 'Write ExtensionId as {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const entry = ctx.model.version?.find('ExtensionId');
    const value = entry?.fields[0]?.trim() ?? '';
    if (entry && !isGuid(value)) ctx.report({ ...atField(entry, 0), message: `Invalid ExtensionId "${value}"` });
  },
});

import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField, atSection } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1324',
  name: 'pnplockdown',
  levels: modeLevels('W/W/E'),
  summary: '[Version] should specify PnpLockdown=1',
  fix: 'Add PnpLockdown=1 to [Version]',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const version = ctx.model.version;
    if (!version) return;
    const entry = version.find('PnpLockdown');
    if (!entry) ctx.report({ ...atSection(version), message: '[Version] section should specify PnpLockdown=1 to prevent external apps from modifying installed driver files.' });
    else if ((entry.fields[0] ?? '').trim() !== '1')
      ctx.report({ ...atField(entry, 0), message: '[Version] section should specify PnpLockdown=1 to prevent external apps from modifying installed driver files.' });
  },
});

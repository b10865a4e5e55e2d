import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1271',
  name: 'missing-install-section-name',
  levels: levels('E'),
  summary: 'A Models entry does not name its install (DDInstall) section',
  fix: 'Write %DeviceDesc% = InstallSection, hardware-id',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const m of ctx.model.modelEntries) {
      if (m.entry.hasEquals && m.installBase === '') ctx.report({ ...atEntry(m.entry), message: 'Missing model install section name.' });
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atSection } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1212',
  name: 'defaultinstall-and-manufacturer',
  levels: levels('E'),
  summary: 'An INF cannot have both [DefaultInstall] and [Manufacturer]',
  fix: 'Keep [Manufacturer] for a device driver, or [DefaultInstall] for a primitive driver, not both',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    if (!ctx.doc.has('Manufacturer')) return;
    const first = ctx.doc.sections.find((s) => /^defaultinstall(\.|$)/i.test(s.name));
    if (first) ctx.report({ ...atSection(first), message: `Cannot have both [Manufacturer] and [${first.name}] sections.` });
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry, atSection } from './context.js';
import type { InfSection } from '../inf/document.js';

/**
 * Kits before 10.0.22621 print the section's last line with a value ([DefaultUninstall] on 55 with
 * its one DelFiles on 56 is reported at 56, microsoft/ebpf-for-windows#503, #283); 10.0.22621 prints
 * the header ([ToastCoInfo] on 110, Windows-driver-samples#936).
 */
function atUnusedSection(ctx: InfRuleContext, section: InfSection) {
  const last = section.entries[section.entries.length - 1];
  return ctx.kit.build < 22621 && last ? atEntry(last) : atSection(section);
}

export default defineRule<InfRuleContext>({
  id: '2083',
  name: 'section-not-used',
  levels: levels('W'),
  summary: 'A section is never referenced or used',
  fix: 'Remove the section, or reference it from the directive that should process it',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    // Sections named from an included INF's point of view cannot be judged.
    const needsElsewhere = ctx.model.refs.some((r) => r.external && !ctx.doc.has(r.name));
    for (const section of ctx.doc.sections) {
      if (ctx.model.isReached(section)) continue;
      if (/\.security$/i.test(section.name)) continue;
      if (needsElsewhere && section.entries.length === 0) continue;
      ctx.report({ ...atUnusedSection(ctx, section), message: `Section [${section.lowerName}] not referenced or used.` });
    }
  },
});

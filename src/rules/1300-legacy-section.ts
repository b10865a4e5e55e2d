import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atSection } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1300',
  name: 'legacy-section',
  levels: modeLevels('E'),
  summary: 'A legacy install section is used (.LogConfigOverride; co-installers are 1303)',
  fix: 'Remove the legacy section; Windows 10 packages need no co-installer',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const section of ctx.doc.sections) {
      const lower = section.lowerName;
      // Not .CoInstallers: InfVerif reports the co-installer's AddReg line (1303) and not the section
      // (virtio-win/kvm-guest-drivers-windows#541, Windows-driver-samples#936).
      if (lower.endsWith('.logconfigoverride') && ctx.model.installLike.has(lower)) {
        ctx.report({ ...atSection(section), message: `Found legacy section [${section.name}].` });
      }
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atSection } from './context.js';
import { COMPANIONS } from './model.js';

export default defineRule<InfRuleContext>({
  id: '1421', name: 'missing-arch-decoration-primitive', levels: levels('E'),
  summary: 'A primitive driver\'s [DefaultInstall] section has no architecture decoration',
  fix: 'Rename it [DefaultInstall.NTamd64] (or .NT$ARCH$ in an INX)',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    if (ctx.doc.has('Manufacturer')) return; // 1212 covers the mix
    for (const section of ctx.doc.sections) {
      const m = /^defaultinstall(\..*)?$/i.exec(section.name);
      if (!m) continue;
      const rest = (m[1] ?? '').toLowerCase();
      if (COMPANIONS.some((c) => rest === `.${c.toLowerCase()}` || rest === `.nt.${c.toLowerCase()}`)) continue;
      if (rest === '' || rest === '.nt' || rest.startsWith('.nt.')) ctx.report({ ...atSection(section), message: `Section [${section.name}] must have an architecture decoration` });
    }
  },
});

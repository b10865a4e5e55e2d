import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry, atSection, atToken } from './context.js';

export default defineRule<InfRuleContext>({
  id: '2010',
  name: 'missing-arch-decoration',
  levels: levels('W'),
  summary: 'A Models section has no architecture decoration and is treated as x86 only',
  fix: 'Decorate the Models section with the architecture: %Mfg% = Models, NTamd64',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    // Reported on the Models section's header (the section that lacks the
    // decoration), or on the [Manufacturer] line when that section is missing.
    for (const m of ctx.model.modelsSections) {
      if (m.dec?.arch) continue;
      // An empty undecorated Models section beside decorated ones deliberately excludes old Windows.
      if (!m.dec && m.line.decorations.length > 0 && m.section && m.section.entries.length === 0) continue;
      const text = m.dec ? `Section [${m.name}] has no architecture in decoration "${m.dec.text}"` : `Section [${m.name}] has no .NT<arch> decoration`;
      const message = `${text}; it is implicitly treated as x86`;
      if (m.section) {
        ctx.report({ ...atSection(m.section), message });
      } else {
        const d = m.dec ? m.line.decorations.find((x) => x.dec === m.dec) : undefined;
        ctx.report({ ...(d ? atToken(m.line.entry, d.token) : atEntry(m.line.entry)), message });
      }
    }
  },
});

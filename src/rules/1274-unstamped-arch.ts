import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atSection, atToken } from './context.js';
import { isCompanionName } from './model.js';

export default defineRule<InfRuleContext>({
  id: '1274',
  name: 'unstamped-arch',
  levels: levels('E'),
  summary: 'A $ARCH$ token is still in the INF: stampinf has not run (or run infverif with /stampinf on an INX)',
  fix: 'Run stampinf (-a amd64) on the INX, or pass /stampinf to validate the unstamped file',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    if (ctx.options.stampinf) return;
    for (const line of ctx.model.manufacturerLines) {
      const d = line.decorations.find((x) => x.text.includes('$ARCH$'));
      if (d) ctx.report({ ...atToken(line.entry, d.token), message: `Unresolved $ARCH$ in decoration "${d.text}"; run stampinf to set the architecture` });
    }
    for (const section of ctx.doc.sections) {
      if (!section.name.includes('$ARCH$') || !/^(defaultinstall|defaultuninstall|classinstall32)\./i.test(section.name)) continue;
      if (isCompanionName(section.name)) continue;
      ctx.report({ ...atSection(section), message: `Unresolved $ARCH$ in section [${section.name}]; run stampinf to set the architecture` });
    }
  },
});

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
  // InfVerif's words (10.0.26100): "Unresolved $ARCH$ token for section [generic.nt$arch$]. Must run
  // stampinf tool to resolve case sensitive $ARCH$ tokens." (a public INF-verifier note on a WDF
  // template's [Manufacturer] %ManufacturerName% = Generic,NT$ARCH$): the Models section, in lower case.
  check(ctx) {
    if (ctx.options.stampinf) return;
    const message = (section: string) => `Unresolved $ARCH$ token for section [${section.toLowerCase()}]. Must run stampinf tool to resolve case sensitive $ARCH$ tokens.`;
    for (const line of ctx.model.manufacturerLines) {
      const d = line.decorations.find((x) => x.text.includes('$ARCH$'));
      if (d) ctx.report({ ...atToken(line.entry, d.token), message: message(`${line.modelsName}.${d.text}`) });
    }
    for (const section of ctx.doc.sections) {
      if (!section.name.includes('$ARCH$') || !/^(defaultinstall|defaultuninstall|classinstall32)\./i.test(section.name)) continue;
      if (isCompanionName(section.name)) continue;
      ctx.report({ ...atSection(section), message: message(section.name) });
    }
  },
});

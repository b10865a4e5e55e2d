import { defineRule, levels, INF_SYNTAX_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';

const TOKEN = /\$(KMDFVERSION|UMDFVERSION|KMDFCOINSTALLERVERSION|UMDFCOINSTALLERVERSION)\$/;

export default defineRule<InfRuleContext>({
  id: '9005',
  name: 'unstamped-token',
  levels: levels('W'),
  summary: 'An INX token that stampinf replaces ($KMDFVERSION$, $UMDFVERSION$...) is still in the INF',
  fix: 'Run stampinf (-k/-u) on the INX, or pass /stampinf to validate the unstamped file',
  docsUrl: INF_SYNTAX_DOCS,
  check(ctx) {
    if (ctx.options.stampinf) return;
    // Every token starts "$KMDF" or "$UMDF": a file without either has nothing to find
    // (one scan for the rare '$', then a look at the four letters after each).
    const text = ctx.doc.text;
    let found = false;
    for (let i = text.indexOf('$'); i !== -1 && !found; i = text.indexOf('$', i + 1)) {
      found = text.startsWith('MDF', i + 2) && (text.charCodeAt(i + 1) === 75 /* K */ || text.charCodeAt(i + 1) === 85); /* U */
    }
    if (!found) return;
    const model = ctx.model;
    for (const section of ctx.doc.sections) {
      for (const entry of section.entries) {
        if (!model.hasCharIn('$', entry.start, entry.end)) continue;
        const fields = entry.fields;
        for (let i = 0; i < fields.length; i++) {
          const f = fields[i]!;
          const m = f.indexOf('$') === -1 ? null : TOKEN.exec(f);
          if (m) ctx.report({ ...atField(entry, i), message: `Unstamped token ${m[0]}; stampinf replaces it with the WDF version` });
        }
      }
    }
  },
});

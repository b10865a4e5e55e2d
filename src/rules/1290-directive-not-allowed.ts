import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

/** Directive → the section suffix it belongs in. */
const HOME: Record<string, RegExp> = {
  addservice: /\.services$/i,
  delservice: /\.services$/i,
  kmdfservice: /\.wdf$/i,
  umdfservice: /\.wdf$/i,
  umdfserviceorder: /\.wdf$/i,
};

// A Map reads fresh key strings cheaply, and a `constructor=` line finds nothing (HOME[key] found Object).
const HOMES = new Map(Object.entries(HOME));

export default defineRule<InfRuleContext>({
  id: '1290',
  name: 'directive-not-allowed',
  levels: levels('E'),
  summary: 'A directive is used in a section where it is not valid (AddService outside .Services, KmdfService outside .Wdf, CopyFiles in .Services)',
  fix: 'Move the directive to the section type that takes it',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const serviceSections = new Set(ctx.model.services.map((s) => s.section?.lowerName));
    for (const section of ctx.model.installSections) {
      const lower = section.lowerName;
      if (serviceSections.has(lower)) continue;
      for (const entry of section.entries) {
        const key = entry.lowerKey ?? '';
        if (!entry.hasEquals) continue;
        const home = HOMES.get(key);
        if (home && !home.test(section.name)) {
          ctx.report({ ...atEntry(entry), message: `Invalid directive '${entry.rawKey}' for [${section.name}] section.` });
        } else if (key === 'copyfiles' && /\.services$/i.test(section.name)) {
          ctx.report({ ...atEntry(entry), message: `Invalid directive '${entry.rawKey}' for [${section.name}] section.` });
        }
      }
    }
  },
});

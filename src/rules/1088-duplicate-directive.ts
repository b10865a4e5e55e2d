import type { InfSection } from '../inf/document.js';
import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';

const VERSION_SINGLE = /^(signature|class|classguid|provider|driverver|pnplockdown|extensionid|catalogfile(\..*)?)$/i;
const SERVICE_SINGLE = /^(servicetype|starttype|errorcontrol|servicebinary|displayname|description|loadordergroup|startname)$/i;
const INSTALL_SINGLE = /^(featurescore|driverver)$/i;

function checkSection(ctx: InfRuleContext, section: InfSection, pattern: RegExp): void {
  const seen = new Set<string>();
  for (const entry of section.entries) {
    const key = entry.lowerKey;
    if (!entry.hasEquals || key === undefined || !pattern.test(key)) continue;
    if (seen.has(key)) ctx.report({ ...atEntry(entry), message: `Duplicate directive ${entry.rawKey} in [${section.name}]; only one is allowed` });
    seen.add(key);
  }
}

export default defineRule<InfRuleContext>({
  id: '1088',
  name: 'duplicate-directive',
  levels: levels('E'),
  summary: 'A directive that may appear once in its section appears again',
  fix: 'Keep one line for the directive',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    if (ctx.model.version) checkSection(ctx, ctx.model.version, VERSION_SINGLE);
    const services = new Set(ctx.model.services.map((s) => s.section).filter((s) => s !== undefined));
    for (const section of services) checkSection(ctx, section, SERVICE_SINGLE);
    for (const install of ctx.model.installs) if (install.section) checkSection(ctx, install.section, INSTALL_SINGLE);
  },
});

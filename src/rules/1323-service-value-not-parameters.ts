import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import type { InfEntry } from '../inf/document.js';
import { registryLines } from './lib/registry.js';

export default defineRule<InfRuleContext>({
  id: '1323',
  name: 'service-value-not-parameters',
  levels: modeLevels('-/-/E'),
  summary: "Driver isolation: a service's HKR registry value is not under the Parameters subkey",
  fix: 'Write service settings under HKR,Parameters',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    // InfVerif reports each value on the AddService line that installs the service (Windows-driver-samples#553).
    let addService: Map<string, InfEntry> | undefined;
    for (const r of registryLines(ctx.model)) {
      if (!r.inService || r.root !== 'hkr' || r.ref.kind !== 'registry') continue;
      if (/^parameters(\\|$)/i.test(r.subkey)) continue;
      if (!addService) {
        addService = new Map();
        for (const use of ctx.model.services) if (use.section && !addService.has(use.section.lowerName)) addService.set(use.section.lowerName, use.entry);
      }
      const at = addService.get(r.ref.entry.section.toLowerCase()) ?? r.entry;
      const name = r.valueName || r.subkey || '(default)';
      ctx.report({ ...atEntry(at), message: `Service registry key '${name}' must be under the Parameters subkey.` });
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import { parseIntField } from './lib/numbers.js';

/** Network protocol/service/client classes install non-PnP components: no device, no associated service. */
const NON_DEVICE_CLASSES = new Set(['netservice', 'nettrans', 'netclient']);

export default defineRule<InfRuleContext>({
  id: '1296', name: 'no-associated-service', levels: levels('E'),
  summary: 'A device\'s install section has no associated service (AddService with flag 0x2)',
  fix: 'Add AddService = Name, 0x2, Name_Service to [<install>.Services], or AddService = ,2 for a device that needs no driver',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const { doc, model } = ctx;
    if (model.isExtension || NON_DEVICE_CLASSES.has(model.className?.trim().toLowerCase() ?? '')) return;
    const done = new Set<string>();
    for (const install of model.installs) {
      const section = install.section;
      if (!section) continue;
      const key = `${install.model.entry.line}:${section.name.toLowerCase()}`;
      if (done.has(key)) continue;
      done.add(key);
      const services = doc.section(`${section.name}.Services`);
      if (section.findAll('Include').length > 0 && section.findAll('Needs').length > 0) continue;
      if (services) {
        if (services.findAll('Include').length > 0 || services.findAll('Needs').length > 0) continue;
        // An associated service is an AddService with SPSVCINST_ASSOCSERVICE (0x2); `AddService = ,2` is the null driver.
        const assoc = services.findAll('AddService').some((e) => {
          const flags = parseIntField(e.fields[1]);
          return flags !== undefined && (flags & 2) !== 0;
        });
        if (assoc) continue;
      }
      const ids = install.model.hardwareIds.filter((h) => h !== '').join(', ') || install.model.entry.key || '';
      ctx.report({ ...atEntry(install.model.entry), message: `Hardware ID ${ids} has no associated service for install section [${section.name}]`, ...(install.model.models.dec ? { targetOs: install.model.models.dec.text } : {}) });
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntry } from './context.js';
import { parseIntField } from './lib/numbers.js';
import type { InfDocument, InfSection } from '../inf/document.js';

/** Network protocol/service/client classes install non-PnP components: no device, no associated service. */
const NON_DEVICE_CLASSES = new Set(['netservice', 'nettrans', 'netclient']);

function hasAssociatedService(doc: InfDocument, section: InfSection): boolean {
  if (section.find('Include') && section.find('Needs')) return true;
  const services = doc.section(`${section.name}.Services`);
  if (!services) return false;
  if (services.find('Include') || services.find('Needs')) return true;
  // An associated service is an AddService with SPSVCINST_ASSOCSERVICE (0x2); `AddService = ,2` is the null driver.
  for (const e of services.entries) {
    if (e.lowerKey !== 'addservice') continue;
    const flags = parseIntField(e.fields[1]);
    if (flags !== undefined && (flags & 2) !== 0) return true;
  }
  return false;
}

export default defineRule<InfRuleContext>({
  id: '1296',
  name: 'no-associated-service',
  levels: levels('E'),
  summary: "A device's install section has no associated service (AddService with flag 0x2)",
  fix: 'Add AddService = Name, 0x2, Name_Service to [<install>.Services], or AddService = ,2 for a device that needs no driver',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const { doc, model } = ctx;
    if (model.isExtension || NON_DEVICE_CLASSES.has(model.className?.trim().toLowerCase() ?? '')) return;
    // Whether each install section has an associated service, worked out once per section.
    const answered = new Map<InfSection, boolean>();
    const done = new Set<string>();
    for (const install of model.installs) {
      const section = install.section;
      if (!section) continue;
      let ok = answered.get(section);
      if (ok === undefined) answered.set(section, (ok = hasAssociatedService(doc, section)));
      if (ok) continue;
      const key = `${install.model.entry.line}:${section.lowerName}`;
      if (done.has(key)) continue;
      done.add(key);
      // The finding names the hardware: a Models entry without a hardware ID (a printer model
      // "XPSDrv Sample Driver" = Install) is not reported (Windows-driver-samples#539 lists no 1296).
      const ids = install.model.hardwareIds.filter((h) => h !== '').join(', ');
      if (ids === '') continue;
      ctx.report({
        ...atEntry(install.model.entry),
        message: `Hardware '${ids}' does not have an associated service using install section '${section.name}'.`,
        ...(install.model.models.dec ? { targetOs: install.model.models.dec.text } : {}),
      });
    }
  },
});

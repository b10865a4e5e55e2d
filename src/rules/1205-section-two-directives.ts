import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atSection, atToken } from './context.js';
import type { SectionRef } from './model.js';

/** Directive kinds whose sections hold the same kind of lines. */
const FAMILY: Record<string, string> = { files: 'file', delfiles: 'file', renfiles: 'file', registry: 'reg', delreg: 'reg', bitreg: 'reg' };

export default defineRule<InfRuleContext>({
  id: '1205',
  name: 'section-two-directives',
  levels: levels('W'),
  summary: 'One section is referenced by two different directives (e.g. CopyFiles and DelFiles)',
  fix: 'Give each directive its own section',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    // The file and registry references of each section; only a section referenced by two kinds is looked at further.
    const bySection = new Map<string, SectionRef[]>();
    let mixed = false;
    for (const ref of ctx.model.refs) {
      if (!FAMILY[ref.kind]) continue;
      const key = ref.name.toLowerCase();
      const list = bySection.get(key);
      if (!list) bySection.set(key, [ref]);
      else {
        if (list[0]!.kind !== ref.kind) mixed = true;
        list.push(ref);
      }
    }
    if (!mixed) return;
    for (const list of bySection.values()) {
      if (list.every((r) => r.kind === list[0]!.kind)) continue;
      // In file order, so the later reference is the one reported.
      list.sort((a, b) => a.entry.line - b.entry.line);
      const prior = list[0]!;
      const ref = list.find((r) => r.kind !== prior.kind && FAMILY[prior.kind] === FAMILY[r.kind]);
      if (!ref) continue;
      // InfVerif reports the section's header and names the later directive first
      // ("Section [X] referenced from DelFiles and CopyFiles directive", Windows-driver-samples#889).
      const target = ctx.doc.section(ref.name);
      const where = target ? atSection(target) : atToken(ref.entry, ref.token);
      ctx.report({ ...where, message: `Section [${target?.name ?? ref.name}] referenced from ${ref.directive} and ${prior.directive} directive.` });
    }
  },
});

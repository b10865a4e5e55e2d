import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atToken } from './context.js';
import type { SectionRef } from './model.js';

/** Directive kinds whose sections hold the same kind of lines. */
const FAMILY: Record<string, string> = { files: 'file', delfiles: 'file', renfiles: 'file', registry: 'reg', delreg: 'reg', bitreg: 'reg' };

export default defineRule<InfRuleContext>({
  id: '1205', name: 'section-two-directives', levels: levels('W'),
  summary: 'One section is referenced by two different directives (e.g. CopyFiles and DelFiles)',
  fix: 'Give each directive its own section',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const first = new Map<string, SectionRef>();
    const reported = new Set<string>();
    // In file order, so the later reference is the one reported.
    const refs = [...ctx.model.refs].sort((a, b) => a.entry.line - b.entry.line);
    for (const ref of refs) {
      if (!FAMILY[ref.kind]) continue;
      const key = ref.name.toLowerCase();
      const prior = first.get(key);
      if (!prior) {
        first.set(key, ref);
      } else if (prior.kind !== ref.kind && FAMILY[prior.kind] === FAMILY[ref.kind] && !reported.has(key)) {
        reported.add(key);
        ctx.report({ ...atToken(ref.entry, ref.token), message: `Section [${ref.name}] is referenced from both ${prior.directive} and ${ref.directive}` });
      }
    }
  },
});

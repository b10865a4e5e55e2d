import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField, atToken } from './context.js';
import { isGuid } from './lib/guid.js';

/** Directives whose first field is a GUID. */
const GUID_FIRST = new Set(['addinterface', 'addeventprovider']);

export default defineRule<InfRuleContext>({
  id: '1019',
  name: 'invalid-guid',
  levels: levels('E'),
  summary: 'A directive that takes a GUID has a malformed one',
  fix: 'Write the GUID as {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const key of GUID_FIRST) {
      for (const entry of ctx.model.directives(key)) {
        const value = (entry.fields[0] ?? '').trim();
        if (!isGuid(value)) ctx.report({ ...atField(entry, 0), message: `Invalid GUID "${value}" in ${entry.rawKey}` });
      }
    }
    for (const entry of ctx.doc.section('InterfaceInstall32')?.entries ?? []) {
      const key = (entry.key ?? '').trim();
      if (!isGuid(key)) ctx.report({ ...atToken(entry, entry.keyToken), message: `Invalid interface class GUID "${key}" in [InterfaceInstall32]` });
    }
  },
});

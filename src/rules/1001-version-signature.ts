// Reported by the INF parser (src/inf/parse.ts); this file carries its metadata.
import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import type { InfRuleContext } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1001',
  name: 'version-signature',
  levels: levels('E'),
  fromParser: true,
  summary: 'The INF must have a [Version] section with Signature="$Windows NT$"',
  fix: 'Add [Version] with Signature="$Windows NT$"',
  docsUrl: INFVERIF_DOCS,
  check() {},
});

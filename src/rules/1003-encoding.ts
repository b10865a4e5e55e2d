// Reported by the INF decoder (src/inf/decode.ts); this file carries its metadata.
import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import type { InfRuleContext } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1003',
  name: 'encoding',
  levels: levels('E'),
  fromParser: true,
  summary: 'The INF is neither ANSI nor UTF-16LE (UTF-8 and UTF-16BE are refused)',
  fix: 'Save the file as UTF-16LE with a byte order mark (or ANSI if it is ASCII only)',
  docsUrl: INFVERIF_DOCS,
  check() {},
});

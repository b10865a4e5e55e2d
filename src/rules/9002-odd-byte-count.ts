// Reported by the INF engine (src/inf); this file carries its metadata.
import { defineRule, levels, INF_SYNTAX_DOCS } from './types.js';
import type { InfRuleContext } from './context.js';

export default defineRule<InfRuleContext>({
  id: '9002',
  name: 'odd-byte-count',
  levels: levels('W'),
  fromParser: true,
  summary: 'A UTF-16 INF has an odd number of bytes; the last byte is ignored',
  fix: 'Check that the file is not truncated and save it again',
  docsUrl: INF_SYNTAX_DOCS,
  check() {},
});

// Reported by the INF engine (src/inf); this file carries its metadata.
import { defineRule, levels, INF_SYNTAX_DOCS } from './types.js';
import type { InfRuleContext } from './context.js';

export default defineRule<InfRuleContext>({
  id: '9001',
  name: 'utf16-without-bom',
  levels: levels('W'),
  fromParser: true,
  summary: 'The INF is UTF-16LE without a byte order mark; Windows only guesses the encoding',
  fix: 'Save the file as UTF-16LE with a byte order mark (FF FE)',
  docsUrl: INF_SYNTAX_DOCS,
  check() {},
});

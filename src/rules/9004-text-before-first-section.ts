// Reported by the INF engine (src/inf); this file carries its metadata.
import { defineRule, levels, INF_SYNTAX_DOCS } from './types.js';
import type { InfRuleContext } from './context.js';

export default defineRule<InfRuleContext>({
  id: '9004',
  name: 'text-before-first-section',
  levels: levels('W'),
  fromParser: true,
  summary: 'Text before the first section header is ignored',
  fix: 'Turn the text into comments starting with ";"',
  docsUrl: INF_SYNTAX_DOCS,
  check() {},
});

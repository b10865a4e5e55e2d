// Added by the engine when a rule throws (src/rules/engine.ts): a bug in wdksim.
import { defineRule, levels, INF_SYNTAX_DOCS } from './types.js';
import type { InfRuleContext } from './context.js';

export default defineRule<InfRuleContext>({
  id: '9000',
  name: 'rule-crashed',
  levels: levels('E'),
  fromParser: true,
  summary: 'A wdksim rule failed on this INF (a bug in wdksim, not in the INF)',
  fix: 'Report the INF and the command line to the wdksim maintainers',
  docsUrl: INF_SYNTAX_DOCS,
  check() {},
});

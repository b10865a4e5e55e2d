// Added by validate() when 1001/1002 stop the checks, as InfVerif does.
import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import type { InfRuleContext } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1299',
  name: 'checks-skipped',
  levels: levels('E'),
  fromParser: true,
  summary: 'Further checks were skipped because the INF could not be parsed',
  fix: 'Fix the parse errors reported above and validate again',
  docsUrl: INFVERIF_DOCS,
  check() {},
});

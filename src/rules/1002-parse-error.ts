// Reported by the INF parser (lexer and file check); this file carries its metadata.
import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import type { InfRuleContext } from './context.js';

export default defineRule<InfRuleContext>({
  id: '1002',
  name: 'parse-error',
  levels: levels('E'),
  fromParser: true,
  summary: 'A syntax error stops Windows from parsing the INF (bad section line, name too long, text before the first section)',
  fix: 'Correct the line so Windows can parse it',
  docsUrl: INFVERIF_DOCS,
  check() {},
});

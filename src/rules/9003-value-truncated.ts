// Reported by the INF engine (src/inf); this file carries its metadata.
import { defineRule, levels, INF_SYNTAX_DOCS } from './types.js';
import type { InfRuleContext } from './context.js';

export default defineRule<InfRuleContext>({
  id: '9003',
  name: 'value-truncated',
  levels: levels('W'),
  fromParser: true,
  summary: 'A value longer than 4096 characters is silently cut by Windows',
  fix: 'Keep each value under 4096 characters',
  docsUrl: INF_SYNTAX_DOCS,
  check() {},
});

import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { destination } from './lib/dest.js';
import { diridInfo } from '../inf/dirids.js';

export default defineRule<InfRuleContext>({
  id: '1340',
  name: 'deprecated-dirid',
  levels: modeLevels('-/-/E'),
  summary: 'Driver isolation: [DestinationDirs] uses a deprecated DIRID (1, 17, 24, 30, -1...)',
  fix: 'Use DIRID 13',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const entry of ctx.doc.section('DestinationDirs')?.entries ?? []) {
      const dest = destination(entry);
      if (!entry.hasEquals || dest?.dirid === undefined) continue;
      const info = diridInfo(dest.dirid);
      if (info?.deprecated) ctx.report({ ...atField(entry, 0), message: `Specified DIRID '${dest.dirid}' not allowed.` });
    }
  },
});

import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { destination } from './lib/dest.js';
import { diridInfo } from '../inf/dirids.js';

function supported(id: number): boolean {
  if (diridInfo(id)) return true;
  return (id >= 16384 && id <= 32767) || id >= 32768; // shell folders, user-defined
}

export default defineRule<InfRuleContext>({
  id: '1243',
  name: 'invalid-dirid',
  levels: levels('E'),
  summary: '[DestinationDirs] uses a DIRID that Windows does not define',
  fix: 'Use a defined DIRID (13 for the driver store, 12 drivers, 11 System32, 10 Windows)',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const entry of ctx.doc.section('DestinationDirs')?.entries ?? []) {
      const dest = destination(entry);
      if (!entry.hasEquals || dest?.dirid === undefined) continue;
      if (!supported(dest.dirid)) ctx.report({ ...atField(entry, 0), message: `Invalid DIRID ${dest.dirid} for ${entry.key}` });
    }
  },
});

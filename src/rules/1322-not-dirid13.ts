import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { destination } from './lib/dest.js';
import { usedDestinations } from './lib/used-destinations.js';

/** /h (April 2024) still allows these DIRIDs besides 13. */
const H_ALLOWED = new Set([10, 11, 12, 13, 23, 51, 52, 55, 16422, 16425, 16426, 16427, 16428, 66000, 66001, 66002, 66003, 66004]);

export default defineRule<InfRuleContext>({
  id: '1322', name: 'not-dirid13', levels: modeLevels('-/-/E'),
  summary: 'Driver isolation: files must be copied to the driver store (DIRID 13)',
  fix: 'Set the section\'s [DestinationDirs] entry to 13 and load files from the driver store',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const entry of usedDestinations(ctx.model)) {
      const dest = destination(entry);
      if (dest?.dirid === undefined) continue;
      const ok = ctx.mode === 'h' ? H_ALLOWED.has(dest.dirid) : dest.dirid === 13;
      if (!ok) ctx.report({ ...atField(entry, 0), message: `Destination for ${entry.key} (DIRID ${dest.dirid}) is not isolated to DIRID 13` });
    }
  },
});

import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { destination } from './lib/dest.js';
import { usedDestinations } from './lib/used-destinations.js';
import { diridPath } from '../inf/dirids.js';

/** Universal INF destinations: 10 (with a subdirectory), 11, 12, 13, and the printer DIRIDs. */
function system(dirid: number): boolean {
  return dirid === 10 || dirid === 11 || dirid === 12 || dirid === 13 || (dirid >= 66000 && dirid <= 66004);
}

export default defineRule<InfRuleContext>({
  id: '1306',
  name: 'non-system-destination',
  levels: modeLevels('W/E/-'),
  summary: 'Files are copied outside the system directories a universal INF may use (legacy operation)',
  fix: 'Copy to DIRID 13 (driver store) or 11/12',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    for (const entry of usedDestinations(ctx.model)) {
      const dest = destination(entry);
      if (dest?.dirid !== undefined && !system(dest.dirid))
        ctx.report({
          ...atField(entry, 0),
          message: `Found legacy CopyFiles operation with non-system target path (${diridPath(dest.dirid) ?? `%${dest.dirid}%`}) for '${entry.key}'.`,
        });
    }
  },
});

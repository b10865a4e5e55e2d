import { defineRule, modeLevels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atEntryAsKit } from './context.js';
import { destination } from './lib/dest.js';
import { diridPath } from '../inf/dirids.js';
import { namesFrameworkCoinstallerToken } from './lib/framework-coinstaller.js';

/** /h (April 2024) still allows these DIRIDs besides 13. */
const H_ALLOWED = new Set([10, 11, 12, 13, 23, 51, 52, 55, 16422, 16425, 16426, 16427, 16428, 66000, 66001, 66002, 66003, 66004]);

export default defineRule<InfRuleContext>({
  id: '1322',
  name: 'not-dirid13',
  levels: modeLevels('-/-/E'),
  summary: 'Driver isolation: files must be copied to the driver store (DIRID 13)',
  fix: "Set the section's [DestinationDirs] entry to 13 and load files from the driver store",
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    const { model } = ctx;
    // InfVerif names each copied file ("Destination file path 'C:\WINDOWS\System32' for file
    // 'tostrco2.dll' is not isolated...", Windows-driver-samples#936): one finding per file line.
    const done = new Set<number>();
    for (const copy of model.copies) {
      if (copy.dest === '' || done.has(copy.entry.line)) continue;
      // A build input: the build's stampinf -x removes the co-installer's copy (lib/framework-coinstaller.ts).
      if (ctx.options.restamped && namesFrameworkCoinstallerToken(copy.dest)) continue;
      const dest = destination(model.destinationOf(copy.list));
      if (dest?.dirid === undefined) continue;
      if (ctx.mode === 'h' ? H_ALLOWED.has(dest.dirid) : dest.dirid === 13) continue;
      done.add(copy.entry.line);
      const base = diridPath(dest.dirid) ?? `%${dest.dirid}%`;
      const path = dest.subdir ? `${base}\\${dest.subdir}` : base;
      ctx.report({ ...atEntryAsKit(ctx, copy.entry), message: `Destination file path '${path}' for file '${copy.dest}' is not isolated to DIRID 13.` });
    }
  },
});

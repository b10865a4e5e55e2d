import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { checkDriverVerVersion } from './lib/driverver.js';

export default defineRule<InfRuleContext>({
  id: '1217',
  name: 'invalid-driver-version',
  levels: levels('E'),
  summary: 'The version in DriverVer is not w.x.y.z with each part 0-65534',
  fix: 'Write DriverVer=MM/DD/YYYY,w.x.y.z with four numeric parts',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    if (ctx.options.restamped) return; // the build's stampinf replaces DriverVer
    for (const entry of [...(ctx.model.version?.findAll('DriverVer') ?? []), ...ctx.model.directives('driverver')]) {
      {
        const version = entry.fields[1];
        if (version === undefined || (version.trim() === '' && ctx.options.stampinf)) continue;
        const error = checkDriverVerVersion(version);
        if (error) ctx.report({ ...atField(entry, 1), message: `Invalid driver version (${version.trim()}): ${error}; expecting w.x.y.z, each part 0-65534` });
      }
    }
  },
});

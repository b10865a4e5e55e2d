import { defineRule, levels, INFVERIF_DOCS } from './types.js';
import { type InfRuleContext, atField } from './context.js';
import { checkDriverVerDate } from './lib/driverver.js';

export default defineRule<InfRuleContext>({
  id: '1218',
  name: 'invalid-driver-date',
  levels: levels('E'),
  summary: 'The date in DriverVer is not MM/DD/YYYY',
  fix: 'Write the DriverVer date as MM/DD/YYYY (two-digit month and day, four-digit year), e.g. 07/04/2024',
  docsUrl: INFVERIF_DOCS,
  check(ctx) {
    if (ctx.options.restamped) return; // the build's stampinf replaces DriverVer
    for (const entry of [...(ctx.model.version?.findAll('DriverVer') ?? []), ...ctx.model.directives('driverver')]) {
      {
        const date = (entry.fields[0] ?? '').trim();
        if (date === '' && ctx.options.stampinf) continue; // stampinf fills an empty DriverVer
        const error = date === '' ? 'the date is empty (stampinf has not run)' : checkDriverVerDate(date);
        if (error) ctx.report({ ...atField(entry, 0), message: `Invalid driver date "${date}": ${error}; expecting MM/DD/YYYY` });
      }
    }
  },
});

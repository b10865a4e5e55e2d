// StampInf stamps DriverVer with the LOCAL date (-d * or no -d), while Inf2Cat
// checks that date against the UTC date unless /uselocaltime: east of UTC the
// local date runs a day ahead between local midnight and the zone's offset,
// and the build fails with 22.9.7 ("DriverVer set to a date in the future").
import { utcOffsetMinutes, utcParts, localParts, dayNumber } from '../../time/clock.js';
import { describeZone } from '../../time/clock.js';
import { findLine } from '../evidence.js';
import { levels, defineRule } from '../../rules/types.js';
import type { DoctorContext } from '../types.js';

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export default defineRule<DoctorContext>({
  id: '9100', name: 'driverver-local-utc', levels: levels('W'),
  summary: 'StampInf stamps the local date while Inf2Cat checks DriverVer against the UTC date',
  fix: 'set <Inf2CatUseLocalTime>true</Inf2CatUseLocalTime> in the project (Inf2Cat /uselocaltime)',
  docsUrl: 'https://learn.microsoft.com/en-us/windows-hardware/drivers/devtest/inf2cat',
  check(ctx) {
    const { project, stamp, projectFile } = ctx.unit;
    if (!project || !stamp?.enabled || !project.inf2cat.enabled || project.inf2cat.noCatalog || project.inf2cat.useLocalTime) return;
    if (stamp.date !== undefined && stamp.date !== '*') return; // a fixed date is the same everywhere
    const now = ctx.clock.now();
    const offset = utcOffsetMinutes(now, ctx.clock.timeZone);
    const here = offset > 0
      ? `in ${describeZone(ctx.clock)} every build between 00:00 and ${hhmm(offset)} local time fails`
      : `${describeZone(ctx.clock)} is not affected, but a developer or build machine east of UTC (Europe, Africa, Asia, Oceania) is`;
    const failsNow = dayNumber(localParts(now, ctx.clock.timeZone)) > dayNumber(utcParts(now));
    const where = findLine(projectFile, /<Inf2CatUseLocalTime>\s*false/i, /"useLocalTime"\s*:\s*false/i, /<Inf\s+Include="[^"]*"/i, /"infs"/i);
    ctx.report({
      file: 'project',
      ...where,
      message: `StampInf stamps DriverVer of ${ctx.unit.inf.file.display} with the local date (${stamp.date === '*' ? '-d *' : 'no -d'}) but Inf2Cat checks it against the UTC date (Inf2CatUseLocalTime is not set): in a UTC+N zone the local date is a day ahead from 00:00 to N:00 local time, and Inf2Cat fails with 22.9.7 (DriverVer in the future); ${here}${failsNow ? ' (it would fail right now)' : ''}.`,
    });
  },
});

// StampInf and Inf2Cat disagree on what "today" is (wdk-tools.md §3.8):
// StampInf -d * stamps DriverVer with the LOCAL date, Inf2Cat compares it with
// the UTC date unless /uselocaltime. In a UTC+N zone the local date is a day
// ahead from 00:00 to N:00 local time and Inf2Cat fails with 22.9.7 ("DriverVer
// set to a date in the future"). The mirror case: StampInf without -d takes
// STAMPINF_DATE (a UTC date in CI), and /uselocaltime then fails in UTC−N
// zones from (24−N):00 to midnight.
import { dayNumber, describeZone, localParts, utcOffsetMinutes, utcParts } from '../../time/clock.js';
import { levels, defineRule } from '../../rules/types.js';
import type { DoctorContext } from '../types.js';

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export default defineRule<DoctorContext>({
  id: '9100',
  name: 'driverver-local-utc',
  levels: levels('W'),
  summary: 'StampInf and Inf2Cat use different dates (local vs UTC): 22.9.7 at some hours in some time zones',
  fix: 'set <Inf2CatUseLocalTime>true</Inf2CatUseLocalTime> in the project (Inf2Cat /uselocaltime)',
  docsUrl: 'https://learn.microsoft.com/en-us/windows-hardware/drivers/devtest/inf2cat',
  check(ctx) {
    const { project, stamp } = ctx.unit;
    if (!project || !stamp?.enabled || !project.inf2cat.enabled || project.inf2cat.noCatalog) return;
    if (stamp.date !== undefined && stamp.date !== '*') return; // a fixed date is the same everywhere
    const envDate = stamp.date === undefined ? ctx.env.STAMPINF_DATE : undefined;
    const useLocal = project.inf2cat.useLocalTime;
    // Local stamp + UTC check fails east of UTC; UTC (STAMPINF_DATE) stamp + local check fails west of it.
    const kind = envDate === undefined ? (useLocal ? undefined : 'east') : useLocal ? 'west' : undefined;
    if (!kind) return;
    const now = ctx.clock.now();
    const offset = utcOffsetMinutes(now, ctx.clock.timeZone);
    const local = dayNumber(localParts(now, ctx.clock.timeZone));
    const utc = dayNumber(utcParts(now));
    const zone = describeZone(ctx.clock);
    const inf = ctx.unit.inf.file.display;
    if (kind === 'east') {
      const here =
        offset > 0
          ? `in ${zone} that is every day from 00:00 to ${hhmm(offset - 1)} local time${local > utc ? ' (including right now)' : ''}`
          : `${zone} is not affected, but every developer or build machine east of UTC is (Europe, Africa, Asia, Oceania)`;
      ctx.report({
        ...ctx.projectEvidence(/<Inf2CatUseLocalTime>\s*false/i, /"useLocalTime"\s*:\s*false/i, /<Inf\s+Include="[^"]*"/i, /"infs"/i),
        message: `StampInf stamps DriverVer of ${inf} with the local date (${stamp.date === '*' ? '-d *' : 'no -d, no STAMPINF_DATE'}) but Inf2Cat checks it against the UTC date (Inf2CatUseLocalTime is not set): in a UTC+N zone the local date is a day ahead from 00:00 to N:00 local time, and Inf2Cat fails with 22.9.7 (DriverVer in the future); ${here}.`,
      });
      return;
    }
    const here =
      offset < 0
        ? `in ${zone} that is every day from ${hhmm(24 * 60 + offset)} to 23:59 local time${utc > local ? ' (including right now)' : ''}`
        : `${zone} is not affected, but every developer or build machine west of UTC is (the Americas)`;
    ctx.report({
      ...ctx.projectEvidence(/<Inf2CatUseLocalTime>\s*true/i, /"useLocalTime"\s*:\s*true/i, /<Inf\s+Include="[^"]*"/i, /"infs"/i),
      message: `StampInf stamps DriverVer of ${inf} with STAMPINF_DATE (${envDate}, no -d) but Inf2Cat checks it against the local date (Inf2CatUseLocalTime is set): when STAMPINF_DATE holds the UTC date, in a UTC−N zone it is a day ahead of the local date from (24−N):00 to midnight, and Inf2Cat fails with 22.9.7 (DriverVer in the future); ${here}.`,
      fix: 'drop Inf2CatUseLocalTime (Inf2Cat then checks the UTC date, as STAMPINF_DATE is), or stamp with -d * and keep it',
    });
  },
});

// The seed's classic failure (wdk-tools.md §1.3, §3.8): stampinf writes the
// local date, inf2cat compares DriverVer with the UTC date unless /uselocaltime
// is given, so east of UTC a fresh stamp is "in the future" until UTC midnight
// (Inf2Cat error 22.9.7). This explains it, for stampinf and inf2cat alike.
import { type Clock, dayNumber, describeZone, todayLocal, todayUtc } from '../time/clock.js';
import { formatStampDate } from './values.js';

/**
 * The warning for a DriverVer date later than today's UTC date, or undefined
 * when inf2cat's default (UTC) check will accept it. One paragraph, no prefix.
 */
export function futureDriverVerWarning(date: { month: number; day: number; year: number }, clock: Clock): string | undefined {
  const utc = todayUtc(clock);
  const local = todayLocal(clock);
  const stamped = dayNumber(date);
  if (stamped <= dayNumber(utc)) return undefined;
  const d = formatStampDate(date);
  const u = formatStampDate(utc);
  const l = formatStampDate(local);
  if (stamped <= dayNumber(local)) {
    return (
      `DriverVer date ${d} is after today's UTC date ${u}: stampinf uses the local date, and in ${describeZone(clock)} it is already ${l} while UTC is still ${u}. ` +
      `Inf2Cat checks DriverVer against the UTC date by default, so it will fail with error 22.9.7 (DriverVer set to a date in the future) until UTC midnight. ` +
      `Fix: run inf2cat with /uselocaltime, or stamp the UTC date (set STAMPINF_DATE=${u}, or -d ${u}).`
    );
  }
  return (
    `DriverVer date ${d} is in the future: today is ${l} in ${describeZone(clock)} and ${u} in UTC. ` +
    `Inf2Cat will fail with error 22.9.7 (DriverVer set to a date in the future), with or without /uselocaltime. ` +
    `Fix: stamp a date no later than ${u} (-d ${u}, or STAMPINF_DATE=${u}).`
  );
}

import { describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { createClock, dayNumber, describeZone, fixedClock, localParts, parseInstant, todayLocal, todayUtc, utcOffsetMinutes, UTC_NAMES } from '../../src/time/clock.js';

const at = (iso: string) => new Date(iso);

describe('createClock: where "now" comes from', () => {
  it('--now wins over WDKSIM_NOW and SOURCE_DATE_EPOCH', () => {
    const clock = createClock({ WDKSIM_NOW: '2020-01-01T00:00:00Z', SOURCE_DATE_EPOCH: '0' }, '2026-11-24T12:30:00Z');
    expect(clock.now().toISOString()).toBe('2026-11-24T12:30:00.000Z');
    expect(clock.source).toBe('option');
  });

  it('WDKSIM_NOW wins over SOURCE_DATE_EPOCH and keeps milliseconds', () => {
    const clock = createClock({ WDKSIM_NOW: '2026-11-24T07:05:09.123Z', SOURCE_DATE_EPOCH: '0' });
    expect(clock.now().toISOString()).toBe('2026-11-24T07:05:09.123Z');
    expect(clock.source).toBe('WDKSIM_NOW');
  });

  it('SOURCE_DATE_EPOCH is whole seconds since 1970 UTC', () => {
    const clock = createClock({ SOURCE_DATE_EPOCH: '1795523400' });
    expect(clock.now().toISOString()).toBe('2026-11-24T12:30:00.000Z');
    expect(clock.source).toBe('SOURCE_DATE_EPOCH');
  });

  it('without any of them the system clock is used', () => {
    const clock = createClock({});
    expect(clock.source).toBe('system');
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(5000);
  });

  it('returns a fresh Date each time, so callers cannot move the fixed instant', () => {
    const clock = createClock({}, '2026-11-24T12:30:00Z');
    clock.now().setUTCFullYear(1999);
    expect(clock.now().getUTCFullYear()).toBe(2026);
  });

  it.each([
    ['--now', 'yesterday', undefined],
    ['--now', '2026-13-01T00:00:00Z', undefined],
    ['--now', '2026-02-30T00:00:00Z', undefined],
    ['--now', '2026-11-24T25:00:00Z', undefined],
    ['WDKSIM_NOW', undefined, { WDKSIM_NOW: '24/11/2026' }],
    ['SOURCE_DATE_EPOCH', undefined, { SOURCE_DATE_EPOCH: '17e8' }],
    ['SOURCE_DATE_EPOCH', undefined, { SOURCE_DATE_EPOCH: '-1' }],
  ])('rejects a bad %s value with a UsageError naming it (%s %o)', (what, option, env) => {
    let error: unknown;
    try {
      createClock(env ?? {}, option);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain(what);
    expect((error as UsageError).exitCode).toBe(2);
  });
});

describe('local time from TZ', () => {
  const instant = '2026-11-24T12:30:00Z';

  it('Pacific/Auckland at 12:30 UTC is already 11/25 (NZDT, UTC+13)', () => {
    const clock = createClock({ TZ: 'Pacific/Auckland' }, instant);
    expect(todayLocal(clock)).toMatchObject({ year: 2026, month: 11, day: 25, hour: 1, minute: 30 });
    expect(todayUtc(clock)).toMatchObject({ year: 2026, month: 11, day: 24, hour: 12, minute: 30 });
    expect(dayNumber(todayLocal(clock))).toBeGreaterThan(dayNumber(todayUtc(clock)));
    expect(describeZone(clock)).toBe('Pacific/Auckland (UTC+13:00)');
  });

  it('America/Los_Angeles at the same instant is still 11/24 (PST, UTC-8)', () => {
    const clock = createClock({ TZ: 'America/Los_Angeles' }, instant);
    expect(todayLocal(clock)).toMatchObject({ year: 2026, month: 11, day: 24, hour: 4, minute: 30 });
    expect(describeZone(clock)).toBe('America/Los_Angeles (UTC-08:00)');
  });

  it('accepts the POSIX ":Zone" spelling of TZ and half-hour zones', () => {
    const clock = createClock({ TZ: ':Asia/Kolkata' }, instant);
    expect(clock.timeZone).toBe('Asia/Kolkata');
    expect(todayLocal(clock)).toMatchObject({ day: 24, hour: 18, minute: 0 });
    expect(describeZone(clock)).toBe('Asia/Kolkata (UTC+05:30)');
  });

  it('keeps milliseconds in local time', () => {
    const clock = createClock({ TZ: 'Europe/Berlin', WDKSIM_NOW: '2026-11-24T06:05:09.123Z' });
    expect(todayLocal(clock)).toMatchObject({ hour: 7, minute: 5, second: 9, millisecond: 123 });
  });

  it.each([
    // Los Angeles: PST→PDT on 2026-03-08 at 02:00 local, PDT→PST on 2026-11-01 at 02:00 local.
    ['America/Los_Angeles', '2026-03-08T09:59:59Z', -480, { day: 8, hour: 1, minute: 59, second: 59 }],
    ['America/Los_Angeles', '2026-03-08T10:00:00Z', -420, { day: 8, hour: 3, minute: 0, second: 0 }],
    ['America/Los_Angeles', '2026-11-01T08:59:59Z', -420, { day: 1, hour: 1, minute: 59, second: 59 }],
    ['America/Los_Angeles', '2026-11-01T09:00:00Z', -480, { day: 1, hour: 1, minute: 0, second: 0 }],
    // Auckland: NZST→NZDT on 2026-09-27 at 02:00 local, NZDT→NZST on 2026-04-05 at 03:00 local.
    ['Pacific/Auckland', '2026-09-26T13:59:59Z', 720, { month: 9, day: 27, hour: 1, minute: 59 }],
    ['Pacific/Auckland', '2026-09-26T14:00:00Z', 780, { month: 9, day: 27, hour: 3, minute: 0 }],
    ['Pacific/Auckland', '2026-04-04T13:59:59Z', 780, { month: 4, day: 5, hour: 2, minute: 59 }],
    ['Pacific/Auckland', '2026-04-04T14:00:00Z', 720, { month: 4, day: 5, hour: 2, minute: 0 }],
  ])('DST edge in %s at %s: offset %i', (zone, iso, offset, parts) => {
    expect(utcOffsetMinutes(at(iso), zone)).toBe(offset);
    expect(localParts(at(iso), zone)).toMatchObject(parts);
  });

  it('local midnight in a UTC+ zone is the previous UTC day until the offset hour', () => {
    // 23:59 UTC on 11/24 is 12:59 on 11/25 in Auckland; 11:00 UTC on 11/25 is 00:00 on 11/26.
    expect(localParts(at('2026-11-24T23:59:00Z'), 'Pacific/Auckland')).toMatchObject({ day: 25, hour: 12, minute: 59 });
    expect(localParts(at('2026-11-25T11:00:00Z'), 'Pacific/Auckland')).toMatchObject({ day: 26, hour: 0 });
    expect(localParts(at('2026-11-25T10:59:59Z'), 'Pacific/Auckland')).toMatchObject({ day: 25, hour: 23 });
  });
});

describe('parseInstant', () => {
  it('an instant with Z or an offset is exact', () => {
    expect(parseInstant('2026-11-25T01:30:00+13:00', 'x', undefined).toISOString()).toBe('2026-11-24T12:30:00.000Z');
    expect(parseInstant('2026-11-24T04:30:00-0800', 'x', undefined).toISOString()).toBe('2026-11-24T12:30:00.000Z');
    expect(parseInstant('2026-11-24T18:00:00+05', 'x', undefined).toISOString()).toBe('2026-11-24T13:00:00.000Z');
  });

  it('a wall-clock time without an offset is read in the local zone', () => {
    expect(parseInstant('2026-11-25T01:30:00', 'x', 'Pacific/Auckland').toISOString()).toBe('2026-11-24T12:30:00.000Z');
    expect(parseInstant('2026-07-01T12:00:00', 'x', 'America/Los_Angeles').toISOString()).toBe('2026-07-01T19:00:00.000Z');
    expect(parseInstant('2026-11-24', 'x', 'America/Los_Angeles').toISOString()).toBe('2026-11-24T08:00:00.000Z');
  });

  it('keeps up to millisecond precision', () => {
    expect(parseInstant('2026-11-24T07:05:09.1239Z', 'x', undefined).getUTCMilliseconds()).toBe(123);
  });

  it('does not move two-digit years into the 1900s', () => {
    expect(parseInstant('0050-01-01T00:00:00Z', 'x', undefined).getUTCFullYear()).toBe(50);
  });

  it('fixedClock pins an instant and zone for library callers', () => {
    const clock = fixedClock('2026-11-24T12:30:00Z', 'Pacific/Auckland');
    expect(todayLocal(clock).day).toBe(25);
    expect(todayUtc(clock).day).toBe(24);
  });
});

describe('POSIX TZ rules without DST', () => {
  it.each([
    ['UTC-13', 'Etc/GMT-13', 13 * 60],
    ['<+13>-13', 'Etc/GMT-13', 13 * 60],
    ['PST8', 'Etc/GMT+8', -8 * 60],
    ['UTC0', 'Etc/GMT', 0],
  ])('TZ=%s is %s', (tz, zone, offset) => {
    const clock = createClock({ TZ: tz }, '2026-11-24T12:30:00Z');
    expect(clock.timeZone).toBe(zone);
    expect(utcOffsetMinutes(clock.now(), clock.timeZone)).toBe(offset);
  });
});

describe('the local zone is resolved only when asked for, and UTC needs no Intl formatter', () => {
  it('every name taken as UTC is one Intl resolves to UTC itself', () => {
    for (const name of UTC_NAMES) {
      expect(new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone, name).toMatch(/^(UTC|Etc\/UTC|GMT|Etc\/GMT)$/);
      expect(createClock({ TZ: name.toLowerCase() }).timeZone).toBe(name.toLowerCase());
    }
  });

  it('making a clock and reading "now" makes no Intl formatter; the zone is checked on first use', () => {
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      const clock = createClock({ TZ: 'Pacific/Auckland', WDKSIM_NOW: '2026-11-24T12:30:00Z' });
      expect(clock.now().toISOString()).toBe('2026-11-24T12:30:00.000Z');
      expect(made).not.toHaveBeenCalled();
      expect(clock.timeZone).toBe('Pacific/Auckland');
      expect(localParts(clock.now(), clock.timeZone).hour).toBe(1); // 12:30 UTC is 01:30 NZDT the next day
      const utc = createClock({ TZ: 'UTC' });
      made.mockClear();
      expect(localParts(at('2026-11-24T12:30:00Z'), utc.timeZone).hour).toBe(12);
      expect(made).not.toHaveBeenCalled();
    } finally {
      made.mockRestore();
    }
  });

  it('a wall-clock --now is read in TZ, resolved then', () => {
    expect(createClock({ TZ: 'Pacific/Auckland' }, '2026-11-25T01:30:00').now().toISOString()).toBe('2026-11-24T12:30:00.000Z');
    expect(createClock({ TZ: 'UTC' }, '2026-11-25T01:30:00').now().toISOString()).toBe('2026-11-25T01:30:00.000Z');
  });
});

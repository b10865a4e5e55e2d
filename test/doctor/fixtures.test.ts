// Each fixtures/doctor/<case> is made to have exactly one pitfall (its rule
// fires, nothing else does); fixtures/doctor/clean has none. The full findings
// are a reviewed golden (text format, paths relative to the repository).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDoctor, withFixInMessage } from '../../src/doctor/index.js';
import { formatters } from '../../src/report/index.js';
import { fixedClock } from '../../src/time/clock.js';
import { Chalk } from 'chalk';

const REPO = join(import.meta.dirname, '..', '..');
const CLOCK = fixedClock('2026-11-25T12:00:00Z', 'UTC');

const CASES: Record<string, string[]> = {
  clean: [],
  'driverver-local-utc': ['9100'],
  'sourcedisksnames-path': ['9101'],
  'sourcedisksnames-path-package': ['9101'],
  'undefined-token-in-filename': ['9102', '9102'],
  'catalogfile-missing-for-arch': ['9103'],
  'package-folder-intermediates': ['9104'],
  'package-intermediates-on-disk': ['9104'],
  'os-list-not-covered': ['9105'],
  'kmdf-too-new': ['9106'],
  // Settings from a repository's Directory.Build.props: the evidence points there.
  'directory-build-props': ['9106', '9100'],
};

function doctor(folder: string, clock = CLOCK, env: Record<string, string> = {}) {
  return runDoctor([`fixtures/doctor/${folder}`], { cwd: REPO, clock, env });
}

describe('doctor fixtures', () => {
  for (const [folder, codes] of Object.entries(CASES)) {
    it(`${folder}: ${codes.length ? codes.join(', ') : 'nothing'}`, async () => {
      const result = doctor(folder);
      const found = result.files.flatMap((f) => f.diagnostics.map((d) => d.code));
      expect(found).toEqual(codes);
      for (const f of result.files)
        for (const d of f.diagnostics) {
          expect(d.message).not.toMatch(/Fix:/);
          expect(d.fix).toBeTruthy();
        }
      const text = formatters.text!({
        files: withFixInMessage(result.files),
        rules: result.rules,
        cwd: REPO,
        chalk: new Chalk({ level: 0 }),
        tool: { name: 'wdksim doctor', version: 'test' },
        mode: 'default',
        verbose: false,
      });
      await expect(text.split(REPO).join('<repo>')).toMatchFileSnapshot(`__golden__/${folder}.txt`);
    });
  }

  it('points at the evidence: the line of the offending entry', () => {
    const at = (folder: string) => doctor(folder).files[0]!.diagnostics[0]!;
    expect(at('sourcedisksnames-path')).toMatchObject({ line: 14, column: 18, endColumn: 22 }); // "\x64" in 1 = %DiskName%,,,\x64
    expect(at('undefined-token-in-filename')).toMatchObject({ line: 17, column: 1, endColumn: 13 });
    expect(at('catalogfile-missing-for-arch')).toMatchObject({ line: 1 }); // [Version]
    expect(at('os-list-not-covered')).toMatchObject({ line: 20 }); // the [Manufacturer] line
    expect(at('kmdf-too-new').file).toMatch(/Widget\.vcxproj$/);
    expect(at('kmdf-too-new').line).toBe(19); // <KMDF_VERSION_MINOR>33</KMDF_VERSION_MINOR>
    const shared = doctor('directory-build-props').files;
    expect(shared.map((f) => f.file)).toEqual(['fixtures/doctor/directory-build-props/Directory.Build.props']);
    expect(shared[0]!.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['9106', 6],
      ['9100', 7],
    ]);
  });
});

describe('9100: the hours and zones the local/UTC DriverVer trap fails in', () => {
  const message = (instant: string, zone: string, env: Record<string, string> = {}, folder = 'driverver-local-utc') =>
    doctor(folder, fixedClock(instant, zone), env)
      .files.flatMap((f) => f.diagnostics)
      .find((d) => d.code === '9100')?.message;

  it('UTC+8: 00:00 to 07:59 local, and says when it fails right now', () => {
    expect(message('2026-11-25T17:30:00Z', 'Asia/Shanghai')).toMatch(/in Asia\/Shanghai \(UTC\+08:00\) that is every day from 00:00 to 07:59 local time \(including right now\)/);
    expect(message('2026-11-25T03:00:00Z', 'Asia/Shanghai')).not.toMatch(/right now/);
  });

  it('UTC+13 (Auckland summer) and UTC+5:30 (India)', () => {
    expect(message('2026-11-25T03:00:00Z', 'Pacific/Auckland')).toMatch(/from 00:00 to 12:59 local time/);
    expect(message('2026-11-25T03:00:00Z', 'Asia/Kolkata')).toMatch(/from 00:00 to 05:29 local time/);
  });

  it('west of UTC the build passes here, but the project still fails east of UTC', () => {
    expect(message('2026-11-25T03:00:00Z', 'America/New_York')).toMatch(/America\/New_York \(UTC-05:00\) is not affected, but every developer or build machine east of UTC is/);
  });

  it('no finding once Inf2CatUseLocalTime is set (the clean fixture)', () => {
    expect(message('2026-11-25T17:30:00Z', 'Asia/Shanghai', {}, 'clean')).toBeUndefined();
  });
});

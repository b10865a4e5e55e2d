// The "future DriverVer" trap (wdk-tools.md §1.3, §3.8): stampinf stamps the
// local date, inf2cat checks against the UTC date unless /uselocaltime.
import { cpSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir, wdksim } from '../helpers/cli.js';

const FUTURE_LINE = (folder: string) => `22.9.7: DriverVer set to a date in the future (postdated DriverVer not allowed) in ${folder}\\kmdfhelloworld.inf.`;

function packageCopy(name: string): string {
  const dir = realpathSync(tempDir('wdksim-inf2cat-time-'));
  cpSync(join(REPO_ROOT, 'fixtures', 'packages', name), join(dir, name), { recursive: true });
  return dir;
}

const catalogs = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.cat'));

describe('inf2cat DriverVer date: UTC by default, local with /uselocaltime', () => {
  // 2026-11-24T12:30Z is 11/25/2026 01:30 in Auckland (UTC+13): the local date is a day ahead.
  const auckland = { env: { TZ: 'Pacific/Auckland' } };
  const aucklandNow = ['--now', '2026-11-24T12:30:00Z'];

  it('Auckland, INF stamped with the local date 11/25/2026: fails with 22.9.7 and exit 254, writes no catalog', async () => {
    const dir = packageCopy('auckland-local-date');
    const r = await wdksim(['inf2cat', ...aucklandNow, '/driver:auckland-local-date', '/os:10_VB_X64'], { cwd: dir, ...auckland });
    expect(r.exitCode).toBe(254);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe('Signability test failed.');
    const at = lines.indexOf(FUTURE_LINE('auckland-local-date'));
    expect(at).toBe(4);
    // One wdksim line: the cause (UTC vs local, zone and offset) and both fixes.
    const note = lines[at + 1]!;
    expect(note).toMatch(/^wdksim: /);
    expect(note).toContain('11/24/2026');
    expect(note).toContain('Pacific/Auckland (UTC+13:00)');
    expect(note).toContain('/uselocaltime');
    expect(note).toContain('STAMPINF_DATE');
    expect(lines[at + 2]).toBe('');
    expect(lines[at + 3]).toBe('Warnings:');
    expect(catalogs(join(dir, 'auckland-local-date'))).toEqual([]);
  });

  it('Auckland, same INF with /uselocaltime: succeeds and writes the catalog', async () => {
    const dir = packageCopy('auckland-local-date');
    const r = await wdksim(['inf2cat', ...aucklandNow, '/driver:auckland-local-date', '/os:10_VB_X64', '/uselocaltime'], { cwd: dir, ...auckland });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Signability test complete.\n\nErrors:\nNone\n');
    expect(catalogs(join(dir, 'auckland-local-date'))).toEqual(['kmdfhelloworld.cat']);
  });

  // 2026-11-25T03:00Z is 11/24/2026 19:00 in Los Angeles (UTC-8): UTC is already tomorrow.
  const losAngeles = { env: { TZ: 'America/Los_Angeles' } };
  const laNow = ['--now', '2026-11-25T03:00:00Z'];

  it('Los Angeles, INF stamped with the UTC date 11/25/2026: passes by default', async () => {
    const dir = packageCopy('utc-date');
    const r = await wdksim(['inf2cat', ...laNow, '/driver:utc-date', '/os:10_VB_X64'], { cwd: dir, ...losAngeles });
    expect(r.exitCode).toBe(0);
    expect(catalogs(join(dir, 'utc-date'))).toEqual(['kmdfhelloworld.cat']);
  });

  it('Los Angeles, same INF with /uselocaltime: fails with 22.9.7', async () => {
    const dir = packageCopy('utc-date');
    const r = await wdksim(['inf2cat', ...laNow, '/driver:utc-date', '/os:10_VB_X64', '/uselocaltime'], { cwd: dir, ...losAngeles });
    expect(r.exitCode).toBe(254);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf(FUTURE_LINE('utc-date'));
    expect(at).toBe(4);
    expect(lines[at + 1]).toContain('America/Los_Angeles (UTC-08:00)');
    expect(lines[at + 1]).toContain('without /uselocaltime');
    expect(catalogs(join(dir, 'utc-date'))).toEqual([]);
  });

  it('the decision follows the clock: it fails until UTC midnight and passes from it', async () => {
    const dir = packageCopy('auckland-local-date');
    const before = await wdksim(['inf2cat', '--now', '2026-11-24T23:59:59Z', '/driver:auckland-local-date', '/os:10_VB_X64', '/nocat'], { cwd: dir, ...auckland });
    expect(before.exitCode).toBe(254);
    const after = await wdksim(['inf2cat', '--now', '2026-11-25T00:00:00Z', '/driver:auckland-local-date', '/os:10_VB_X64', '/nocat'], { cwd: dir, ...auckland });
    expect(after.exitCode).toBe(0);
  });
});

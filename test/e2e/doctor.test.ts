// wdksim doctor through the built CLI: exit codes, the formats (as the GitHub
// Action calls it: --format sarif --output-file F <paths>), the clock and time
// zone reaching the DriverVer check, and one-line usage errors.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, wdksim } from '../helpers/cli.js';

const FIX = 'fixtures/doctor';

describe('wdksim doctor (built CLI)', () => {
  it('clean project: nothing found, exit 0', async () => {
    const r = await wdksim(['doctor', `${FIX}/clean`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no known pitfalls in 1 project/);
  });

  it('errors exit 1, warnings alone exit 0 (unless --max-warnings)', async () => {
    const err = await wdksim(['doctor', `${FIX}/sourcedisksnames-path`, '--format', 'text']);
    expect(err.exitCode).toBe(1);
    expect(err.stdout).toMatch(/^ERROR\(9101\) in .*Widget\.inx, line 14: \[SourceDisksNames\.amd64\] disk 1 puts its files under "\\x64"/);
    const warn = await wdksim(['doctor', `${FIX}/driverver-local-utc`, '--format', 'text']);
    expect(warn.exitCode).toBe(0);
    expect(warn.stdout).toMatch(/^WARNING\(9100\) in .*Widget\.vcxproj, line 32:/);
    expect((await wdksim(['doctor', `${FIX}/driverver-local-utc`, '--max-warnings', '0'])).exitCode).toBe(1);
  });

  it('--format sarif --output-file F PATHS, as the GitHub Action runs it', async () => {
    const dir = tempDir('wdksim-doctor-e2e-');
    const out = join(dir, 'doctor.sarif');
    const r = await wdksim(['doctor', '--format', 'sarif', '--output-file', out, `${FIX}/kmdf-too-new`, `${FIX}/undefined-token-in-filename`]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toMatch(/doctor/);
    expect(run.results.map((x: { ruleId: string }) => x.ruleId).sort()).toEqual(['9102', '9102', '9106']);
    const kmdf = run.results.find((x: { ruleId: string }) => x.ruleId === '9106');
    expect(kmdf.level).toBe('error');
    expect(kmdf.locations[0].physicalLocation.region.startLine).toBe(19);
  });

  it('--format json and github carry the same findings', async () => {
    const json = await wdksim(['doctor', `${FIX}/catalogfile-missing-for-arch`, '--format', 'json']);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.flatMap((f: { messages: { ruleId: string }[] }) => f.messages.map((m) => m.ruleId))).toEqual(['9103']);
    const gh = await wdksim(['doctor', `${FIX}/catalogfile-missing-for-arch`, '--format', 'github']);
    expect(gh.stdout).toMatch(/::error .*file=fixtures\/doctor\/catalogfile-missing-for-arch\/Widget\.inx,line=1/);
  });

  it('--now and TZ reach the DriverVer check: UTC+8 fails 00:00-07:59', async () => {
    const r = await wdksim(['--now', '2026-11-25T17:30:00Z', 'doctor', `${FIX}/driverver-local-utc`, '--format', 'text'], { env: { TZ: 'Asia/Shanghai' } });
    expect(r.stdout).toMatch(/Asia\/Shanghai \(UTC\+08:00\) that is every day from 00:00 to 07:59 local time \(including right now\)/);
  });

  it('bad input: one line naming the problem, exit 2', async () => {
    const missing = await wdksim(['doctor', 'no/such/project']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/no\/such\/project/);
    const opt = await wdksim(['doctor', '--frobnicate']);
    expect(opt.exitCode).toBe(2);
    expect(opt.stderr).toMatch(/unknown option "--frobnicate"/);
    const help = await wdksim(['doctor', '--help']);
    expect(help.exitCode).toBe(0);
    for (const id of ['9100', '9101', '9102', '9103', '9104', '9105', '9106']) expect(help.stdout).toContain(id);
    expect(existsSync(join(FIX, 'clean', 'x64'))).toBe(false); // doctor writes nothing
  });
});

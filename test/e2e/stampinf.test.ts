// `wdksim stampinf` run as a process: the clock and zone, output contract,
// -o, and bad input that must leave the file byte-identical.
import { chmodSync, copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir, wdksim } from '../helpers/cli.js';

const PLACEHOLDER = join(REPO_ROOT, 'fixtures/stamp/placeholder-crlf/input.inx');
const UTF16 = join(REPO_ROOT, 'fixtures/stamp/utf16le-bom-crlf');

/** A writable copy of the placeholder INX in a fresh directory. */
function workCopy(name = 'toaster.inx'): { dir: string; file: string; original: Buffer } {
  const dir = tempDir('wdksim-stampinf-');
  const file = join(dir, name);
  copyFileSync(PLACEHOLDER, file);
  chmodSync(file, 0o644);
  return { dir, file, original: readFileSync(file) };
}

function driverVer(file: string): string | undefined {
  return /DriverVer\s*=\s*([^ ;\r\n]+)/.exec(readFileSync(file, 'latin1'))?.[1];
}

describe('wdksim stampinf: the clock and the time zone', () => {
  it("TZ=Pacific/Auckland --now 2026-11-24T12:30:00Z stamps 11/25/2026 and warns about inf2cat's UTC check", async () => {
    const { dir, file } = workCopy();
    const r = await wdksim(['--now', '2026-11-24T12:30:00Z', 'stampinf', '-f', 'toaster.inx', '-v', '1.0.0.0'], { cwd: dir, env: { TZ: 'Pacific/Auckland' } });
    expect(r.exitCode).toBe(0);
    expect(driverVer(file)).toBe('11/25/2026,1.0.0.0');
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Pacific/Auckland (UTC+13:00)');
    expect(r.stderr).toContain('/uselocaltime');
    expect(r.stderr).toContain('STAMPINF_DATE=11/24/2026');
  });

  it('TZ=America/Los_Angeles at the same instant stamps 11/24/2026, silently (--now after the tool name)', async () => {
    const { dir, file } = workCopy();
    const r = await wdksim(['stampinf', '-f', 'toaster.inx', '-d', '*', '-v', '1.0.0.0', '--now', '2026-11-24T12:30:00Z'], { cwd: dir, env: { TZ: 'America/Los_Angeles' } });
    expect(r.exitCode).toBe(0);
    expect(driverVer(file)).toBe('11/24/2026,1.0.0.0');
    expect(r.stdout + r.stderr).toBe('');
  });

  it('-v * at local 07:05:09.123 gives 7.5.9.123 (WDKSIM_NOW with milliseconds)', async () => {
    const { dir, file } = workCopy();
    const r = await wdksim(['stampinf', '-f', 'toaster.inx', '-d', '*', '-v', '*', '-a', 'amd64'], {
      cwd: dir,
      env: { TZ: 'Europe/Berlin', WDKSIM_NOW: '2026-11-24T06:05:09.123Z' },
    });
    expect(r.exitCode).toBe(0);
    expect(driverVer(file)).toBe('11/24/2026,7.5.9.123');
  });

  it('--now beats WDKSIM_NOW, which beats SOURCE_DATE_EPOCH', async () => {
    const { dir, file } = workCopy();
    const env = { TZ: 'UTC', WDKSIM_NOW: '2026-03-04T05:06:07.008Z', SOURCE_DATE_EPOCH: '1795523400' };
    await wdksim(['stampinf', '-f', 'toaster.inx', '-d', '*', '-v', '*'], { cwd: dir, env });
    expect(driverVer(file)).toBe('03/04/2026,5.6.7.8');
    await wdksim(['stampinf', '-f', 'toaster.inx', '-d', '*', '-v', '*'], { cwd: dir, env: { TZ: 'UTC', SOURCE_DATE_EPOCH: '1795523400' } });
    expect(driverVer(file)).toBe('11/24/2026,12.30.0.0');
    await wdksim(['--now', '2025-01-02T03:04:05Z', 'stampinf', '-f', 'toaster.inx', '-d', '*', '-v', '*'], { cwd: dir, env });
    expect(driverVer(file)).toBe('01/02/2025,3.4.5.0');
  });
});

describe('wdksim stampinf: output', () => {
  it('-n prints the two Stamping lines of the real tool', async () => {
    const { dir } = workCopy();
    const r = await wdksim(['stampinf', '-n', '-f', 'toaster.inx', '-d', '01/02/2026', '-v', '1.2.3.4'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('Stamping toaster.inx\nStamping [Version] section with DriverVer=01/02/2026,1.2.3.4\n');
  });

  it('--json prints each changed line', async () => {
    const { dir } = workCopy();
    const r = await wdksim(['stampinf', '-f', 'toaster.inx', '-a', 'amd64', '-k', '1.15', '-d', '01/02/2026', '-v', '1.2.3.4', '--json'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.driverVer).toBe('01/02/2026,1.2.3.4');
    expect(json.changes).toContainEqual({
      section: 'Version',
      line: 11,
      before: 'DriverVer   = ; TODO: set DriverVer in stampinf property pages',
      after: 'DriverVer   = 01/02/2026,1.2.3.4 ; TODO: set DriverVer in stampinf property pages',
    });
    expect(json.changes).toContainEqual({ section: 'Toaster_wdfsect', line: 27, before: 'KmdfLibraryVersion = $KMDFVERSION$', after: 'KmdfLibraryVersion = 1.15' });
    expect(json.changes).toHaveLength(5);
  });

  it('-o OUT writes the stamped copy and leaves the INX as it was', async () => {
    const { dir, file, original } = workCopy();
    chmodSync(file, 0o444); // the source may even be read-only
    const r = await wdksim(['stampinf', '-f', 'toaster.inx', '-o', 'out.inf', '-a', 'amd64', '-k', '1.33', '-d', '01/02/2026', '-v', '1.2.3.4'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(readFileSync(join(dir, 'out.inf')).equals(readFileSync(join(REPO_ROOT, 'fixtures/stamp/placeholder-crlf/expected.inf')))).toBe(true);
  });

  it('keeps a UTF-16LE file with BOM byte for byte outside the edits', async () => {
    const dir = tempDir('wdksim-stampinf-');
    copyFileSync(join(UTF16, 'input.inx'), join(dir, 'x.inx'));
    chmodSync(join(dir, 'x.inx'), 0o644);
    const r = await wdksim(['stampinf', '-f', 'x.inx', ...readFileSync(join(UTF16, 'args.txt'), 'utf8').trim().split(/\s+/)], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'x.inx')).equals(readFileSync(join(UTF16, 'expected.inf')))).toBe(true);
  });

  it('without -i, finds ntverp.h on the INCLUDE path', async () => {
    const { dir, file } = workCopy();
    const inc = join(REPO_ROOT, 'fixtures/stamp/ntverp-include-dir/inc');
    const r = await wdksim(['stampinf', '-f', 'toaster.inx', '-d', '01/02/2026'], { cwd: dir, env: { INCLUDE: `${join(dir, 'none')};${inc}` } });
    expect(r.exitCode).toBe(0);
    expect(driverVer(file)).toBe('01/02/2026,10.0.26100.1742');
  });

  it('keeps the file mode when editing in place', async () => {
    const { dir, file } = workCopy();
    chmodSync(file, 0o640);
    await wdksim(['stampinf', '-f', 'toaster.inx', '-d', '01/02/2026', '-v', '1.2.3.4'], { cwd: dir });
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('--help lists the options and the exit codes', async () => {
    const r = await wdksim(['stampinf', '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('-f FILE');
    expect(r.stdout).toContain('Exit codes: 0 stamped, 1 stamping failed');
  });
});

describe('wdksim stampinf: bad input leaves the file untouched', () => {
  const cases: [string, string[], number, RegExp][] = [
    ['unknown option', ['-z', 'x'], 2, /unknown option "-z"/],
    ['unknown long option', ['--bogus'], 2, /unknown option "--bogus"/],
    ['a date that is no calendar date', ['-d', '13/45/2026', '-v', '1.2.3.4'], 2, /13\/45\/2026.*month/],
    ['February 30th', ['-d', '02/30/2026', '-v', '1.2.3.4'], 2, /not a real calendar date/],
    ['a version part over 65534', ['-d', '01/02/2026', '-v', '1.2.3.65535'], 2, /65535.*0 to 65534/],
    ['a bad -k', ['-d', '01/02/2026', '-v', '1.2.3.4', '-k', 'latest'], 2, /-k/],
    ['no version source', ['-d', '01/02/2026'], 1, /STAMPINF_VERSION/],
    ['-i without ntverp.h', ['-d', '01/02/2026', '-i', 'nowhere'], 1, /ntverp\.h: no such file/],
  ];
  it.each(cases)('%s', async (_what, args, code, message) => {
    const { dir, file, original } = workCopy();
    const r = await wdksim(['stampinf', '-f', 'toaster.inx', ...args], { cwd: dir });
    expect(r.exitCode).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it('a bad STAMPINF_DATE names the variable and exits 1', async () => {
    const { dir, file, original } = workCopy();
    const r = await wdksim(['stampinf', '-f', 'toaster.inx', '-v', '1.2.3.4'], { cwd: dir, env: { STAMPINF_DATE: '2026-11-24' } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/STAMPINF_DATE/);
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it('a missing file', async () => {
    const dir = tempDir('wdksim-stampinf-');
    const r = await wdksim(['stampinf', '-f', 'missing.inx', '-d', '01/02/2026', '-v', '1.2.3.4'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('wdksim: missing.inx: no such file or directory; check the path\n');
  });

  it('no -f at all', async () => {
    const r = await wdksim(['stampinf', '-d', '01/02/2026']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/-f FILE is required/);
  });

  it('a read-only file', async () => {
    const { dir, file, original } = workCopy();
    chmodSync(file, 0o444);
    const r = await wdksim(['stampinf', '-f', 'toaster.inx', '-d', '01/02/2026', '-v', '1.2.3.4'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/toaster\.inx: the file is read-only/);
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });

  it('-o into a folder that does not exist', async () => {
    const { dir, file, original } = workCopy();
    const r = await wdksim(['stampinf', '-f', 'toaster.inx', '-o', 'no/such/out.inf', '-d', '01/02/2026', '-v', '1.2.3.4'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/no[/\\]such/);
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it('a directory given as the file', async () => {
    const dir = tempDir('wdksim-stampinf-');
    writeFileSync(join(dir, 'x.txt'), '');
    const r = await wdksim(['stampinf', '-f', '.', '-d', '01/02/2026', '-v', '1.2.3.4'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/is a directory/);
  });
});

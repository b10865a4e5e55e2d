// `wdksim target` as a process: provisioning options and their validation,
// show, reg query/export, log, verify, and the lock.
import { describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir, wdksim } from '../helpers/cli.js';

describe('wdksim target', () => {
  it('says how to create a target when there is none', async () => {
    const dir = tempDir();
    const r = await wdksim(['target', 'show'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`no target machine at ${join(dir, 'wdksim-target')}; create one with: wdksim target init`);
  });

  it.each([
    [['--kdnet-port', '50000', '--kdnet-key', '1.2.3.4.5'], /one to four parts/],
    [['--kdnet-port', '50000', '--kdnet-key', 'abc_def'], /not a base-36 value/],
    [['--kdnet-port', '50000', '--kdnet-key', '12345678901234'], /longer than 13/],
    [['--kdnet-port', '80', '--kdnet-key', '1.2.3.4'], /49152-65535/],
    [['--kdnet-key', '1.2.3.4'], /need --kdnet-port/],
    [['--kdnet-port', '50000', '--kdnet-host', '10.0.0'], /not an IPv4 address/],
    [['--os', 'win95'], /unknown --os "win95"/],
    [['--arch', 'ia64'], /--arch takes amd64, x86 or arm64/],
    [['--testsigning', 'maybe'], /takes on or off/],
  ])('init %j is refused', async (args, message) => {
    const dir = tempDir();
    const r = await wdksim(['target', 'init', ...args], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('init with an OS, architecture and generated key; show and show --json describe it', async () => {
    const dir = tempDir();
    const init = await wdksim(
      ['target', 'init', 'machine', '--os', 'win10-22h2', '--arch', 'arm64', '--testsigning', 'off', '--kdnet-port', '50001', '--kdnet-host', '192.168.0.2'],
      { cwd: dir },
    );
    expect(init.exitCode).toBe(0);
    const key = /^key {21}(\S+)$/m.exec(init.stdout)?.[1];
    expect(key).toMatch(/^[0-9a-z]{1,13}(\.[0-9a-z]{1,13}){3}$/);
    expect(init.stdout).toContain('bcdedit /dbgsettings net hostip:192.168.0.2 port:50001 key:');
    expect(init.stdout).toContain('bcdedit /set testsigning off');
    const again = await wdksim(['target', 'init', 'machine'], { cwd: dir });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('already holds a target machine');
    const json = JSON.parse((await wdksim(['--target', 'machine', 'target', 'show', '--json'], { cwd: dir })).stdout);
    expect(json.os).toMatchObject({ id: 'win10-22h2', build: 19045, kmdf: '1.31', arch: 'arm64' });
    expect(json.boot).toMatchObject({ testsigning: false, debug: true, dbgsettings: { port: 50001, key, hostip: '192.168.0.2' } });
    const show = await wdksim(['target', 'show'], { cwd: dir, env: { WDKSIM_TARGET: join(dir, 'machine') } });
    expect(show.stdout).toContain('Operating system:   Windows 10, version 22H2 (10.0.19045), arm64');
    expect(show.stdout).toContain('Test signing:       off');
  });

  it('reg query, reg export (.reg as regedit writes it), log --tail, bcdedit and reboot', async () => {
    const dir = tempDir();
    expect((await wdksim(['target', 'init'], { cwd: dir })).exitCode).toBe(0);
    const q = await wdksim(['target', 'reg', 'query', 'hklm\\software\\microsoft\\windows nt\\currentversion'], { cwd: dir });
    expect(q.exitCode).toBe(0);
    expect(q.stdout).toContain('\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\n');
    expect(q.stdout).toContain('    CurrentBuild    REG_SZ    22631\n');
    expect(q.stdout).toContain('    CurrentMajorVersionNumber    REG_DWORD    0xa\n');
    const one = await wdksim(['target', 'reg', 'query', 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', '/v', 'currentbuild'], { cwd: dir });
    expect(one.stdout).toBe('\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\n    CurrentBuild    REG_SZ    22631\n\n');
    const missing = await wdksim(['target', 'reg', 'query', 'HKLM\\SOFTWARE\\NoSuchKey'], { cwd: dir });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe('ERROR: The system was unable to find the specified registry key or value.\n');

    const exp = await wdksim(['target', 'reg', 'export', 'HKLM\\SOFTWARE\\Microsoft\\Windows NT', 'nt.reg'], { cwd: dir });
    expect(exp.exitCode).toBe(0);
    const bytes = await readFile(join(dir, 'nt.reg'));
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = bytes.subarray(2).toString('utf16le');
    expect(
      text.startsWith(
        'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT]\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion]\r\n',
      ),
    ).toBe(true);
    expect(text).toContain('"CurrentBuild"="22631"\r\n');
    expect(text).toContain('"CurrentMajorVersionNumber"=dword:0000000a\r\n');

    const log = await wdksim(['target', 'log', '--tail', '4'], { cwd: dir });
    expect(log.stdout).toMatch(/^\[BeginLog\]\n\n\[Boot Session: \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{3}\]\n\n$/);

    expect((await wdksim(['target', 'bcdedit', '/set', 'testsigning', 'off'], { cwd: dir })).stdout).toBe('The operation completed successfully.\n');
    expect((await wdksim(['target', 'show'], { cwd: dir })).stdout).toContain('Pending at reboot:  testsigning off');
    const reboot = await wdksim(['target', 'reboot'], { cwd: dir });
    expect(reboot.stdout).toContain('Applied boot setting: testsigning = false');
    expect(reboot.stdout).toContain('Boot session 2 started; test signing off.');
  });

  it('a second command waits for the lock, then fails naming it', async () => {
    const dir = tempDir();
    expect((await wdksim(['target', 'init'], { cwd: dir })).exitCode).toBe(0);
    // A lock held by a live process (this test's own pid) on another host: waited for, never taken over.
    await mkdir(join(dir, 'wdksim-target', '.wdksim', 'lock'), { recursive: true });
    await writeFile(
      join(dir, 'wdksim-target', '.wdksim', 'lock', 'owner.json'),
      JSON.stringify({ token: 'ab'.repeat(16), pid: process.pid, host: 'lab-pc-2', command: 'devcon install', acquiredAt: new Date().toISOString() }),
    );
    const started = Date.now();
    const r = await wdksim(['target', 'verify'], { cwd: dir, env: { WDKSIM_LOCK_WAIT_MS: '600', WDKSIM_LOCK_STALE_MS: '30000' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/is locked by devcon install, pid \d+ on lab-pc-2 since .*\(lock .*\.wdksim[\\/]lock\)/);
  });
});

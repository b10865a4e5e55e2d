// Faults of the machine, not of wdksim or its input, through the built CLI:
// disk full (an 8 MiB tmpfs), read-only file system, permission denied (run as
// an unprivileged user when the test is root), a bit-flipped signature, and
// invalid WDKSIM_* settings. Each gets a clear one-line message and its
// documented exit code (src/exit-codes.ts), never "internal error".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, REPO_ROOT } from '../helpers/cli.js';
import { tempBase } from '../faults/world.js';

const HELLO = join(REPO_ROOT, 'fixtures', 'packages', 'KmdfHelloWorld');
const ENV = { TZ: 'UTC', NO_COLOR: '1', WDKSIM_NOW: '2026-11-25T12:00:00Z' };
let base = '';
let mounted = false;
beforeAll(async () => {
  base = tempBase('wdksim-env-');
  chmodSync(base, 0o755);
  mkdirSync(join(base, 'small'));
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    // Room for a fresh target (its state is a few hundred small record files: about 3 MiB in 4 KiB pages), not for the big package.
    mounted = (await execa('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', join(base, 'small')], { reject: false })).exitCode === 0;
  }
});
afterAll(async () => {
  if (mounted) await execa('umount', [join(base, 'small')], { reject: false });
  rmSync(base, { recursive: true, force: true });
});

async function run(args: string[], options: { cwd?: string; env?: Record<string, string>; uid?: number } = {}) {
  const r = await execa(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? base,
    env: { ...ENV, ...options.env },
    reject: false,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function clean(r: { stderr: string }): void {
  expect(r.stderr).not.toMatch(/internal error|this is a bug|\n\s+at /);
}

describe('the machine says no', () => {
  it('disk full: exit 74 with "no space left on the device", and the target stays verifiable', async () => {
    if (!mounted) return void console.log('[environment] cannot mount a tmpfs here: disk-full case skipped');
    const env = { WDKSIM_TARGET: join(base, 'small', 't') };
    expect((await run(['target', 'init'], { env })).exitCode).toBe(0);
    // A package bigger than what is left: deploy copies it into C:\DriverTest.
    const pkg = join(base, 'big');
    mkdirSync(pkg);
    copyFileSync(join(HELLO, 'KmdfHelloWorld.inf'), join(pkg, 'KmdfHelloWorld.inf'));
    writeFileSync(join(pkg, 'KmdfHelloWorld.sys'), Buffer.concat([readFileSync(join(HELLO, 'KmdfHelloWorld.sys')), Buffer.alloc(9 * 1024 * 1024, 1)]));
    const r = await run(['deploy', 'big'], { env });
    clean(r);
    expect(r.exitCode, r.stderr).toBe(74);
    expect(r.stderr).toMatch(/no space left on the device \(the disk is full or out of inodes\)/);
    const verify = await run(['target', 'verify'], { env });
    expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
  });

  it('read-only file system: exit 73 naming the path', async () => {
    if (!mounted) return void console.log('[environment] cannot mount a tmpfs here: read-only case skipped');
    writeFileSync(join(base, 'small', 'x.inf'), readFileSync(join(HELLO, 'KmdfHelloWorld.inf')));
    await execa('mount', ['-o', 'remount,ro', join(base, 'small')]);
    try {
      const r = await run(['infverif', 'small/x.inf', '--output-file', 'small/report.txt']);
      clean(r);
      expect(r.exitCode, r.stderr).toBe(73);
      expect(r.stderr).toMatch(/small.*the file system is read-only/);
    } finally {
      await execa('mount', ['-o', 'remount,rw', join(base, 'small')]);
    }
  });

  it('permission denied: exit 77 naming the path (run as an unprivileged user)', async () => {
    if (process.platform !== 'linux') return;
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    const locked = join(base, 'locked');
    mkdirSync(join(locked, 'inside'), { recursive: true });
    chmodSync(locked, 0o555);
    const r = await run(['target', 'init', join(locked, 'inside', 't')], { cwd: base, ...(uid !== undefined ? { uid } : {}) });
    clean(r);
    expect(r.exitCode, r.stderr).toBe(77);
    expect(r.stderr).toMatch(/locked.*permission denied/);
  });

  it('an unreadable package file: inf2cat reports 22.9.1 for a targeted file (exit 254, no catalog) and names the path for an untargeted one (exit 255)', async () => {
    if (process.platform !== 'linux') return;
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    const dir = join(base, 'unreadable');
    mkdirSync(dir);
    chmodSync(dir, 0o777); // the unprivileged user writes the catalog here
    const inf = readFileSync(join(HELLO, 'KmdfHelloWorld.inf'), 'latin1').replace('[SourceDisksFiles]', '[SourceDisksFiles.x86]\r\nhelper32.dll = 1,,\r\n\r\n[SourceDisksFiles]');
    writeFileSync(join(dir, 'KmdfHelloWorld.inf'), inf, 'latin1');
    copyFileSync(join(HELLO, 'KmdfHelloWorld.sys'), join(dir, 'KmdfHelloWorld.sys'));
    writeFileSync(join(dir, 'helper32.dll'), 'x86 only');
    const as = uid !== undefined ? { uid } : {};
    expect((await run(['inf2cat', `/driver:${dir}`, '/os:10_X64'], as)).exitCode).toBe(0);
    rmSync(join(dir, 'kmdfhelloworld.cat'));
    // Targeted (amd64 uses [SourceDisksFiles]): the signability test fails, no catalog.
    chmodSync(join(dir, 'KmdfHelloWorld.sys'), 0o000);
    const targeted = await run(['inf2cat', `/driver:${dir}`, '/os:10_X64'], as);
    clean(targeted);
    expect(targeted.exitCode, targeted.stderr).toBe(254);
    expect(targeted.stdout + targeted.stderr).toMatch(/22\.9\.1: kmdfhelloworld\.sys in \[drivers_dir\] of unreadable\\kmdfhelloworld\.inf is missing or cannot be decompressed/);
    expect(readdirSync(dir).filter((n) => /\.cat$/i.test(n))).toEqual([]);
    // Untargeted (listed for x86 only, still a member of the catalog): the tests pass, hashing it fails naming the path.
    chmodSync(join(dir, 'KmdfHelloWorld.sys'), 0o644);
    chmodSync(join(dir, 'helper32.dll'), 0o000);
    const untargeted = await run(['inf2cat', `/driver:${dir}`, '/os:10_X64'], as);
    clean(untargeted);
    expect(untargeted.stdout + untargeted.stderr).not.toMatch(/22\.9\.1/);
    expect(untargeted.exitCode, untargeted.stderr).toBe(255);
    expect(untargeted.stdout + untargeted.stderr).toMatch(/helper32\.dll.*permission denied/);
    expect(readdirSync(dir).filter((n) => /\.cat$/i.test(n))).toEqual([]);
  });

  it('a bit-flipped certificate in a signed catalog: signtool verify fails (exit 1) with the reason, never "warnings" or a crash', async () => {
    const dir = join(base, 'flip');
    mkdirSync(dir);
    for (const f of ['KmdfHelloWorld.inf', 'KmdfHelloWorld.sys']) copyFileSync(join(HELLO, f), join(dir, f));
    expect((await run(['cert', 'new', '--out', dir, '--subject', 'CN=wdksim flip test'])).exitCode).toBe(0);
    expect((await run(['inf2cat', `/driver:${dir}`, '/os:10_X64'])).exitCode).toBe(0);
    const cat = join(
      dir,
      readdirSync(dir).find((n) => /\.cat$/i.test(n))!,
    ); // inf2cat chooses the name's case
    expect((await run(['signtool', 'sign', '/fd', 'sha256', '/f', join(dir, 'WDKTestCert.pfx'), cat])).exitCode).toBe(0);
    const good = readFileSync(cat);
    const codes = new Set<number>();
    // Every 7th byte of the second half (where the certificate and the signature are).
    for (let off = good.length >> 1; off < good.length; off += Math.max(7, good.length >> 6)) {
      const bad = Buffer.from(good);
      bad[off]! ^= 0x04;
      writeFileSync(join(dir, 'bad.cat'), bad);
      const r = await run(['signtool', 'verify', '/pa', '/ca', join(dir, 'WDKTestCert.cer'), join(dir, 'bad.cat')]);
      clean(r);
      codes.add(r.exitCode);
      if (r.exitCode !== 0) expect(r.stderr + r.stdout).toMatch(/SignTool Error: /);
    }
    expect(
      [...codes].every((c) => c === 1 || c === 0),
      [...codes].join(),
    ).toBe(true);
    expect(codes.has(1)).toBe(true);
  }, 120_000);
});

describe('WDKSIM_* settings are checked before a command runs', () => {
  it.each([
    ['WDKSIM_LOCK_WAIT_MS', 'abc', ['target', 'verify'], 2, /WDKSIM_LOCK_WAIT_MS="abc" is not valid: .* takes an integer of at least 0/],
    ['WDKSIM_LOCK_STALE_MS', '-5', ['devcon', 'status', '*'], 3, /WDKSIM_LOCK_STALE_MS="-5" is not valid/],
    ['WDKSIM_MAX_INF_SECTIONS', '0', ['infverif', 'x.inf'], 2, /WDKSIM_MAX_INF_SECTIONS="0" is not valid: .* takes an integer of at least 1/],
    ['WDKSIM_VALIDATE_STATE', 'yes', ['inf2cat', '/driver:.', '/os:10_X64'], 255, /WDKSIM_VALIDATE_STATE="yes" is not valid: .* takes 0 or 1/],
    ['WDKSIM_PROGRESS_DELAY_MS', '1e3', ['pnputil', '/enum-drivers'], 87, /WDKSIM_PROGRESS_DELAY_MS="1e3" is not valid/],
  ])("%s=%s is refused at once with the tool's usage code", async (name, value, args, code, message) => {
    const start = performance.now();
    const r = await run(args as string[], { env: { [name as string]: value as string, WDKSIM_TARGET: join(base, 'no-target') } });
    expect(r.exitCode, r.stderr).toBe(code);
    expect(r.stderr).toMatch(message as RegExp);
    expect(performance.now() - start).toBeLessThan(20_000); // it used to wait forever
  });
});

// What a newcomer hit on a first run (issue 19), one test each: help texts
// that match their usage lines, doctor 9101 claiming an Inf2Cat failure that
// an amd64-only run does not have, one DriverVer version range for stampinf
// and infverif, and the walkthrough's folder ignored by git.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir, wdksim } from '../helpers/cli.js';

describe('help texts match their usage lines', () => {
  it('inf --help documents no option inf parse lacks (no --max-warnings)', async () => {
    const r = await wdksim(['inf', '--help']);
    expect(r.exitCode).toBe(0);
    const usage = r.stdout.split('\n')[0]!;
    // --help itself is listed by the generated help, not in the usage line.
    for (const option of (r.stdout.match(/--[a-z][\w-]*/g) ?? []).filter((o) => o !== '--help')) expect(usage).toContain(option);
    expect(r.stdout).not.toContain('--max-warnings');
  });

  it("stampinf's usage line names every option its list describes (-p included)", async () => {
    const r = await wdksim(['stampinf', '--help']);
    const [usage, described] = r.stdout.split('\n\n');
    const options = [...r.stdout.matchAll(/^ {2}(-[a-z]|--[a-z-]+)\b/gm)].map((m) => m[1]!);
    expect(options).toContain('-p');
    for (const option of options) expect(usage, `${option} is described but not in the usage line`).toMatch(new RegExp(`[[ ]${option}\\b`));
    expect(described).toBeDefined();
  });
});

describe('doctor 9101 on an amd64-only build', () => {
  it('does not claim Inf2Cat fails when inf2cat /os:10_X64 accepts the package; names the /os list that fails', async () => {
    const dir = tempDir();
    const pkg = join(dir, 'pkg');
    mkdirSync(pkg);
    const source = join(REPO_ROOT, 'fixtures', 'doctor', 'sourcedisksnames-path-package');
    copyFileSync(join(source, 'Widget.sys'), join(pkg, 'Widget.sys'));
    // x86 files under \x86 (a folder this amd64-only layout lacks), amd64 files flat.
    const inf = readFileSync(join(source, 'Widget.inf'), 'latin1')
      .replace(
        '[SourceDisksNames.amd64]\r\n1 = %DiskName%,,,\\x64\r\n',
        '[SourceDisksNames.x86]\r\n1 = %DiskName%,,,\\x86\r\n\r\n[SourceDisksNames.amd64]\r\n1 = %DiskName%,,,\r\n',
      )
      .replace('%ManufacturerName%=Standard,NTamd64', '%ManufacturerName%=Standard,NTx86,NTamd64')
      .replace('[Standard.NTamd64]\r\n', '[Standard.NTx86]\r\n%Widget.DeviceDesc%=Widget_Device, Root\\Widget\r\n\r\n[Standard.NTamd64]\r\n');
    expect(inf).toContain('[SourceDisksNames.x86]');
    writeFileSync(join(pkg, 'Widget.inf'), inf, 'latin1');

    const inf2cat = await wdksim(['--now', '2026-11-25T12:00:00Z', 'inf2cat', '/driver:pkg', '/os:10_X64'], { cwd: dir });
    expect(inf2cat.exitCode, inf2cat.stdout).toBe(0);
    const x86 = await wdksim(['--now', '2026-11-25T12:00:00Z', 'inf2cat', '/driver:pkg', '/os:10_X86', '/nocat'], { cwd: dir });
    expect(x86.stdout).toContain('22.9.1');

    const doctor = await wdksim(['doctor', 'pkg'], { cwd: dir });
    expect(doctor.stdout).toContain('[SourceDisksNames.x86]');
    expect(doctor.stdout).toContain('Inf2Cat fails with 22.9.1 (file missing or cannot be decompressed) when its /os list names an x86 version (such as /os:10_X86)');
    expect(doctor.stdout).not.toContain('SourceDisksNames.amd64');
  });
});

describe("DriverVer version parts: Microsoft's documented range (each part less than 65535)", () => {
  const inf = (version: string) =>
    `[Version]\r\nSignature="$WINDOWS NT$"\r\nClass=Sample\r\nClassGuid={78A1C341-4539-11d3-B88D-00C04FAD5171}\r\nProvider=Contoso\r\nCatalogFile=x.cat\r\nDriverVer=11/20/2026,${version}\r\nPnpLockdown=1\r\n`;

  it('stampinf and infverif both accept 65534 and both reject 65535', async () => {
    const dir = tempDir();
    for (const [version, ok] of [
      ['1.2.3.65534', true],
      ['1.2.3.65535', false],
    ] as const) {
      writeFileSync(join(dir, 'x.inf'), inf(version));
      const verified = await wdksim(['infverif', 'x.inf'], { cwd: dir });
      expect(verified.stdout.includes('ERROR(1217)'), `infverif on ${version}: ${verified.stdout}`).toBe(!ok);
      if (!ok) expect(verified.stdout).toContain('must be 0..65534');
      const stamped = await wdksim(['stampinf', '-f', 'x.inf', '-d', '11/20/2026', '-v', version], { cwd: dir });
      expect(stamped.exitCode, `stampinf -v ${version}: ${stamped.stderr}`).toBe(ok ? 0 : 2);
    }
  });
});

describe("the walkthrough's folder", () => {
  it('my-first-driver/ is ignored by git', () => {
    const r = spawnSync('git', ['check-ignore', '-q', 'my-first-driver/KmdfHelloWorld/x.inf'], { cwd: REPO_ROOT });
    if (r.error) expect(readFileSync(join(REPO_ROOT, '.gitignore'), 'utf8')).toMatch(/^\/?my-first-driver\/$/m);
    else expect(r.status).toBe(0);
  });
});

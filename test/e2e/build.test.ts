// `wdksim build` as a process, on driver projects modelled on
// Windows-driver-samples (fixtures/projects): the package tree and the
// stamped INFs against golden files (checked by eye once; UPDATE_GOLDEN=1
// rewrites them), the project's settings honoured, failures and exit codes.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeMinimalPe } from '../../src/catalog/index.js';
import { REPO_ROOT, tempDir, wdksim } from '../helpers/cli.js';
import { hasOracle, skipNote } from '../helpers/oracles.js';

const OSSLSIGNCODE = hasOracle('osslsigncode');

const PROJECTS = join(REPO_ROOT, 'fixtures', 'projects');
const GOLDEN = join(REPO_ROOT, 'fixtures', 'projects', 'golden');
const NOW = '2026-11-24T12:30:00Z';

function copyProjects(): string {
  const dir = tempDir();
  for (const name of ['simdevice-kmdf', 'simdevice-umdf', 'mux-multi-inf', 'echo-kmdf']) cpSync(join(PROJECTS, name), join(dir, name), { recursive: true });
  cpSync(join(REPO_ROOT, 'fixtures', 'demo', 'KmdfHelloWorld'), join(dir, 'KmdfHelloWorld'), { recursive: true });
  return dir;
}

function tree(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? tree(p).map((x) => `${n}/${x}`) : [n];
    })
    .sort();
}

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'latin1'));
}

const cases = [
  { name: 'simdevice-kmdf', project: 'simdevice-kmdf', pkg: 'simdevice-kmdf/x64/Debug/simdevice', infs: ['simdevice.inf'] },
  { name: 'simdevice-umdf', project: 'simdevice-umdf', pkg: 'simdevice-umdf/x64/Debug/simdeviceumdf', infs: ['simdeviceumdf.inf'] },
  { name: 'mux-multi-inf', project: 'mux-multi-inf/novlan', pkg: 'mux-multi-inf/novlan/x64/Debug/mux', infs: ['muxp.inf', 'mux_mp.inf'] },
  // Inf by wildcard, OutDir=$(IntDir), Models decorated NT$ARCH$.10.0...16299 as the current templates do.
  { name: 'echo-kmdf', project: 'echo-kmdf', pkg: 'echo-kmdf/x64/Debug/echo', infs: ['echo.inf'] },
];

describe('wdksim build: package trees of Windows-driver-samples projects', () => {
  for (const c of cases) {
    it(`${c.name}: golden package listing and stamped INFs, signed catalogs${skipNote('osslsigncode')}`, async () => {
      const dir = copyProjects();
      const r = await wdksim(['--now', NOW, 'build', c.project, '--placeholder-binaries'], { cwd: dir });
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('Build succeeded.');
      const pkg = join(dir, c.pkg);
      golden(`${c.name}/listing.txt`, `${tree(pkg).join('\n')}\n`);
      for (const inf of c.infs) golden(`${c.name}/${inf}`, readFileSync(join(pkg, inf), 'latin1'));
      // Every catalog verifies against the project's test certificate, and so does each binary as a member.
      const cer = tree(pkg).find((f) => f.endsWith('.cer'))!;
      const pem = join(dir, 'cert.pem');
      writeFileSync(pem, new X509Certificate(readFileSync(join(pkg, cer))).toString());
      if (OSSLSIGNCODE)
        for (const cat of tree(pkg).filter((f) => f.endsWith('.cat'))) {
          execFileSync('osslsigncode', ['verify', '-in', join(pkg, cat), '-CAfile', pem], { stdio: 'pipe' });
        }
    });
  }

  it('prints each step as the wdksim command MSBuild would run, with the project settings', async () => {
    const dir = copyProjects();
    const r = await wdksim(['--now', NOW, 'build', 'simdevice-umdf', '--placeholder-binaries'], { cwd: dir });
    expect(r.stdout).toContain('Build started: Project: simdeviceumdf, Configuration: Debug x64 (simdevice-umdf/simdeviceumdf.vcxproj)');
    expect(r.stdout).toContain('  $ wdksim stampinf -d "*" -a amd64 -v "*" -u 2.15.0 -x -f simdevice-umdf/x64/Debug/simdeviceumdf.inf');
    expect(r.stdout).toContain('  Stamping [Version] section with DriverVer=11/24/2026,12.30.0.0');
    expect(r.stdout).toContain('  $ wdksim inf2cat /driver:simdevice-umdf/x64/Debug/simdeviceumdf /os:10_X64\n');
    expect(r.stdout).toMatch(/\$ wdksim signtool sign \/fd sha256 \/f simdevice-umdf\/x64\/Debug\/simdeviceumdf\.pfx simdevice-umdf\/x64\/Debug\/simdeviceumdf\/gpiosamples\.cat/);
    expect(r.stdout).toContain('simdeviceumdf.dll   (placeholder)');
    const order = ['StampInf:', 'Link:', 'TestSign:', 'PackageFiles:', 'Inf2Cat:', 'CatalogTestSign:'].map((t) => r.stdout.indexOf(`\n${t}\n`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it('ARM64 and Release: arm64 stamping, 10_RS3_ARM64, ARM64/Release/ folders', async () => {
    const dir = copyProjects();
    const r = await wdksim(['--now', NOW, 'build', 'simdevice-kmdf', '--configuration', 'Release', '--platform', 'ARM64', '--placeholder-binaries'], { cwd: dir });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.stdout).toContain('-a arm64');
    expect(r.stdout).toContain('/os:10_RS3_ARM64');
    const inf = readFileSync(join(dir, 'simdevice-kmdf', 'ARM64', 'Release', 'simdevice', 'simdevice.inf'), 'latin1');
    expect(inf).toContain('NTarm64');
    expect(inf).not.toContain('$ARCH$');
  });
});

describe('wdksim build: the local-time DriverVer pitfall follows the project setting', () => {
  const setLocalTime = (dir: string, on: boolean) => {
    const file = join(dir, 'KmdfHelloWorld', 'KmdfHelloWorld.vcxproj');
    const text = readFileSync(file, 'utf8').replace(/  <PropertyGroup><Inf2CatUseLocalTime>true<\/Inf2CatUseLocalTime><\/PropertyGroup>\r?\n/, '');
    const at = text.indexOf('  <Import Project="$(VCTargetsPath)\\Microsoft.Cpp.targets" />');
    writeFileSync(file, on ? `${text.slice(0, at)}  <PropertyGroup><Inf2CatUseLocalTime>true</Inf2CatUseLocalTime></PropertyGroup>\r\n${text.slice(at)}` : text);
  };

  it('east of UTC after local midnight: 22.9.7 without UseLocalTime, gone with it; west of UTC: no error', async () => {
    const dir = copyProjects();
    const args = ['--now', NOW, 'build', 'KmdfHelloWorld', '--placeholder-binaries'];
    const auckland = { TZ: 'Pacific/Auckland' }; // 2026-11-25 01:30 local, 2026-11-24 in UTC

    const failed = await wdksim(args, { cwd: dir, env: auckland });
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toContain('DriverVer=11/25/2026');
    expect(failed.stdout).toContain('22.9.7');
    expect(failed.stdout).toContain('<Inf2CatUseLocalTime>true</Inf2CatUseLocalTime>');
    expect(failed.stdout).toContain('Build FAILED.');
    expect(failed.stderr).toContain('signability test failed');
    expect(existsSync(join(dir, 'KmdfHelloWorld', 'x64', 'Debug', 'KmdfHelloWorld', 'kmdfhelloworld.cat'))).toBe(false);

    setLocalTime(dir, true);
    const fixed = await wdksim(args, { cwd: dir, env: auckland });
    expect(fixed.exitCode, fixed.stdout).toBe(0);
    expect(fixed.stdout).toContain('/os:10_X64 /uselocaltime');
    expect(fixed.stdout).not.toContain('22.9.7');

    setLocalTime(dir, false);
    const west = await wdksim(args, { cwd: dir, env: { TZ: 'America/Los_Angeles' } });
    expect(west.exitCode, west.stdout).toBe(0);
    expect(west.stdout).toContain('DriverVer=11/24/2026');
    expect(west.stdout).not.toContain('22.9.7');
  });

  it('the same with wdksim.json ("inf2cat": { "useLocalTime": true })', async () => {
    const dir = tempDir();
    cpSync(join(REPO_ROOT, 'fixtures', 'demo', 'KmdfHelloWorld', 'KmdfHelloWorld.inx'), join(dir, 'KmdfHelloWorld.inx'));
    const write = (useLocalTime: boolean) =>
      writeFileSync(join(dir, 'wdksim.json'), JSON.stringify({ name: 'KmdfHelloWorld', driverType: 'KMDF', infs: ['KmdfHelloWorld.inx'], inf2cat: { useLocalTime } }));
    write(false);
    const failed = await wdksim(['--now', NOW, 'build', '--placeholder-binaries'], { cwd: dir, env: { TZ: 'Pacific/Auckland' } });
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toContain('22.9.7');
    expect(failed.stdout).toContain('"inf2cat": { "useLocalTime": true }');
    write(true);
    const fixed = await wdksim(['--now', NOW, 'build', '--placeholder-binaries'], { cwd: dir, env: { TZ: 'Pacific/Auckland' } });
    expect(fixed.exitCode, fixed.stdout).toBe(0);
    expect(tree(join(dir, 'x64', 'Debug', 'KmdfHelloWorld'))).toEqual(['KmdfHelloWorld.cer', 'KmdfHelloWorld.inf', 'KmdfHelloWorld.sys', 'kmdfhelloworld.cat']);
  });
});

describe('wdksim build: binaries, options and failures', () => {
  it('fails when the driver binary is missing, naming it and --placeholder-binaries', async () => {
    const dir = copyProjects();
    const r = await wdksim(['--now', NOW, 'build', 'KmdfHelloWorld'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    // The error is printed once, on stderr (issue 19: it used to be in the log and again on stderr).
    expect(r.stderr).toContain('error: KmdfHelloWorld/x64/Debug/KmdfHelloWorld.sys: the driver binary does not exist');
    expect(r.stderr).toContain('--placeholder-binaries');
    expect(r.stdout).not.toContain('the driver binary does not exist');
    expect(existsSync(join(dir, 'KmdfHelloWorld', 'x64', 'Debug', 'KmdfHelloWorld'))).toBe(false);
  });

  it('packages a real binary from $(OutDir) as is (signed, not marked a placeholder)', async () => {
    const dir = copyProjects();
    const out = join(dir, 'KmdfHelloWorld', 'x64', 'Debug');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'KmdfHelloWorld.sys'), makeMinimalPe({ size: 4096 }));
    const r = await wdksim(['--now', NOW, 'build', 'KmdfHelloWorld/KmdfHelloWorld.vcxproj'], { cwd: dir });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.stdout).not.toContain('placeholder');
    const sys = readFileSync(join(out, 'KmdfHelloWorld', 'KmdfHelloWorld.sys'));
    expect(sys.includes('WDKSIM-PLACEHOLDER')).toBe(false);
    expect(sys.length).toBeGreaterThan(4096); // carries its Authenticode signature
  });

  it('a placeholder is a valid native PE, marked in its bytes', async () => {
    const dir = copyProjects();
    await wdksim(['--now', NOW, 'build', 'KmdfHelloWorld', '--placeholder-binaries'], { cwd: dir });
    const sys = readFileSync(join(dir, 'KmdfHelloWorld', 'x64', 'Debug', 'KmdfHelloWorld', 'KmdfHelloWorld.sys'));
    expect(sys.subarray(0, 2).toString('latin1')).toBe('MZ');
    const pe = sys.readUInt32LE(0x3c);
    expect(sys.readUInt16LE(pe + 4)).toBe(0x8664);
    expect(sys.readUInt16LE(pe + 24 + 68)).toBe(1); // IMAGE_SUBSYSTEM_NATIVE
    expect(sys.includes('WDKSIM-PLACEHOLDER: KmdfHelloWorld.sys is not a compiled driver')).toBe(true);
  });

  it('--out DIR, --json, and a rebuild reuses the test certificate', async () => {
    const dir = copyProjects();
    const first = await wdksim(['--now', NOW, 'build', 'KmdfHelloWorld', '--placeholder-binaries', '--out', 'pkg', '--json'], { cwd: dir });
    expect(first.exitCode, first.stderr).toBe(0);
    const json = JSON.parse(first.stdout);
    expect(json).toMatchObject({ success: true, configuration: 'Debug', platform: 'x64', packageDir: join(dir, 'pkg') });
    expect(json.files).toEqual(['kmdfhelloworld.cat', 'KmdfHelloWorld.cer', 'KmdfHelloWorld.inf', 'KmdfHelloWorld.sys']);
    expect(json.stampedInfs[0].driverVer).toBe('11/24/2026,12.30.0.0');
    expect(json.placeholders.map((p: string) => relative(dir, p))).toEqual(['KmdfHelloWorld/x64/Debug/KmdfHelloWorld.sys']);
    expect(json.steps.map((s: { target: string }) => s.target)).toContain('Inf2Cat');
    const cer = readFileSync(join(dir, 'pkg', 'KmdfHelloWorld.cer'));
    const second = await wdksim(['--now', NOW, 'build', 'KmdfHelloWorld', '--placeholder-binaries', '--out', 'pkg'], { cwd: dir });
    expect(second.exitCode).toBe(0);
    expect(second.stdout).not.toContain('wdksim cert new');
    expect(readFileSync(join(dir, 'pkg', 'KmdfHelloWorld.cer')).equals(cer)).toBe(true);
  });

  it('wdksim.json for Win32: x86 stamping, /os:10_X86, a PE32 i386 placeholder, $(Configuration)\\ folders', async () => {
    const dir = tempDir();
    cpSync(join(REPO_ROOT, 'fixtures', 'demo', 'KmdfHelloWorld', 'KmdfHelloWorld.inx'), join(dir, 'KmdfHelloWorld.inx'));
    writeFileSync(join(dir, 'wdksim.json'), JSON.stringify({ name: 'KmdfHelloWorld', driverType: 'KMDF', infs: ['KmdfHelloWorld.inx'], configurations: ['Debug|Win32'] }));
    const r = await wdksim(['--now', NOW, 'build', '--placeholder-binaries'], { cwd: dir });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.stdout).toContain('-a x86');
    expect(r.stdout).toContain('/os:10_X86');
    const pkg = join(dir, 'Debug', 'KmdfHelloWorld');
    expect(readFileSync(join(pkg, 'KmdfHelloWorld.inf'), 'latin1')).toContain('[Standard.NTx86]');
    const sys = readFileSync(join(pkg, 'KmdfHelloWorld.sys'));
    expect(sys.readUInt16LE(sys.readUInt32LE(0x3c) + 4)).toBe(0x014c);
  });

  it('usage errors exit 2; --help documents the exit codes', async () => {
    const dir = copyProjects();
    const unknown = await wdksim(['build', '--frobnicate'], { cwd: dir });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('unknown option "--frobnicate"');
    const badConfig = await wdksim(['build', 'KmdfHelloWorld', '--platform', 'Win32'], { cwd: dir });
    expect(badConfig.exitCode).toBe(2);
    expect(badConfig.stderr).toContain('has no configuration "Debug|Win32"');
    const missing = await wdksim(['build', 'nope'], { cwd: dir });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('nope: no such file or directory');
    const help = await wdksim(['build', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 package built, 1 a build step failed');
  });
});

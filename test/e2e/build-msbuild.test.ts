// `wdksim build` on the shapes real driver repositories use
// (fixtures/projects/msbuild): an item transform in FilesToPackage, property
// functions in paths, UMDF without DriverType, a package project with two
// driver project references, Directory.Build.props setting the KMDF version.
// Also: the error is printed once (issue 19), a `..` in SourceDisksNames is
// refused before anything is written (issue 23), and --explain.
import { cpSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir, wdksim } from '../helpers/cli.js';

const SHAPES = join(REPO_ROOT, 'fixtures', 'projects', 'msbuild');
const NOW = '2026-11-24T12:30:00Z';
const RELEASE = ['--placeholder-binaries', '--configuration', 'Release', '--platform', 'x64'];

function copy(): string {
  const dir = tempDir();
  cpSync(SHAPES, dir, { recursive: true });
  return dir;
}

function tree(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? tree(p).map((x) => `${n}/${x}`) : [n];
    })
    .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
}

async function build(dir: string, project: string, extra: string[] = []) {
  const r = await wdksim(['--now', NOW, 'build', project, ...RELEASE, ...extra], { cwd: dir });
  expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  return r;
}

describe('wdksim build: MSBuild shapes of real driver repositories', () => {
  it("item transform in FilesToPackage: @(Inf->'%(CopyOutput)'), a .pdb placeholder, WithMetadataValue/Distinct", async () => {
    const dir = copy();
    const r = await build(dir, 'transform-filestopackage');
    expect(r.stdout).toContain('$ wdksim stampinf -d "*" -a amd64 -v "*" -k 1.15 -x -f transform-filestopackage/x64/Release/stamped/Transform.inf');
    expect(r.stdout).toContain('placeholder: transform-filestopackage/x64/Release/transform.pdb');
    expect(tree(join(dir, 'transform-filestopackage', 'x64', 'Release', 'Transform'))).toEqual([
      'README.txt',
      'transform.cat',
      'Transform.cer',
      'Transform.inf',
      'transform.pdb',
      'transform.sys',
    ]);
    // Nothing is named after an unexpanded transform.
    expect(existsSync(join(dir, 'transform-filestopackage', "@(Inf->'%(CopyOutput)')"))).toBe(false);
  });

  it('property functions in paths: OutDir/IntDir/PackageDir/TargetName/KMDF minor from functions, no literal $( folders', async () => {
    const dir = copy();
    const r = await build(dir, 'propfn-paths');
    const project = join(dir, 'propfn-paths');
    expect(r.stdout).toContain('-k 1.25 -x -f propfn-paths/obj/x64/Release/PropFn.inf');
    expect(r.stdout).toContain('$ wdksim inf2cat /driver:propfn-paths/out/release/x64/package /os:10_X64 /uselocaltime');
    expect(tree(join(project, 'out', 'release', 'x64', 'package'))).toEqual(['propfn.cat', 'PropFn.cer', 'PropFn.inf', 'propfn.sys']);
    expect(tree(project).filter((f) => f.includes('$('))).toEqual([]);
    expect(r.stdout).not.toContain('warning');
  });

  it('UMDF without DriverType: -u from UMDF_VERSION_MAJOR/MINOR and $UMDFVERSION$ replaced', async () => {
    const dir = copy();
    const r = await build(dir, 'umdf-no-drivertype');
    expect(r.stdout).toContain('$ wdksim stampinf -d "*" -a amd64 -v "*" -u 2.33.0 -x -f umdf-no-drivertype/x64/Release/UmdfNoType.inf');
    const inf = readFileSync(join(dir, 'umdf-no-drivertype', 'x64', 'Release', 'UmdfNoType', 'UmdfNoType.inf'), 'latin1');
    expect(inf).toContain('UmdfLibraryVersion=2.33.0');
    expect(inf).not.toContain('$UMDFVERSION$');
    expect(inf).toContain('[Standard.NTamd64.10.0...16299]');
  });

  it("a package project with two driver project references: both drivers' INFs, binaries and catalogs in its folder", async () => {
    const dir = copy();
    const r = await build(dir, 'package-two-drivers/package');
    expect(r.stdout).toContain('-k 1.15 -x -f package-two-drivers/bus/x64/Release/Bus.inf');
    expect(r.stdout).toContain('$ wdksim stampinf -d "*" -a amd64 -v "*" -x -f package-two-drivers/filter/x64/Release/Filter.inf'); // WDM: no -k
    // $(OutDir) is beside the solution that lists the projects, as a Visual Studio solution build puts it.
    expect(tree(join(dir, 'package-two-drivers', 'x64', 'Release', 'Package'))).toEqual(['bus.cat', 'Bus.inf', 'bus.sys', 'filter.cat', 'Filter.inf', 'filter.sys', 'Package.cer']);
  });

  it('Directory.Build.props sets the KMDF version (and imports by wildcard); Directory.Build.targets sets PackageDir', async () => {
    const dir = copy();
    const r = await build(dir, 'dbprops-kmdf/src/toaster');
    expect(r.stdout).toContain('-k 1.31 -x');
    const pkg = join(dir, 'dbprops-kmdf', 'bin', 'x64', 'Release', 'ToasterPackage');
    expect(readFileSync(join(pkg, 'Toaster.inf'), 'latin1')).toContain('KmdfLibraryVersion = 1.31');
    expect(tree(pkg)).toEqual(['toaster.cat', 'Toaster.cer', 'Toaster.inf', 'toaster.sys']);
  });

  it('--explain names the file and line of each deciding property and item', async () => {
    const dir = copy();
    const r = await build(dir, 'dbprops-kmdf/src/toaster', ['--explain']);
    expect(r.stdout).toContain('KMDF_VERSION_MINOR = 31   <- dbprops-kmdf/Directory.Build.props(5)');
    expect(r.stdout).toContain('PackageDir = ');
    expect(r.stdout).toMatch(/PackageDir = .*ToasterPackage\\ {3}<- dbprops-kmdf\/Directory\.Build\.targets\(4\)/);
    expect(r.stdout).toMatch(/OutDir = .* {3}<- dbprops-kmdf\/build\/output\.props\(4\)/);
    expect(r.stdout).toContain('@(Inf) Toaster.inx   <- dbprops-kmdf/src/toaster/Toaster.vcxproj(29)');
    expect(r.stdout).toContain('Toaster.inx -> dbprops-kmdf/src/toaster/x64/Release/Toaster.inf: -d * -a amd64 -v * -k 1.31');
    expect(r.stdout.indexOf('Explain:')).toBeLessThan(r.stdout.indexOf('Build started'));
  });
});

describe('wdksim build: a driver project without an INF (WinDivert, WinFsp, KSystemInformer)', () => {
  it("links, test-signs and packages the binary; Inf2Cat is skipped with Visual Studio's words", async () => {
    const dir = copy();
    const vcxproj = join(dir, 'propfn-paths', 'PropFn.vcxproj');
    writeFileSync(vcxproj, readFileSync(vcxproj, 'utf8').replace('<Inf Include="PropFn.inx" />', ''));
    const r = await build(dir, 'propfn-paths');
    expect(r.stdout).toContain('Inf2Cat:\n  Inf2Cat task was skipped as there were no inf files to process');
    expect(r.stdout).not.toContain('wdksim stampinf');
    expect(tree(join(dir, 'propfn-paths', 'out', 'release', 'x64', 'package'))).toEqual(['PropFn.cer', 'propfn.sys']);
  });
});

describe('wdksim build: failures', () => {
  it('prints its error once (issue 19), and does not suggest --placeholder-binaries when it was passed', async () => {
    const dir = copy();
    const plain = await wdksim(['--now', NOW, 'build', 'umdf-no-drivertype'], { cwd: dir });
    expect(plain.exitCode).toBe(1);
    const both = plain.stdout + plain.stderr;
    expect(both.match(/the driver binary does not exist/g)).toHaveLength(1);
    expect(plain.stderr).toContain('error: umdf-no-drivertype/x64/Debug/UmdfNoType.dll: the driver binary does not exist');
    expect(plain.stderr).toContain('--placeholder-binaries');
    expect(plain.stdout).toContain('Build FAILED.');

    // A FilesToPackage entry that is no build output: the flag cannot help, so it is not suggested.
    const vcxproj = join(dir, 'umdf-no-drivertype', 'UmdfNoType.vcxproj');
    writeFileSync(
      vcxproj,
      readFileSync(vcxproj, 'utf8').replace('<Inf Include="UmdfNoType.inx" />', '<Inf Include="UmdfNoType.inx" />\n    <FilesToPackage Include="missing-readme.txt" />'),
    );
    const flagged = await wdksim(['--now', NOW, 'build', 'umdf-no-drivertype', '--placeholder-binaries'], { cwd: dir });
    expect(flagged.exitCode).toBe(1);
    expect(flagged.stderr).toContain('umdf-no-drivertype/missing-readme.txt: listed to be packaged');
    expect(flagged.stderr).not.toContain('pass --placeholder-binaries');
    expect((flagged.stdout + flagged.stderr).match(/missing-readme\.txt: listed/g)).toHaveLength(1);
  });

  it('refuses a SourceDisksNames path with .. (issue 23): names the INF line, writes nothing outside the project', async () => {
    const dir = copy();
    const project = join(dir, 'umdf-no-drivertype');
    const inx = join(project, 'UmdfNoType.inx');
    writeFileSync(inx, readFileSync(inx, 'latin1').replace('1 = %DiskName%', '1 = %DiskName%,,,..\\..\\..\\..\\escaped'));
    const before = tree(dir);
    const r = await wdksim(['--now', NOW, 'build', 'umdf-no-drivertype', ...RELEASE], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(
      /error: umdf-no-drivertype\/UmdfNoType\.inx\(30\): \[SourceDisksNames\] 1 gives the path "\.\.\\\.\.\\\.\.\\\.\.\\escaped": UmdfNoType\.dll would be written outside the package folder/,
    );
    // Only the project's own output folder changed; nothing appeared beside or above it.
    const after = tree(dir).filter((f) => !f.startsWith('umdf-no-drivertype/x64/'));
    expect(after).toEqual(before);
    expect(existsSync(join(dir, '..', 'escaped'))).toBe(false);
    expect(existsSync(join(project, 'x64', 'Release', 'UmdfNoType.dll'))).toBe(false);
  });
});

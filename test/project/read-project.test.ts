// readProject on the build fixtures and on Windows-driver-samples projects:
// the settings the WDK's MSBuild targets would see, per configuration/platform.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProject } from '../../src/project/index.js';
import { REPO_ROOT, tempDir } from '../helpers/cli.js';

const PROJECTS = join(REPO_ROOT, 'fixtures', 'projects');
const SAMPLES = join(REPO_ROOT, 'fixtures', 'corpus', 'windows-driver-samples');

describe('readProject (.vcxproj)', () => {
  it('reads the KMDF demo project as Visual Studio would for Debug|x64', () => {
    const s = readProject(join(REPO_ROOT, 'fixtures', 'demo', 'KmdfHelloWorld'));
    const dir = join(REPO_ROOT, 'fixtures', 'demo', 'KmdfHelloWorld');
    expect(s).toMatchObject({
      kind: 'vcxproj',
      projectName: 'KmdfHelloWorld',
      configuration: 'Debug',
      platform: 'x64',
      arch: 'amd64',
      driverType: 'KMDF',
      configurationType: 'Driver',
      targetVersion: 'Windows10',
      outDir: join(dir, 'x64', 'Debug'),
      intDir: join(dir, 'x64', 'Debug'),
      packageDir: join(dir, 'x64', 'Debug', 'KmdfHelloWorld'),
      targetPath: join(dir, 'x64', 'Debug', 'KmdfHelloWorld.sys'),
      inf2cat: { enabled: true, osList: ['10_X64'], useLocalTime: false },
      sign: { mode: 'TestSign', fileDigestAlgorithm: 'sha256' },
    });
    expect(s.infs).toEqual([
      {
        source: join(dir, 'KmdfHelloWorld.inx'),
        output: join(dir, 'x64', 'Debug', 'KmdfHelloWorld.inf'),
        stamp: { enabled: true, date: '*', version: '*', architecture: 'amd64', kmdfVersion: '1.15', verbose: false },
      },
    ]);
    expect(s.filesToPackage).toEqual([join(dir, 'x64', 'Debug', 'KmdfHelloWorld.sys')]);
  });

  it('follows --configuration and --platform (ARM64 → arm64, 10_RS3_ARM64: Inf2Cat has no 10_ARM64)', () => {
    const s = readProject(join(PROJECTS, 'simdevice-kmdf'), { configuration: 'Release', platform: 'arm64' });
    expect(s.platform).toBe('ARM64');
    expect(s.arch).toBe('arm64');
    expect(s.inf2cat.osList).toEqual(['10_RS3_ARM64']);
    expect(s.infs[0]!.stamp.architecture).toBe('arm64');
    expect(s.outDir).toBe(join(PROJECTS, 'simdevice-kmdf', 'ARM64', 'Release'));
  });

  it('refuses a configuration the project does not declare, naming the ones it has', () => {
    expect(() => readProject(join(PROJECTS, 'simdevice-kmdf'), { platform: 'Win32' })).toThrow(
      /has no configuration "Debug\|Win32"; it declares Debug\|ARM64, Release\|ARM64, Debug\|x64, Release\|x64/,
    );
  });

  it('UMDF: TargetExt .dll, -u 2.15.0, Inf item metadata (DateStamp, CopyOutput), EnableInf2cat', () => {
    const s = readProject(join(PROJECTS, 'simdevice-umdf'));
    expect(s.driverType).toBe('UMDF');
    expect(s.targetExt).toBe('.dll');
    expect(s.infs[0]!.stamp).toMatchObject({ umdfVersion: '2.15.0', date: '*', architecture: 'amd64' });
    expect(s.infs[0]!.stamp.kmdfVersion).toBeUndefined();
    expect(s.infs[0]!.output).toBe(join(PROJECTS, 'simdevice-umdf', 'x64', 'Debug', 'simdeviceumdf.inf'));
  });

  it('several INFs, FilesToPackage per configuration, Inf items outside the project folder', () => {
    const dir = join(PROJECTS, 'mux-multi-inf', 'novlan');
    const s = readProject(dir);
    expect(s.infs.map((i) => i.source)).toEqual([join(PROJECTS, 'mux-multi-inf', 'muxp.inf'), join(PROJECTS, 'mux-multi-inf', 'mux_mp.inf')]);
    expect(s.filesToPackage).toEqual([join(dir, 'x64', 'Debug', 'mux.sys'), join(dir, 'notifyob', 'x64', 'Debug', 'mux.dll')]);
    const release = readProject(dir, { configuration: 'Release' });
    expect(release.filesToPackage[1]).toBe(join(dir, 'notifyob', 'x64', 'Release', 'mux.dll'));
  });

  it('echo: Inf by wildcard (Include="*.inx" Exclude="@(Inf)") and OutDir=$(IntDir)', () => {
    const dir = join(SAMPLES, 'general', 'echo', 'kmdf', 'driver', 'AutoSync');
    const s = readProject(join(dir, 'echo.vcxproj'));
    expect(s.infs.map((i) => i.source)).toEqual([join(dir, 'echo.inx')]);
    expect(s.targetPath).toBe(join(dir, 'x64', 'Debug', 'echo.sys'));
  });

  it('Inf2CatWindowsVersionList and Inf2CatUseLocalTime from the project (10_$(DDKPlatform), self-reference)', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'p.vcxproj'),
      `<Project>
  <PropertyGroup Condition="'$(Platform)'=='ARM64'"><Inf2CatWindowsVersionList>10_$(DDKPlatform);10_RS5_$(DDKPlatform)</Inf2CatWindowsVersionList></PropertyGroup>
  <ItemGroup><Inf Include="p.inx" /></ItemGroup>
</Project>`,
    );
    expect(readProject(join(dir, 'p.vcxproj'), { platform: 'ARM64' }).inf2cat.osList).toEqual(['10_ARM64', '10_RS5_ARM64']);
    expect(readProject(join(dir, 'p.vcxproj'), { platform: 'x64' }).inf2cat.osList).toEqual(['10_X64']);
    const sdio = readProject(join(SAMPLES, 'network', 'wlan', 'WDI', 'PLATFORM', 'NDIS6', 'SDIO', 'sdio.vcxproj'), { configuration: 'Debug', platform: 'x64' });
    expect(sdio.inf2cat).toMatchObject({ osList: ['10_x64'], useLocalTime: true });
  });

  it('reads every Windows-driver-samples project without error', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const found: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith('.vcxproj')) found.push(p);
      }
    };
    walk(SAMPLES);
    expect(found.length).toBeGreaterThan(200);
    const failures = found.flatMap((f) => {
      try {
        readProject(f);
        return [];
      } catch (error) {
        return [`${f}: ${(error as Error).message}`];
      }
    });
    expect(failures).toEqual([]);
    // ndislwf compares $(_NT_TARGET_VERSION), which only the WDK defines: noted, not fatal.
    const lwf = readProject(join(SAMPLES, 'network', 'ndis', 'filter', 'ndislwf.vcxproj'));
    expect(lwf.warnings.join('\n')).toMatch(/_NT_TARGET_VERSION.*treated as false/);
  });

  it('a solution in the parent folder that lists the project puts $(OutDir) beside it (the tutorial layout)', () => {
    const dir = tempDir();
    cpSync(join(REPO_ROOT, 'fixtures', 'demo', 'KmdfHelloWorld'), join(dir, 'KmdfHelloWorld'), { recursive: true });
    writeFileSync(
      join(dir, 'KmdfHelloWorld.sln'),
      'Project("{8BC9CEB8-8B4A-11D0-8D11-00A0C91BC942}") = "KmdfHelloWorld", "KmdfHelloWorld\\KmdfHelloWorld.vcxproj", "{6E1C5F7A-3B59-4C2E-9D1A-52B0C3F4A8E1}"\r\nEndProject\r\n',
    );
    const s = readProject(join(dir, 'KmdfHelloWorld'));
    expect(s.outDir).toBe(join(dir, 'x64', 'Debug'));
    expect(s.packageDir).toBe(join(dir, 'x64', 'Debug', 'KmdfHelloWorld'));
    expect(s.intDir).toBe(join(dir, 'KmdfHelloWorld', 'x64', 'Debug'));
    expect(s.targetPath).toBe(join(dir, 'x64', 'Debug', 'KmdfHelloWorld.sys'));
  });

  it('Directory.Build.props above the project and local <Import>s are read, as MSBuild does', () => {
    const dir = tempDir();
    cpSync(join(REPO_ROOT, 'fixtures', 'demo', 'KmdfHelloWorld'), join(dir, 'src', 'KmdfHelloWorld'), { recursive: true });
    writeFileSync(
      join(dir, 'Directory.Build.props'),
      `<Project>
  <PropertyGroup><Inf2CatUseLocalTime>true</Inf2CatUseLocalTime><KMDF_VERSION_MINOR>25</KMDF_VERSION_MINOR></PropertyGroup>
  <Import Project="build\\signing.props" />
</Project>`,
    );
    mkdirSync(join(dir, 'build'));
    writeFileSync(
      join(dir, 'build', 'signing.props'),
      `<Project>
  <PropertyGroup Condition="'$(Configuration)'=='Release'"><SignMode>Off</SignMode></PropertyGroup>
</Project>`,
    );
    const debug = readProject(join(dir, 'src', 'KmdfHelloWorld'));
    expect(debug.inf2cat.useLocalTime).toBe(true);
    expect(debug.infs[0]!.stamp.kmdfVersion).toBe('1.25');
    expect(debug.sign.mode).toBe('TestSign');
    expect(readProject(join(dir, 'src', 'KmdfHelloWorld'), { configuration: 'Release' }).sign.mode).toBe('Off');
  });

  it('bad project files: one-line messages naming the file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.vcxproj'), '<Project><PropertyGroup></Project>');
    expect(() => readProject(join(dir, 'bad.vcxproj'))).toThrow(/bad\.vcxproj: not a well-formed MSBuild project/);
    writeFileSync(join(dir, 'x.vcxproj'), '<Foo/>');
    expect(() => readProject(join(dir, 'x.vcxproj'))).toThrow(/root element is <Foo>/);
    expect(() => readProject(dir)).toThrow(/holds several projects \(bad\.vcxproj, x\.vcxproj\)/);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(() => readProject(empty)).toThrow(/no \.vcxproj or wdksim\.json here/);
  });
});

describe('readProject (wdksim.json)', () => {
  it('applies MSBuild defaults, macros and per-configuration overrides', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'wdksim.json'),
      JSON.stringify({
        name: 'Toaster',
        driverType: 'KMDF',
        infs: ['toaster.inx'],
        inf2cat: { useLocalTime: true },
        overrides: { 'Release|x64': { inf2cat: { os: '10_X64,10_VB_X64' }, stampinf: { version: '1.2.3.4' } } },
      }),
    );
    const debug = readProject(dir);
    expect(debug).toMatchObject({
      kind: 'wdksim.json',
      projectName: 'Toaster',
      configuration: 'Debug',
      platform: 'x64',
      targetPath: join(dir, 'x64', 'Debug', 'Toaster.sys'),
      packageDir: join(dir, 'x64', 'Debug', 'Toaster'),
      inf2cat: { osList: ['10_X64'], useLocalTime: true },
    });
    expect(debug.infs[0]!.stamp).toMatchObject({ date: '*', version: '*', architecture: 'amd64', kmdfVersion: '1.15' });
    const release = readProject(dir, { configuration: 'Release' });
    expect(release.inf2cat).toMatchObject({ osList: ['10_X64', '10_VB_X64'], useLocalTime: true });
    expect(release.infs[0]!.stamp.version).toBe('1.2.3.4');
  });

  it('rejects unknown keys and bad values with the JSON path', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'wdksim.json'), JSON.stringify({ infs: ['a.inx'], inf2cat: { useLocaltime: true } }));
    expect(() => readProject(dir)).toThrow(/wdksim\.json: inf2cat: .*useLocaltime/);
    writeFileSync(join(dir, 'wdksim.json'), JSON.stringify({ infs: ['a.inx'], stampinf: { date: '2026-01-02' } }));
    expect(() => readProject(dir)).toThrow(/stampinf\.date: .*mm\/dd\/yyyy/);
    writeFileSync(join(dir, 'wdksim.json'), '{ "infs": [');
    expect(() => readProject(dir)).toThrow(/not valid JSON/);
  });
});

// `wdksim build --placeholder-binaries` for Release|x64 on real open-source driver
// projects (fixtures/projects/real, vendored with their licences): the package
// folder Visual Studio would fill and the stamped INF's values.
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir, wdksim } from '../helpers/cli.js';

const REAL = join(REPO_ROOT, 'fixtures', 'projects', 'real');
const NOW = '2026-11-24T12:30:00Z';
const ARGS = ['--now', NOW, 'build', '--placeholder-binaries', '--configuration', 'Release', '--platform', 'x64'];

describe('wdksim build on real driver projects (Release|x64)', () => {
  it('ViGEmBus: $(SolutionDir)bin\\$(DDKPlatform)\\, TimeStamp 1.0.0.0, -k 1.15, SignMode Off, co-installer lines dropped by -x', async () => {
    const dir = tempDir();
    cpSync(join(REAL, 'ViGEmBus'), dir, { recursive: true });
    const r = await wdksim([...ARGS, 'sys/ViGEmBus.vcxproj'], { cwd: dir });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('$ wdksim stampinf -d "*" -a amd64 -v 1.0.0.0 -k 1.15 -x -f sys/x64/Release/ViGEmBus.inf');
    expect(r.stdout).toContain('$ wdksim inf2cat /driver:bin/x64/ViGEmBus /os:10_X64 /uselocaltime');
    const pkg = join(dir, 'bin', 'x64', 'ViGEmBus');
    expect(readdirSync(pkg).sort()).toEqual(['ViGEmBus.inf', 'ViGEmBus.sys', 'vigembus.cat']); // SignMode Off: no .cer
    const inf = readFileSync(join(pkg, 'ViGEmBus.inf'), 'latin1');
    expect(inf).toMatch(/DriverVer\s*=\s*11\/24\/2026,1\.0\.0\.0/);
    expect(inf).toContain('KmdfLibraryVersion = 1.15');
    expect(inf).not.toMatch(/\$(ARCH|KMDFVERSION|KMDFCOINSTALLERVERSION)\$/);
    expect(inf).not.toMatch(/^[^;]*WdfCoInstaller/im);
  });

  it('HidHide: APPVEYOR_BUILD_VERSION from the environment becomes TimeStamp through a property (Regex functions evaluated)', async () => {
    const dir = tempDir();
    cpSync(join(REAL, 'HidHide'), dir, { recursive: true });
    const fallback = await wdksim([...ARGS, 'HidHide/HidHide.vcxproj', '--explain'], { cwd: dir });
    expect(fallback.exitCode, fallback.stdout + fallback.stderr).toBe(0);
    expect(fallback.stdout).toContain('-v 1.0.0.0 -k 1.15 -x -f obj/HidHide/Release/x64/HidHide.inf');
    expect(fallback.stdout).not.toContain('warning');
    const env = await wdksim([...ARGS, 'HidHide/HidHide.vcxproj'], { cwd: dir, env: { APPVEYOR_BUILD_VERSION: '1.5.212.0' } });
    expect(env.exitCode, env.stdout + env.stderr).toBe(0);
    expect(env.stdout).toContain('-v 1.5.212.0 -k 1.15');
    const pkg = join(dir, 'bin', 'Release', 'x64', 'HidHide');
    expect(readdirSync(pkg).sort()).toEqual(['HidHide.inf', 'HidHide.sys', 'hidhide.cat']);
    expect(readFileSync(join(pkg, 'HidHide.inf'), 'latin1')).toMatch(/DriverVer\s*=\s*11\/24\/2026,1\.5\.212\.0/);
  });
});

// The tutorial on the built CLI: provision, build and sign the KmdfHelloWorld
// package, deploy it, devcon install, and check what Windows would show.
import { describe, expect, it } from 'vitest';
import { cp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, tempDir, wdksim } from '../helpers/cli.js';

const FIXTURE = join(REPO_ROOT, 'fixtures/packages/KmdfHelloWorld');

async function buildSignedPackage(dir: string, options: { tamper?: boolean } = {}) {
  const run = (...args: string[]) => wdksim(args, { cwd: dir });
  await cp(FIXTURE, join(dir, 'pkg'), { recursive: true });
  expect((await run('inf2cat', '/driver:pkg', '/os:10_X64', '/uselocaltime')).exitCode).toBe(0);
  expect((await run('cert', 'new', '--out', 'pkg')).exitCode).toBe(0);
  const signed = await run('signtool', 'sign', '/f', 'pkg/WDKTestCert.pfx', '/fd', 'sha256', 'pkg/kmdfhelloworld.cat');
  expect(signed.exitCode).toBe(0);
  if (options.tamper) await writeFile(join(dir, 'pkg/KmdfHelloWorld.sys'), Buffer.concat([await readFile(join(dir, 'pkg/KmdfHelloWorld.sys')), Buffer.from('patched')]));
}

describe('the KMDF Hello World tutorial', () => {
  it('target init, deploy, devcon install: the driver runs and the target is consistent', async () => {
    const dir = tempDir();
    const run = (...args: string[]) => wdksim(args, { cwd: dir });
    const init = await run('target', 'init', '--testsigning', 'on', '--kdnet-port', '50000', '--kdnet-key', '1.2.3.4');
    expect(init.exitCode).toBe(0);
    expect(init.stdout).toContain('bcdedit /set testsigning on');
    expect(init.stdout).toContain('key                     1.2.3.4');
    expect(init.stdout).toContain('port                    50000');
    await buildSignedPackage(dir);

    const deploy = await run('deploy', 'pkg');
    expect(deploy.exitCode).toBe(0);
    expect(deploy.stdout).toContain('C:\\DriverTest\\Drivers\\KmdfHelloWorld.sys');
    expect(deploy.stdout).toMatch(/Imported certificate "CN=WDKTestCert .*" \([0-9A-F]{40}\) into Root and TrustedPublisher/);

    const install = await run('devcon', 'install', 'wdksim-target/DriverTest/Drivers/KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld');
    expect(install.stderr).toBe('');
    expect(install.exitCode).toBe(0);
    const status = await run('devcon', 'status', 'Root\\KmdfHelloWorld');
    expect(status.stdout).toContain('Driver is running.');

    const root = join(dir, 'wdksim-target');
    const store = await readdir(join(root, 'Windows/System32/DriverStore/FileRepository'));
    expect(store).toHaveLength(1);
    expect(store[0]).toMatch(/^kmdfhelloworld\.inf_amd64_[0-9a-f]{16}$/);
    await stat(join(root, 'Windows/System32/DriverStore/FileRepository', store[0]!, 'KmdfHelloWorld.sys'));
    await stat(join(root, 'Windows/INF/oem0.inf'));
    // Windows keeps the published catalog in the catalog database folder and a precompiled oem0.PNF beside the INF.
    await stat(join(root, 'Windows/System32/CatRoot/{F750E6C3-38EE-11D1-85E5-00C04FC295EE}/oem0.cat'));
    await stat(join(root, 'Windows/INF/oem0.PNF'));

    const svc = await run('target', 'reg', 'query', 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\KmdfHelloWorld');
    expect(svc.exitCode).toBe(0);
    expect(svc.stdout).toContain('    Type    REG_DWORD    0x1\n');
    expect(svc.stdout).toContain('    Start    REG_DWORD    0x3\n');
    expect(svc.stdout).toContain(`    ImagePath    REG_EXPAND_SZ    \\SystemRoot\\System32\\DriverStore\\FileRepository\\${store[0]}\\KmdfHelloWorld.sys\n`);

    const log = await readFile(join(root, 'Windows/INF/setupapi.dev.log'), 'latin1');
    expect(log.startsWith('[Device Install Log]\r\n     OS Version = 10.0.22631\r\n')).toBe(true);
    expect(log).toContain('>>>  [Device Install (UpdateDriverForPlugAndPlayDevices) - ROOT\\SAMPLE\\0000]');
    expect(log).toContain('Published Driver Store Entry: oem0.inf');

    const verify = await run('target', 'verify');
    expect(verify.exitCode).toBe(0);
    expect(verify.stdout).toMatch(/is consistent/);

    // A file changed behind the target's back is found.
    await writeFile(join(root, 'Windows/INF/oem0.inf'), 'changed');
    const broken = await run('target', 'verify');
    expect(broken.exitCode).toBe(1);
    expect(broken.stdout).toContain('Windows/INF/oem0.inf: content changed');
  });

  it('a .sys changed after signing: install fails with exit 2, names the file, stages nothing', async () => {
    const dir = tempDir();
    const run = (...args: string[]) => wdksim(args, { cwd: dir });
    expect((await run('target', 'init')).exitCode).toBe(0);
    await buildSignedPackage(dir, { tamper: true });
    expect((await run('deploy', 'pkg')).exitCode).toBe(0);
    const install = await run('devcon', 'install', 'wdksim-target/DriverTest/Drivers/KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld');
    expect(install.exitCode).toBe(2);
    expect(install.stdout + install.stderr).toContain('KmdfHelloWorld.sys');
    expect(await readdir(join(dir, 'wdksim-target/Windows/System32/DriverStore/FileRepository'))).toEqual([]);
    expect((await readdir(join(dir, 'wdksim-target/Windows/INF'))).filter((n) => /^oem/i.test(n))).toEqual([]);
    expect((await run('target', 'verify')).exitCode).toBe(0);
  });

  it('test signing off: the device gets problem 52; bcdedit + reboot starts it', async () => {
    const dir = tempDir();
    const run = (...args: string[]) => wdksim(args, { cwd: dir });
    expect((await run('target', 'init', '--testsigning', 'off')).exitCode).toBe(0);
    await buildSignedPackage(dir);
    const deploy = await run('deploy', 'pkg', '--install', 'Root\\KmdfHelloWorld');
    expect(deploy.exitCode).toBe(0);
    expect(deploy.stderr).toContain('problem 52');
    expect((await run('devcon', 'status', 'Root\\KmdfHelloWorld')).stdout).toContain('The device has the following problem: 52');
    expect((await run('target', 'bcdedit', '/set', 'testsigning', 'on')).stdout).toBe('The operation completed successfully.\n');
    const reboot = await run('target', 'reboot');
    expect(reboot.stdout).toContain('ROOT\\SAMPLE\\0000: started');
    expect((await run('devcon', 'status', 'Root\\KmdfHelloWorld')).stdout).toContain('Driver is running.');
  });

  it('a catalog signed by a certificate the target does not trust is refused', async () => {
    const dir = tempDir();
    const run = (...args: string[]) => wdksim(args, { cwd: dir });
    expect((await run('target', 'init')).exitCode).toBe(0);
    await buildSignedPackage(dir);
    const install = await run('devcon', 'install', 'pkg/KmdfHelloWorld.inf', 'Root\\KmdfHelloWorld');
    expect(install.exitCode).toBe(2);
    expect(install.stdout + install.stderr).toMatch(/not trusted/);
    expect(await readdir(join(dir, 'wdksim-target/Windows/System32/DriverStore/FileRepository'))).toEqual([]);
  });
});

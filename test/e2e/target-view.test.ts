// target snapshot/diff/report through the built CLI, around a real
// `devcon install` and `devcon remove` of KmdfHelloWorld. Oracles: the install
// diff is a reviewed golden (what the install wrote: store folder, oemN files,
// registry keys, service, device); the JSON's hashes are checked against the
// package's own files; the remove diff must list exactly the device's keys.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployedMachine, fileSha, HWID, scrub } from './target-view-setup.js';

describe('wdksim target diff around devcon install/remove', () => {
  it('lists exactly what devcon install wrote, then what devcon remove removed', { timeout: 60000 }, async () => {
    const m = await deployedMachine();
    await m.ok(['devcon', 'install', 'target/DriverTest/Drivers/KmdfHelloWorld.inf', HWID]);
    const text = await m.ok(['target', 'diff', '--since', 'deployed']);
    await expect(scrub(text.stdout, m.base)).toMatchFileSnapshot('__golden__/target-diff-install.txt');

    const json = JSON.parse((await m.ok(['target', 'diff', '--since', 'deployed', '--json'])).stdout);
    const added = json.files.added.map((f: { path: string }) => f.path.replace(/_[0-9a-f]{16}\//, '_<store>/'));
    expect(added).toEqual([
      'Windows/INF/oem0.PNF',
      'Windows/INF/oem0.inf',
      'Windows/System32/CatRoot/{F750E6C3-38EE-11D1-85E5-00C04FC295EE}/oem0.cat',
      'Windows/System32/DriverStore/FileRepository/kmdfhelloworld.inf_amd64_<store>/KmdfHelloWorld.inf',
      'Windows/System32/DriverStore/FileRepository/kmdfhelloworld.inf_amd64_<store>/KmdfHelloWorld.sys',
      // inf2cat writes the catalog's name in lower case, as Inf2Cat does.
      'Windows/System32/DriverStore/FileRepository/kmdfhelloworld.inf_amd64_<store>/kmdfhelloworld.cat',
    ]);
    const hashOf = (suffix: string): string => json.files.added.find((f: { path: string }) => f.path.endsWith(suffix)).sha256;
    expect(hashOf('/KmdfHelloWorld.sys')).toBe(await fileSha(join(m.base, 'pkg/KmdfHelloWorld.sys')));
    expect(hashOf('/kmdfhelloworld.cat')).toBe(await fileSha(join(m.base, 'pkg/kmdfhelloworld.cat')));
    expect(hashOf('oem0.cat')).toBe(hashOf('/kmdfhelloworld.cat'));
    expect(json.files.changed.map((f: { path: string }) => f.path)).toEqual(['Windows/INF/setupapi.dev.log']);
    expect(json.devices.added.map((d: { instanceId: string }) => d.instanceId)).toEqual(['ROOT\\SAMPLE\\0000']);
    expect(json.services.added.map((s: { name: string }) => s.name)).toEqual(['KmdfHelloWorld']);
    expect(json.driverStore.added.map((p: { publishedName: string }) => p.publishedName)).toEqual(['oem0.inf']);
    expect(json.devices.removed).toEqual([]);

    await m.ok(['target', 'snapshot', 'installed']);
    await m.ok(['devcon', 'remove', HWID]);
    const removed = await m.ok(['target', 'diff', '--since', 'installed']);
    await expect(scrub(removed.stdout, m.base)).toMatchFileSnapshot('__golden__/target-diff-remove.txt');
    const rj = JSON.parse((await m.ok(['target', 'diff', '--since', 'installed', '--json'])).stdout);
    expect(rj.devices.removed.map((d: { instanceId: string }) => d.instanceId)).toEqual(['ROOT\\SAMPLE\\0000']);
    expect(rj.registry.keysRemoved.map((k: { key: string }) => k.key)).toEqual([
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Class\\{78a1c341-4539-11d3-b88d-00c04fad5171}\\0000',
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Enum\\ROOT\\SAMPLE\\0000',
    ]);
    expect(rj.files.added).toEqual([]);
    expect(rj.files.removed).toEqual([]);

    // Deleting the package from the store: its store folder and oem0 files go, the store entry too.
    await m.ok(['target', 'snapshot', 'removed']);
    await m.ok(['pnputil', '/delete-driver', 'oem0.inf']);
    const dj = JSON.parse((await m.ok(['target', 'diff', '--since', 'removed', '--json'])).stdout);
    expect(dj.driverStore.removed.map((p: { publishedName: string }) => p.publishedName)).toEqual(['oem0.inf']);
    expect(dj.files.removed.map((f: { path: string }) => f.path.replace(/_[0-9a-f]{16}\//, '_<store>/'))).toEqual(added);
    expect(dj.files.added).toEqual([]);

    // Two target directories work as well as snapshots, and --exit-code reports the difference.
    const same = await m.run(['target', 'diff', 'target', 'target', '--exit-code']);
    expect(same.exitCode).toBe(0);
    expect(same.stdout).toContain('No changes.');
    expect((await m.run(['target', 'diff', '--since', 'deployed', '--exit-code'])).exitCode).toBe(1);
  });

  it('refuses unknown snapshots and bad names with a one-line message', { timeout: 30000 }, async () => {
    const m = await deployedMachine();
    const missing = await m.run(['target', 'diff', '--since', 'nope']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/no snapshot "nope" .*\(snapshots: deployed\); take one with: wdksim target snapshot nope/);
    const again = await m.run(['target', 'snapshot', 'deployed']);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/already exists.*--force/);
    const bad = await m.run(['target', 'snapshot', '../x']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('report shows the installed device with its driver, the store, services and boot settings', { timeout: 60000 }, async () => {
    const m = await deployedMachine();
    await m.ok(['devcon', 'install', 'target/DriverTest/Drivers/KmdfHelloWorld.inf', HWID]);
    const text = (await m.ok(['target', 'report'])).stdout;
    expect(text).toMatch(/Boot: test signing on, kernel debugging on \(NET port 50000, key 1\.2\.3\.4, DHCP\)/);
    expect(text).toMatch(/KmdfHelloWorld Device {2}ROOT\\SAMPLE\\0000 {2}running/);
    expect(text).toMatch(/driver oem0\.inf \(kmdfhelloworld\.inf\) 11\/20\/2026 1\.0\.0\.0, wdksim fixtures, signer WDKTestCert wdksim-e2e, service KmdfHelloWorld/);
    const json = JSON.parse((await m.ok(['target', 'report', '--json'])).stdout);
    const sample = json.classes.find((c: { name: string }) => c.name === 'Sample');
    expect(sample.devices[0].driver.inf).toBe('oem0.inf');
    expect(json.services.some((s: { name: string }) => s.name === 'KmdfHelloWorld')).toBe(true);
  });
});

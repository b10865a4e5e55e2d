// `wdksim demo` as a process in an empty folder: the tutorial end to end.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, wdksim } from '../helpers/cli.js';

describe('wdksim demo', () => {
  it('in an empty folder: exits 0, the device runs, target verify passes', async () => {
    const cwd = tempDir();
    const r = await wdksim(['demo'], { cwd });
    const dir = join(cwd, 'wdksim-demo');
    // The project and the build happen whatever the state of the target tools.
    expect(r.stdout).toContain('$ wdksim build KmdfHelloWorld --configuration Debug --platform x64 --placeholder-binaries');
    expect(r.stdout).toContain('Build succeeded.');
    expect(existsSync(join(dir, 'KmdfHelloWorld', 'x64', 'Debug', 'KmdfHelloWorld', 'kmdfhelloworld.cat'))).toBe(true);
    expect(r.stdout).toContain('$ wdksim target init wdksim-target --testsigning on --kdnet-port 50000 --kdnet-key 1.2.3.4');
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    for (const line of [
      '$ wdksim deploy KmdfHelloWorld/x64/Debug/KmdfHelloWorld',
      '$ wdksim devcon install wdksim-target/DriverTest/Drivers/KmdfHelloWorld.inf "Root\\KmdfHelloWorld"',
      '$ wdksim devcon status "Root\\KmdfHelloWorld"',
      '$ wdksim target verify',
      'Done: every step of the tutorial worked.',
    ])
      expect(r.stdout).toContain(line);
    const target = join(dir, 'wdksim-target');
    for (const f of ['KmdfHelloWorld.inf', 'kmdfhelloworld.cat', 'KmdfHelloWorld.cer', 'KmdfHelloWorld.sys']) {
      expect(existsSync(join(target, 'DriverTest', 'Drivers', f)), f).toBe(true);
    }
    expect(readFileSync(join(target, 'Windows', 'INF', 'setupapi.dev.log'), 'latin1')).toContain('KmdfHelloWorld');
    expect(existsSync(join(dir, 'KmdfHelloWorld-service.reg'))).toBe(true);
    // The state it leaves is what the tutorial promises, checked again from outside.
    const status = await wdksim(['--target', target, 'devcon', 'status', 'Root\\KmdfHelloWorld'], { cwd: dir });
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toContain('Driver is running.');
    expect((await wdksim(['--target', target, 'target', 'verify'], { cwd: dir })).exitCode).toBe(0);
  });

  it('DIR: creates it; refuses a folder that is not empty (exit 2, nothing written)', async () => {
    const cwd = tempDir();
    const r = await wdksim(['demo', 'my-demo'], { cwd });
    expect(r.stdout).toContain('KMDF Hello World, step by step, in my-demo');
    expect(existsSync(join(cwd, 'my-demo', 'KmdfHelloWorld', 'KmdfHelloWorld.vcxproj'))).toBe(true);
    const busy = join(cwd, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'keep.txt'), 'mine');
    const refused = await wdksim(['demo', 'busy'], { cwd });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('is not an empty folder');
    expect(existsSync(join(busy, 'KmdfHelloWorld'))).toBe(false);
  });

  it('a second run without DIR picks a fresh folder', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'wdksim-demo'));
    writeFileSync(join(cwd, 'wdksim-demo', 'x'), '');
    const r = await wdksim(['demo'], { cwd });
    expect(r.stdout).toContain('in wdksim-demo-2');
    expect(existsSync(join(cwd, 'wdksim-demo-2', 'KmdfHelloWorld'))).toBe(true);
  });
});

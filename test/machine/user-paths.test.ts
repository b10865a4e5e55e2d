// INF paths as Windows scripts write them, on the simulated target.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveUserPath } from '../../src/machine/user-paths.js';

let base = '';
let root = '';
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'wdksim-paths-'));
  root = join(base, 'target');
  await mkdir(join(root, 'DriverTest', 'Drivers'), { recursive: true });
  await writeFile(join(root, 'DriverTest', 'Drivers', 'Hello.inf'), '');
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('resolveUserPath', () => {
  it('maps C:\\ onto the target root, matching names case-insensitively', async () => {
    expect(await resolveUserPath(base, root, 'c:\\drivertest\\DRIVERS\\hello.INF')).toEqual({
      host: join(root, 'DriverTest', 'Drivers', 'Hello.inf'),
      display: 'C:\\drivertest\\DRIVERS\\hello.INF',
    });
  });
  it('cannot climb out of the target with ..', async () => {
    const r = await resolveUserPath(base, root, 'C:\\..\\..\\etc\\passwd');
    expect(r.host).toBe(join(root, 'etc', 'passwd'));
    expect(r.display).toBe('C:\\etc\\passwd');
  });
  it('a relative path inside the target is echoed as its C:\\ path, one outside as the host path', async () => {
    expect(await resolveUserPath(join(root, 'DriverTest', 'Drivers'), root, 'Hello.inf')).toEqual({
      host: join(root, 'DriverTest', 'Drivers', 'Hello.inf'),
      display: 'C:\\DriverTest\\Drivers\\Hello.inf',
    });
    expect(await resolveUserPath(base, root, '.\\pkg\\x.inf')).toEqual({ host: join(base, 'pkg', 'x.inf'), display: join(base, 'pkg', 'x.inf') });
  });
});

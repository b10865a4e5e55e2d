// A damaged state is recovered, not abandoned (issue 21): the state file is
// truncated at a random offset, garbled, emptied or deleted, also right after a
// process was killed at each step of a transaction. The next command (even a
// read-only one) restores the last committed state from .wdksim/state.backup.json
// and says so; `target verify` passes and the machine is the one last committed.
// With the committed copy damaged too, commands fail with a message naming
// `wdksim target verify --repair`, never a stack trace; --repair rebuilds the
// driver store records from the files on disk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAULT_STEPS } from '../../src/machine/fault.js';
import { FAULT_RUNS, SEED, figures, rng } from '../stress/budget.js';
import { crashSigns, runMeasured } from '../stress/child.js';
import { copyOf, envFor, golden, oemOf, readState, remove } from './world.js';

let base = '';
const stats = { damaged: 0, restored: 0, refused: 0 };
beforeAll(async () => {
  base = await golden(3, [['devcon', 'install', 'pkg1/hello1.inf', 'Root\\Hello1']]);
}, 300_000);
afterAll(() => {
  remove(base);
  figures('damaged state', { 'states damaged': stats.damaged, 'restored automatically': stats.restored, 'refused naming the repair command': stats.refused });
});

type Damage = (file: string, random: () => number) => void;
const DAMAGES: Record<string, Damage> = {
  truncated: (f, random) => truncateSync(f, Math.floor(random() * readFileSync(f).length)),
  garbled: (f, random) => {
    const bytes = readFileSync(f);
    for (let i = 0; i < 8; i++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    bytes[Math.floor(random() * 40)] = 0x7b; // a brace where the format name is: never valid by luck
    writeFileSync(f, bytes);
  },
  emptied: (f) => writeFileSync(f, ''),
  deleted: (f) => rmSync(f),
};

const stateOf = (dir: string) => join(dir, 'target', 'wdksim-state.json');

describe('a damaged state is recovered', () => {
  for (const [name, damage] of Object.entries(DAMAGES)) {
    it(`${name}: the next read-only command restores the last committed state`, async () => {
      const random = rng(SEED + name.length);
      for (let run = 0; run < FAULT_RUNS; run++) {
        const dir = copyOf(base, 'wdksim-damaged-');
        try {
          const env = envFor(dir);
          const committed = readFileSync(stateOf(dir), 'utf8');
          damage(stateOf(dir), random);
          stats.damaged++;
          const r = await runMeasured(['devcon', 'status', 'Root\\Hello1'], { cwd: dir, env });
          expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
          expect(r.exitCode, r.stderr).toBe(0);
          expect(r.stdout).toContain('Driver is running.');
          expect(r.stderr).toMatch(/restored the last committed state/);
          stats.restored++;
          expect(readFileSync(stateOf(dir), 'utf8')).toBe(committed);
          expect((await runMeasured(['target', 'verify'], { cwd: dir, env })).exitCode).toBe(0);
        } finally {
          remove(dir);
        }
      }
    }, 300_000);
  }

  for (const step of FAULT_STEPS) {
    it(`killed at "${step}", then the state truncated: recovered to the old or the new machine`, async () => {
      const dir = copyOf(base, 'wdksim-damaged-');
      try {
        const env = envFor(dir);
        const killed = await runMeasured(['devcon', 'install', 'pkg2/hello2.inf', 'Root\\Hello2'], { cwd: dir, env: { ...env, WDKSIM_FAULT: step } });
        expect(killed.stderr).toContain(`WDKSIM_FAULT=${step}`);
        truncateSync(stateOf(dir), 100);
        stats.damaged++;
        const r = await runMeasured(['devcon', 'status', '*'], { cwd: dir, env });
        expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
        expect(r.exitCode, r.stderr).toBe(0);
        const verify = await runMeasured(['target', 'verify'], { cwd: dir, env });
        expect(verify.exitCode, verify.stdout).toBe(0);
        const s = readState(dir);
        expect(oemOf(s, 'hello1.inf')).toBeDefined();
        const rerun = await runMeasured(['devcon', 'install', 'pkg2/hello2.inf', 'Root\\Hello2'], { cwd: dir, env });
        expect(rerun.exitCode, rerun.stderr).toBe(0);
      } finally {
        remove(dir);
      }
    }, 120_000);
  }

  it('with the committed copy damaged too, commands name the repair command, and --repair rebuilds the driver store records', async () => {
    const dir = copyOf(base, 'wdksim-damaged-');
    try {
      const env = envFor(dir);
      const before = readState(dir);
      truncateSync(stateOf(dir), 10);
      writeFileSync(join(dir, 'target', '.wdksim', 'state.backup.json'), '{"format":');
      stats.damaged++;
      for (const argv of [
        ['devcon', 'status', '*'],
        ['pnputil', '/enum-drivers'],
        ['target', 'verify'],
        ['devcon', 'install', 'pkg2/hello2.inf', 'Root\\Hello2'],
      ]) {
        const r = await runMeasured(argv, { cwd: dir, env });
        expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
        expect(r.exitCode, `${argv.join(' ')}: ${r.stdout}${r.stderr}`).not.toBe(0);
        expect(r.stdout + r.stderr).toMatch(/wdksim target verify --repair/);
      }
      stats.refused++;
      const repair = await runMeasured(['target', 'verify', '--repair'], { cwd: dir, env });
      expect(crashSigns(repair.stderr), repair.stderr).toBeUndefined();
      expect(repair.exitCode, repair.stdout + repair.stderr).toBe(0);
      expect(repair.stdout).toMatch(/rebuilt/i);
      const s = readState(dir);
      // The staged package is back under its published name; devices and registry are not on disk and are lost.
      expect(oemOf(s, 'hello1.inf')).toBe(oemOf(before, 'hello1.inf'));
      expect((await runMeasured(['target', 'verify'], { cwd: dir, env })).exitCode).toBe(0);
      // The certificate stores were lost with the state: deploy imports the package's certificate again.
      expect((await runMeasured(['deploy', 'pkg1'], { cwd: dir, env })).exitCode).toBe(0);
      const again = await runMeasured(['devcon', 'install', 'pkg1/hello1.inf', 'Root\\Hello1'], { cwd: dir, env });
      expect(again.exitCode, again.stdout + again.stderr).toBe(0);
    } finally {
      remove(dir);
    }
  }, 120_000);
});

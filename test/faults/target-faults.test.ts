// Fault injection over every command that changes the target: the built CLI is
// killed (SIGKILL, via the test-only WDKSIM_FAULT=<step> hook of src/machine)
// at each named step of the transaction; then `target verify` must pass, the
// same command run again must finish the job, and the machine must end in the
// state the command promises. In `npm test` seven of the commands meet one
// step each (the steps rotate so every step is hit); `npm run stress` runs
// every command at every step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FAULT_STEPS } from '../../src/machine/fault.js';
import { STRESS, figures } from '../stress/budget.js';
import { crashSigns, runMeasured } from '../stress/child.js';
import { copyOf, devicesOf, envFor, golden, oemOf, readState, remove, type MachineState } from './world.js';

interface Scenario {
  name: string;
  /** Which golden machine it starts from: A = packages + trusted cert; B = A + hello1 installed, hello2 staged. */
  from: 'A' | 'B';
  argv: (s: MachineState) => string[];
  /** Exit codes the command may give on its re-run, which may find the job done (pnputil: the low byte of the Windows error, e.g. 58 no such package, 11 no such device). */
  codes: number[];
  done: (s: MachineState, dir: string) => void;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'deploy',
    from: 'A',
    argv: () => ['deploy', 'pkg3'],
    codes: [0],
    done: (_s, dir) => expect(existsSync(join(dir, 'target', 'DriverTest', 'Drivers', 'hello3.sys'))).toBe(true),
  },
  {
    name: 'deploy --install',
    from: 'A',
    argv: () => ['deploy', 'pkg3', '--install', 'Root\\Hello3'],
    codes: [0],
    done: (s) => expect(devicesOf(s, 'Root\\Hello3').map((d) => d.problem)).toContain(0),
  },
  {
    name: 'devcon install',
    from: 'A',
    argv: () => ['devcon', 'install', 'pkg3/hello3.inf', 'Root\\Hello3'],
    codes: [0],
    done: (s) => expect(devicesOf(s, 'Root\\Hello3').map((d) => d.problem)).toContain(0),
  },
  {
    name: 'devcon update',
    from: 'B',
    argv: () => ['devcon', 'update', 'pkg1/hello1.inf', 'Root\\Hello1'],
    codes: [0],
    done: (s) => expect(devicesOf(s, 'Root\\Hello1').map((d) => d.problem)).toEqual([0]),
  },
  { name: 'devcon dp_add', from: 'A', argv: () => ['devcon', 'dp_add', 'pkg3/hello3.inf'], codes: [0], done: (s) => expect(oemOf(s, 'hello3.inf')).toBeDefined() },
  {
    name: 'pnputil /add-driver /install',
    from: 'A',
    argv: () => ['pnputil', '/add-driver', 'pkg3/hello3.inf', '/install'],
    codes: [0, 3, 5],
    done: (s) => expect(oemOf(s, 'hello3.inf')).toBeDefined(),
  },
  {
    name: 'devcon remove',
    from: 'B',
    argv: () => ['devcon', 'remove', 'Root\\Hello1'],
    codes: [0, 2],
    done: (s) => expect(devicesOf(s, 'Root\\Hello1').filter((d) => d.present)).toEqual([]),
  },
  {
    name: 'devcon disable',
    from: 'B',
    argv: () => ['devcon', 'disable', 'Root\\Hello1'],
    codes: [0, 2],
    done: (s) => expect(devicesOf(s, 'Root\\Hello1').map((d) => d.disabled)).toEqual([true]),
  },
  {
    name: 'devcon dp_delete',
    from: 'B',
    argv: (s) => ['devcon', 'dp_delete', oemOf(s, 'hello2.inf')!],
    codes: [0, 2],
    done: (s) => expect(oemOf(s, 'hello2.inf')).toBeUndefined(),
  },
  {
    name: 'pnputil /delete-driver /uninstall /force',
    from: 'B',
    argv: (s) => ['pnputil', '/delete-driver', oemOf(s, 'hello1.inf')!, '/uninstall', '/force'],
    codes: [0, 2, 5, 58, 194],
    done: (s) => expect(oemOf(s, 'hello1.inf')).toBeUndefined(),
  },
  {
    name: 'pnputil /remove-device',
    from: 'B',
    argv: () => ['pnputil', '/remove-device', 'ROOT\\SAMPLE\\0000'],
    codes: [0, 2, 3, 11, 194],
    done: (s) => expect(s.devices.filter((d) => d.instanceId === 'ROOT\\SAMPLE\\0000' && d.present)).toEqual([]),
  },
  { name: 'target bcdedit /set testsigning off', from: 'A', argv: () => ['target', 'bcdedit', '/set', 'testsigning', 'off'], codes: [0], done: () => {} },
  { name: 'target reboot', from: 'B', argv: () => ['target', 'reboot'], codes: [0], done: (s) => expect(devicesOf(s, 'Root\\Hello1').map((d) => d.problem)).toEqual([0]) },
];

const stats = { scenarios: 0, faultsInjected: 0, notReached: 0, verifyFailures: 0 };
let goldenA = '';
let goldenB = '';

beforeAll(async () => {
  goldenA = await golden(4);
  goldenB = await golden(4, [
    ['devcon', 'install', 'pkg1/hello1.inf', 'Root\\Hello1'],
    ['devcon', 'dp_add', 'pkg2/hello2.inf'],
  ]);
}, 120_000);

afterAll(() => {
  remove(goldenA);
  remove(goldenB);
  figures('target faults', { scenarios: stats.scenarios, 'faults injected': stats.faultsInjected, 'step not reached': stats.notReached, 'verify failures': stats.verifyFailures });
});

describe('a process killed at each named step leaves a consistent target', () => {
  SCENARIOS.forEach((scenario, i) => {
    // npm test: every other scenario (adds, installs, removals, deletes, reboot), each at one step, the steps rotating.
    if (!STRESS && i % 2 === 1) return;
    const steps = STRESS ? [...FAULT_STEPS] : [FAULT_STEPS[(i / 2) % FAULT_STEPS.length]!];
    for (const step of steps) {
      it(`${scenario.name} killed at "${step}"`, async () => {
        const dir = copyOf(scenario.from === 'A' ? goldenA : goldenB);
        try {
          const env = envFor(dir);
          const argv = scenario.argv(readState(dir));
          const killed = await runMeasured(argv, { cwd: dir, env: { ...env, WDKSIM_FAULT: step } });
          stats.scenarios++;
          if (killed.stderr.includes(`WDKSIM_FAULT=${step}`)) {
            stats.faultsInjected++;
            expect(killed.signal ?? killed.exitCode, killed.stderr).not.toBe(0);
          } else {
            // The command finished without reaching the step (e.g. no file to move: no mid-apply).
            stats.notReached++;
            expect(crashSigns(killed.stderr), killed.stderr).toBeUndefined();
          }
          const verify = await runMeasured(['target', 'verify'], { cwd: dir, env });
          if (verify.exitCode !== 0) stats.verifyFailures++;
          expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
          // The next command finishes a committed journal or discards an uncommitted one, then runs.
          const again = await runMeasured(scenario.argv(readState(dir)), { cwd: dir, env });
          expect(crashSigns(again.stderr), again.stderr).toBeUndefined();
          expect(scenario.codes, `re-run exited ${again.exitCode}: ${again.stdout}${again.stderr}`).toContain(again.exitCode);
          const final = await runMeasured(['target', 'verify'], { cwd: dir, env });
          expect(final.exitCode, final.stdout + final.stderr).toBe(0);
          scenario.done(readState(dir), dir);
          // Nothing left in the journal once a command has run to the end.
          const journal = join(dir, 'target', '.wdksim', 'journal');
          expect(existsSync(journal) ? readdirSync(journal) : []).toEqual([]);
        } finally {
          remove(dir);
        }
      }, 120_000);
    }
  });
});

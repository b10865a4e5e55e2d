// A hostile target (issue 23): someone else can write the target (a shared lab
// machine's folder, a CI cache). Links, hard links, FIFOs and device files are
// planted before a command, after a crash (the next command finishes the
// journal) and between the steps of a transaction (the holder is paused with
// SIGSTOP after its checks). For each: nothing outside the target changes, the
// command ends within its time with a documented code and no stack trace (a
// clear refusal, or the planted entry moved aside into .wdksim/quarantine), and
// the target stays usable: `target verify` ends, and a good install and
// `target verify` succeed afterwards. Runs the built CLI (a FIFO must not hang it).
import { handEditRecords } from '../helpers/state-on-disk.js';
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { FaultStep } from '../../src/machine/fault.js';
import { BIN } from '../helpers/cli.js';
import { crashSigns, runMeasured, waitStopped } from '../stress/child.js';
import { World, hostileInf } from './world.js';

const IS_ROOT = process.getuid?.() === 0;
const INSTALL = ['devcon', 'install', 'pkg/evil.inf', 'Root\\Evil'];

interface Case {
  name: string;
  /** Steps run before the command (e.g. a first install to have something vouched for). */
  setup?: string[][];
  argv: string[];
  when: 'before' | 'after-crash' | 'between';
  step?: FaultStep;
  plant: (w: World, t: (...p: string[]) => string) => void;
  /** 'refused': exit ≠ 0 with the message; 'ok': exit 0 (the planted entry was moved aside or replaced as a name). */
  outcome: 'refused' | 'ok' | 'problem';
  message?: RegExp;
  /** Undo the plant (for refusals) before the good install. */
  cleanup?: (w: World, t: (...p: string[]) => string) => void;
}

const fifo = (path: string) => execFileSync('mkfifo', [path]);
const replace = (path: string, make: () => void) => {
  rmSync(path, { recursive: true, force: true });
  make();
};
const outside = (w: World, ...p: string[]) => join(w.base, 'outside', ...p);

const CASES: Case[] = [
  // Before a command.
  {
    name: 'a hard link at setupapi.dev.log to an outside file is not appended to',
    when: 'before',
    argv: INSTALL,
    outcome: 'ok',
    plant: (w, t) => replace(t('Windows/INF/setupapi.dev.log'), () => linkSync(outside(w, 'victim.txt'), t('Windows/INF/setupapi.dev.log'))),
  },
  {
    name: 'a FIFO at setupapi.dev.log is refused, not opened',
    when: 'before',
    argv: INSTALL,
    outcome: 'refused',
    message: /setupapi\.dev\.log.*not a regular file/,
    plant: (_w, t) => replace(t('Windows/INF/setupapi.dev.log'), () => fifo(t('Windows/INF/setupapi.dev.log'))),
    cleanup: (_w, t) => rmSync(t('Windows/INF/setupapi.dev.log')),
  },
  {
    name: 'a symbolic link at System32\\drivers is refused',
    when: 'before',
    argv: INSTALL,
    outcome: 'refused',
    message: /symbolic link; refused/,
    plant: (w, t) => replace(t('Windows/System32/drivers'), () => symlinkSync(outside(w), t('Windows/System32/drivers'))),
    cleanup: (_w, t) => replace(t('Windows/System32/drivers'), () => mkdirSync(t('Windows/System32/drivers'))),
  },
  {
    name: 'a FIFO where the driver is copied is replaced as a name, never opened',
    when: 'before',
    argv: INSTALL,
    outcome: 'ok',
    plant: (_w, t) => fifo(t('Windows/System32/drivers/evil.sys')),
  },
  {
    name: 'a folder where the driver is copied is refused before the commit point',
    when: 'before',
    argv: INSTALL,
    outcome: 'refused',
    message: /existing folder; a file cannot be copied onto it/,
    plant: (_w, t) => mkdirSync(t('Windows/System32/drivers/evil.sys')),
    cleanup: (_w, t) => rmSync(t('Windows/System32/drivers/evil.sys'), { recursive: true }),
  },
  {
    name: 'a hard link of an installed driver to an outside file: re-install replaces the name, the outside bytes stay',
    when: 'before',
    setup: [INSTALL],
    argv: ['devcon', 'update', 'pkg/evil.inf', 'Root\\Evil'],
    outcome: 'ok',
    plant: (w, t) => replace(t('Windows/System32/drivers/evil.sys'), () => linkSync(outside(w, 'victim.txt'), t('Windows/System32/drivers/evil.sys'))),
  },
  {
    name: 'target verify does not follow a link to /dev/zero at a vouched file',
    when: 'before',
    setup: [INSTALL],
    argv: ['target', 'verify'],
    outcome: 'problem',
    message: /evil\.sys: is a symbolic link/,
    plant: (_w, t) => replace(t('Windows/System32/drivers/evil.sys'), () => symlinkSync('/dev/zero', t('Windows/System32/drivers/evil.sys'))),
    cleanup: (_w, t) => rmSync(t('Windows/System32/drivers/evil.sys')),
  },
  {
    name: 'target verify does not open a FIFO at a vouched file',
    when: 'before',
    setup: [INSTALL],
    argv: ['target', 'verify'],
    outcome: 'problem',
    message: /evil\.sys: is a FIFO/,
    plant: (_w, t) => replace(t('Windows/System32/drivers/evil.sys'), () => fifo(t('Windows/System32/drivers/evil.sys'))),
    cleanup: (_w, t) => rmSync(t('Windows/System32/drivers/evil.sys')),
  },
  ...(IS_ROOT
    ? [
        {
          name: 'target verify does not open a device file at a vouched file',
          when: 'before' as const,
          setup: [INSTALL],
          argv: ['target', 'verify'],
          outcome: 'problem' as const,
          message: /evil\.sys: is a FIFO, socket or device file/,
          plant: (_w: World, t: (...p: string[]) => string) =>
            replace(t('Windows/System32/drivers/evil.sys'), () => execFileSync('mknod', [t('Windows/System32/drivers/evil.sys'), 'c', '1', '5'])),
          cleanup: (_w: World, t: (...p: string[]) => string) => rmSync(t('Windows/System32/drivers/evil.sys')),
        },
      ]
    : []),
  {
    name: 'target snapshot refuses a snapshot folder that links outside',
    when: 'before',
    argv: ['target', 'snapshot', 's1'],
    outcome: 'refused',
    message: /symbolic link/,
    plant: (w, t) => {
      mkdirSync(outside(w, 'snaps'));
      symlinkSync(outside(w, 'snaps'), t('.wdksim/snapshots'));
    },
    cleanup: (_w, t) => rmSync(t('.wdksim/snapshots')),
  },
  {
    name: 'target snapshot replaces a link at its file instead of writing through it',
    when: 'before',
    argv: ['target', 'snapshot', 's1', '--force'],
    outcome: 'ok',
    plant: (w, t) => {
      mkdirSync(t('.wdksim/snapshots'), { recursive: true });
      symlinkSync(outside(w, 'victim.txt'), t('.wdksim/snapshots/s1.json'));
    },
  },
  {
    name: 'a state file that links outside is not read through: the last committed state is restored',
    when: 'before',
    argv: ['devcon', 'status', '*'],
    outcome: 'ok',
    plant: (w, t) => {
      writeFileSync(outside(w, 'state.json'), readFileSync(t('wdksim-state.json')));
      replace(t('wdksim-state.json'), () => symlinkSync(outside(w, 'state.json'), t('wdksim-state.json')));
    },
  },
  // After a crash: the next command (even a read-only one) finishes the journal through the layer.
  {
    name: 'after a crash at the commit point, a link planted at System32\\drivers is moved aside, not followed',
    when: 'after-crash',
    step: 'journal-written',
    argv: INSTALL,
    outcome: 'ok',
    plant: (w, t) => {
      mkdirSync(outside(w, 'drv'));
      replace(t('Windows/System32/drivers'), () => symlinkSync(outside(w, 'drv'), t('Windows/System32/drivers')));
    },
  },
  {
    name: 'after a crash at the commit point, a hard link planted at setupapi.dev.log is not truncated or appended to',
    when: 'after-crash',
    step: 'journal-written',
    argv: INSTALL,
    outcome: 'ok',
    plant: (w, t) => replace(t('Windows/INF/setupapi.dev.log'), () => linkSync(outside(w, 'victim.txt'), t('Windows/INF/setupapi.dev.log'))),
  },
  {
    name: 'after a crash mid-apply, a link planted at Windows\\INF is moved aside',
    when: 'after-crash',
    step: 'mid-apply',
    argv: INSTALL,
    outcome: 'ok',
    plant: (w, t) => {
      mkdirSync(outside(w, 'inf'));
      replace(t('Windows/INF'), () => symlinkSync(outside(w, 'inf'), t('Windows/INF')));
    },
  },
  {
    name: 'after a crash at the commit point, a FIFO planted at setupapi.dev.log does not hang recovery',
    when: 'after-crash',
    step: 'journal-written',
    argv: INSTALL,
    outcome: 'ok',
    plant: (_w, t) => replace(t('Windows/INF/setupapi.dev.log'), () => fifo(t('Windows/INF/setupapi.dev.log'))),
  },
  {
    name: 'after a crash before the state is replaced, a link planted at the state file is replaced as a name',
    when: 'after-crash',
    step: 'applied',
    argv: INSTALL,
    outcome: 'ok',
    plant: (w, t) => replace(t('wdksim-state.json'), () => symlinkSync(outside(w, 'victim.txt'), t('wdksim-state.json'))),
  },
  {
    name: 'after a crash of dp_delete, a driver store folder replaced by a link is unlinked, its outside files kept',
    when: 'after-crash',
    step: 'journal-written',
    setup: [['devcon', 'dp_add', 'pkg/evil.inf']],
    argv: ['devcon', 'dp_delete', 'oem0.inf'],
    outcome: 'ok',
    plant: (w, t) => {
      const store = t('Windows/System32/DriverStore/FileRepository');
      const folder = readdirSync(store).find((n) => n.startsWith('evil.inf_'))!;
      mkdirSync(outside(w, 'store'));
      writeFileSync(outside(w, 'store', 'keep.txt'), 'keep');
      replace(join(store, folder), () => symlinkSync(outside(w, 'store'), join(store, folder)));
    },
  },
  // Between the steps of a transaction: the holder is paused after its checks, the target changed under it.
  {
    name: 'a link planted at System32\\drivers after the checks, before the commit point, is moved aside',
    when: 'between',
    step: 'files-staged',
    argv: INSTALL,
    outcome: 'ok',
    plant: (w, t) => {
      mkdirSync(outside(w, 'drv'));
      replace(t('Windows/System32/drivers'), () => symlinkSync(outside(w, 'drv'), t('Windows/System32/drivers')));
    },
  },
  {
    name: 'a hard link planted at setupapi.dev.log mid-transaction is not appended to',
    when: 'between',
    step: 'files-staged',
    argv: INSTALL,
    outcome: 'ok',
    plant: (w, t) => replace(t('Windows/INF/setupapi.dev.log'), () => linkSync(outside(w, 'victim.txt'), t('Windows/INF/setupapi.dev.log'))),
  },
  {
    name: 'a FIFO planted at setupapi.dev.log mid-apply is moved aside, not opened',
    when: 'between',
    step: 'mid-apply',
    argv: INSTALL,
    outcome: 'ok',
    plant: (_w, t) => replace(t('Windows/INF/setupapi.dev.log'), () => fifo(t('Windows/INF/setupapi.dev.log'))),
  },
  {
    name: 'a folder planted where the driver goes, after the checks, is moved aside',
    when: 'between',
    step: 'files-staged',
    argv: INSTALL,
    outcome: 'ok',
    plant: (_w, t) => mkdirSync(t('Windows/System32/drivers/evil.sys')),
  },
];

let world: World | undefined;
afterEach(() => {
  world?.dispose();
  world = undefined;
});

async function cli(w: World, argv: string[], extra: Record<string, string> = {}) {
  const r = await runMeasured(argv, { cwd: w.base, env: { ...w.env, ...extra }, timeoutMs: 30_000 });
  expect(r.timedOut, `${argv.join(' ')} hung`).toBe(false);
  expect(crashSigns(r.stderr), `${argv.join(' ')}: ${r.stderr}`).toBeUndefined();
  return r;
}

describe('a hostile target', () => {
  for (const c of CASES) {
    it(`${c.when}: ${c.name}`, async () => {
      const w = (world = new World());
      const t = (...p: string[]) => join(w.base, 'target', ...p);
      await w.init();
      await w.pkg(hostileInf({}));
      expect((await w.run(['deploy', 'pkg'])).code).toBe(0); // trusts the package's test certificate
      for (const s of c.setup ?? []) expect((await w.run(s)).code, s.join(' ')).toBe(0);
      const before = await w.snapshot('target', 'pkg');
      let r;
      if (c.when === 'before') {
        c.plant(w, t);
        r = await cli(w, c.argv);
      } else if (c.when === 'after-crash') {
        const killed = await cli(w, c.argv, { WDKSIM_FAULT: c.step! });
        expect(killed.stderr).toContain(`WDKSIM_FAULT=${c.step}`);
        c.plant(w, t);
        r = await cli(w, ['devcon', 'status', '*']); // a read-only command finishes the journal
      } else {
        const child = execa(process.execPath, [BIN, ...c.argv], { cwd: w.base, env: { ...w.env, WDKSIM_FAULT_PAUSE: c.step! }, reject: false, stdin: 'ignore' });
        await new Promise<void>((resolve) => {
          child.stderr!.on('data', (d: Buffer) => d.toString().includes('paused at this step') && resolve());
          void child.then(() => resolve());
        });
        await waitStopped(child.pid!);
        c.plant(w, t);
        process.kill(child.pid!, 'SIGCONT');
        // A second pause (the command ran a second transaction after the first failed) would hang: ended here.
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        const done = await child;
        clearTimeout(timer);
        r = { exitCode: done.exitCode ?? -1, stdout: String(done.stdout), stderr: String(done.stderr) };
        expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
      }
      const label = `${r.exitCode}: ${r.stdout}${r.stderr}`;
      if (c.outcome === 'ok') expect(r.exitCode, label).toBe(0);
      else {
        expect(r.exitCode, label).not.toBe(0);
        expect(r.stdout + r.stderr, label).toMatch(c.message!);
      }
      // Nothing outside the target changed.
      expect(w.victim()).toBe('do not touch');
      const after = await w.snapshot('target', 'pkg');
      expect(
        before.filter((p) => !after.includes(p)),
        'outside entries changed or removed',
      ).toEqual([]);
      for (const p of after.filter((x) => !before.includes(x))) {
        // Only what the plant itself put outside (folders it linked to, a copy of the state) may be new there.
        expect(p, 'a file written outside the target').toMatch(/^outside\/(drv|inf|snaps|store)\/$|^outside\/store\/keep\.txt 4$|^outside\/state\.json \d+$/);
      }
      if (existsSync(outside(w, 'drv'))) expect(readdirSync(outside(w, 'drv'))).toEqual([]);
      if (existsSync(outside(w, 'inf'))) expect(readdirSync(outside(w, 'inf'))).toEqual([]);
      if (existsSync(outside(w, 'snaps'))) expect(readdirSync(outside(w, 'snaps'))).toEqual([]);
      if (existsSync(outside(w, 'store'))) expect(readdirSync(outside(w, 'store'))).toEqual(['keep.txt']);
      // The target stays usable: verify ends; after the plant is undone (refusals), a good install and verify succeed.
      await cli(w, ['target', 'verify']);
      c.cleanup?.(w, t);
      const good = await cli(w, ['devcon', 'update', 'pkg/evil.inf', 'Root\\Evil']);
      if (good.exitCode !== 0) expect((await cli(w, INSTALL)).exitCode).toBe(0);
      const verify = await cli(w, ['target', 'verify']);
      expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
    }, 120_000);
  }
});

describe('tampered driver files', () => {
  it('a driver store copy changed after import is restored from the signed package on re-import, and never installed from the store', async () => {
    const w = (world = new World());
    const t = (...p: string[]) => join(w.base, 'target', ...p);
    await w.init();
    await w.pkg(hostileInf({}));
    expect((await w.run(['deploy', 'pkg'])).code).toBe(0);
    expect((await w.run(INSTALL)).code).toBe(0);
    const store = t('Windows/System32/DriverStore/FileRepository');
    const folder = readdirSync(store).find((n) => n.startsWith('evil.inf_'))!;
    writeFileSync(join(store, folder, 'evil.sys'), 'MZ tampered');
    // Installing straight from the store copy (what a re-install of the staged package does) is refused.
    const { openTarget, installDriverOnDevices } = await import('../../src/machine/index.js');
    const { memoryContext } = await import('../../src/io.js');
    const target = await openTarget(memoryContext({ cwd: w.base, env: w.env }));
    await expect(target.transaction('x', (tx) => installDriverOnDevices(tx, { publishedName: 'oem0.inf', hardwareId: 'Root\\Evil', force: true }))).rejects.toThrow(
      /no longer matches its catalog/,
    );
    expect(readFileSync(t('Windows/System32/drivers/evil.sys'), 'utf8')).toBe('MZ evil');
    // Re-importing the signed package restores the store copy; the install then copies the verified bytes.
    const again = await w.run(['devcon', 'update', 'pkg/evil.inf', 'Root\\Evil']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(readFileSync(join(store, folder, 'evil.sys'), 'utf8')).toBe('MZ evil');
    expect(readFileSync(t('Windows/INF/setupapi.dev.log'), 'latin1')).toContain('did not match its catalog (evil.sys); restored from the signed package');
    expect((await w.run(['target', 'verify'])).code).toBe(0);
  }, 60_000);

  it('an installed driver overwritten after the install does not load after a reboot (problem 52)', async () => {
    const w = (world = new World());
    const t = (...p: string[]) => join(w.base, 'target', ...p);
    await w.init();
    await w.pkg(hostileInf({}));
    expect((await w.run(['deploy', 'pkg'])).code).toBe(0);
    expect((await w.run(INSTALL)).code).toBe(0);
    writeFileSync(t('Windows/System32/drivers/evil.sys'), 'MZ overwritten');
    expect((await w.run(['target', 'reboot'])).code).toBe(0);
    const status = await w.run(['devcon', 'status', 'Root\\Evil']);
    expect(status.stdout).toMatch(/problem: 52|Code 52|CM_PROB_UNSIGNED_DRIVER|52/);
    expect(status.stdout).not.toContain('Driver is running.');
    expect((await w.run(['target', 'verify'])).code).toBe(1);
  }, 60_000);
});

describe('a hand-edited state naming paths outside the target', () => {
  for (const edit of ['storeFolder', 'file'] as const) {
    it(`a ".." ${edit === 'storeFolder' ? 'driver store folder' : 'vouched file path'} is refused when the state is read; verify and pnputil /export-driver read nothing outside`, async () => {
      const w = (world = new World());
      const t = (...p: string[]) => join(w.base, 'target', ...p);
      await w.init();
      await w.pkg(hostileInf({}));
      expect((await w.run(['deploy', 'pkg'])).code).toBe(0);
      expect((await w.run(INSTALL)).code).toBe(0);
      mkdirSync(outside(w, 'store'));
      writeFileSync(outside(w, 'store', 'evil.sys'), 'outside bytes');
      // The records are per-record files (.wdksim/state/<collection>/<bucket>.json): the one holding the record is edited.
      if (edit === 'storeFolder') {
        handEditRecords(t(), 'packages', 'oem0.inf', (entries) => {
          const pkg = entries.find(([, p]) => p.publishedName === 'oem0.inf')![1];
          pkg.storeFolder = '../../../outside/store';
        });
      } else {
        // Added to the record file of a file the state vouches for (a file wdksim committed, so it has a committed copy).
        handEditRecords(t(), 'files', 'windows/inf/oem0.inf', (entries) => void entries.push([1e6, { path: '../outside/victim.txt', sha256: '0'.repeat(64) }]));
      }
      const verify = await cli(w, ['target', 'verify']);
      expect(verify.stderr).toMatch(/must stay inside the target|climbs out/);
      expect(verify.stderr).toMatch(/restored the last committed state/);
      expect(verify.exitCode, verify.stdout).toBe(0);
      const exported = await cli(w, ['pnputil', '/export-driver', 'oem0.inf', join(w.base, 'exported')]);
      expect(exported.exitCode, exported.stdout).toBe(0);
      expect(readFileSync(join(w.base, 'exported', 'evil.sys'), 'utf8')).toBe('MZ evil');
      expect(readFileSync(outside(w, 'store', 'evil.sys'), 'utf8')).toBe('outside bytes');
      expect(w.victim()).toBe('do not touch');
    }, 60_000);
  }
});

describe('the install log after a rolled-back install', () => {
  it('says the import was rolled back, not only "Successfully imported"', async () => {
    const w = (world = new World());
    const t = (...p: string[]) => join(w.base, 'target', ...p);
    await w.init();
    // Stages fine, then fails in the service section: the whole transaction, staging included, is rolled back.
    await w.pkg(hostileInf({ extra: '' }).replace('ServiceBinary = %12%\\evil.sys', ''));
    expect((await w.run(['deploy', 'pkg'])).code).toBe(0);
    const r = await w.run(INSTALL);
    expect(r.code).toBe(2);
    const log = readFileSync(t('Windows/INF/setupapi.dev.log'), 'latin1');
    // The log may keep the import line only if a roll-back line follows it; either way it says the import was undone.
    const imported = log.lastIndexOf('Successfully imported driver package');
    if (imported > -1) expect(log.indexOf('Rolled back: devcon install failed', imported)).toBeGreaterThan(imported);
    expect(log).toMatch(/the import was rolled back|Rolled back: devcon install failed/);
    expect((await w.run(['pnputil', '/enum-drivers'])).stdout).not.toContain('oem0.inf');
  }, 60_000);
});

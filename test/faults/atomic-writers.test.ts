// stampinf (in place), inf2cat and signtool (catalog and PE) killed with
// SIGKILL at random moments: the file each writes is, afterwards, either its
// old bytes (or absent) or exactly what an uninterrupted run writes, never a
// mix; the command run again then writes the complete result. The oracle is an
// uninterrupted run on a copy of the same input with the same clock.
// WDKSIM_FAULT_RUNS sets the kills per writer.
import { afterAll, describe, expect, it } from 'vitest';
import { execa, execaSync } from 'execa';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeMinimalPe } from '../../src/catalog/pe-builder.js';
import { makePfx } from '../../src/catalog/test-certificate.js';
import { BIN, REPO_ROOT } from '../helpers/cli.js';
import { testCertificate } from '../machine/helpers.js';
import { FAULT_RUNS, SEED, STRESS, figures, rng } from '../stress/budget.js';
import { crashSigns } from '../stress/child.js';
import { remove, tempBase } from './world.js';

const ENV = { TZ: 'UTC', NO_COLOR: '1', WDKSIM_NOW: '2026-11-25T12:00:00Z' };

async function spawn(args: string[], cwd: string, killAfterMs?: number) {
  const child = execa(process.execPath, [BIN, ...args], { cwd, env: ENV, reject: false, stdin: 'ignore' });
  let timer: NodeJS.Timeout | undefined;
  if (killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const start = performance.now();
  const r = await child;
  clearTimeout(timer);
  return { code: r.exitCode, signal: r.signal, stderr: String(r.stderr), ms: performance.now() - start };
}

interface Writer {
  name: string;
  /** Builds the input folder. */
  setup: (dir: string) => void;
  args: string[];
  /** The file the command writes (relative to the folder). */
  output: string;
}

const pkgDir = join(REPO_ROOT, 'fixtures', 'packages', 'KmdfHelloWorld');
// Sizes that make the write take long enough for random kills to land inside it.
const BIG = STRESS ? 64 : 8;

function bigPackage(dir: string): void {
  cpSync(pkgDir, join(dir, 'pkg'), { recursive: true });
  writeFileSync(join(dir, 'pkg', 'KmdfHelloWorld.sys'), makeMinimalPe({ size: BIG * 2 ** 20 }));
}

const WRITERS: Writer[] = [
  {
    name: 'stampinf -f (in place)',
    setup: (dir) => {
      const inf = readFileSync(join(pkgDir, 'KmdfHelloWorld.inf'), 'latin1').replace('DriverVer=11/20/2026,1.0.0.0', 'DriverVer=');
      const filler = Array.from({ length: BIG * 10_000 }, (_, i) => `HKR,,Value${i},0x00010001,${i}\r\n`).join('');
      writeFileSync(join(dir, 'x.inf'), `${inf}\r\n[Filler_AddReg]\r\n${filler}`, 'latin1');
    },
    args: ['stampinf', '-f', 'x.inf', '-d', '11/20/2026', '-v', '1.2.3.4', '-a', 'amd64'],
    output: 'x.inf',
  },
  { name: 'inf2cat', setup: bigPackage, args: ['inf2cat', '/driver:pkg', '/os:10_X64'], output: 'pkg/kmdfhelloworld.cat' },
  {
    name: 'signtool sign (PE, in place)',
    setup: (dir) => {
      bigPackage(dir);
      writeFileSync(join(dir, 'signer.pfx'), makePfx(testCertificate().certDer, testCertificate().keyPem, 'pw'));
    },
    args: ['signtool', 'sign', '/f', 'signer.pfx', '/p', 'pw', '/fd', 'sha256', 'pkg/KmdfHelloWorld.sys'],
    output: 'pkg/KmdfHelloWorld.sys',
  },
  {
    name: 'signtool sign (catalog, in place)',
    setup: (dir) => {
      bigPackage(dir);
      writeFileSync(join(dir, 'signer.pfx'), makePfx(testCertificate().certDer, testCertificate().keyPem, 'pw'));
      const r = execaSync(process.execPath, [BIN, 'inf2cat', '/driver:pkg', '/os:10_X64'], { cwd: dir, env: ENV, reject: false });
      if (r.exitCode !== 0) throw new Error(`inf2cat: ${r.stdout}`);
    },
    args: ['signtool', 'sign', '/f', 'signer.pfx', '/p', 'pw', '/fd', 'sha256', 'pkg/kmdfhelloworld.cat'],
    output: 'pkg/kmdfhelloworld.cat',
  },
];

const stats = { kills: 0, killedMidRun: 0, old: 0, new: 0, leftoverTemps: 0 };
afterAll(() =>
  figures('atomic writers', {
    seed: SEED,
    kills: stats.kills,
    'killed before exit': stats.killedMidRun,
    'old bytes': stats.old,
    'new bytes': stats.new,
    'half-written': 0,
    'leftover temp files': stats.leftoverTemps,
  }),
);

describe('writers killed at random moments never leave a half-written file', () => {
  WRITERS.forEach((w, wi) => {
    it(`${w.name}: ${FAULT_RUNS} random SIGKILLs`, async () => {
      const reference = tempBase('wdksim-atomic-ref-');
      try {
        w.setup(reference);
        const before = existsSync(join(reference, w.output)) ? readFileSync(join(reference, w.output)) : undefined;
        const ref = await spawn(w.args, reference);
        expect(ref.code, ref.stderr).toBe(0);
        const after = readFileSync(join(reference, w.output));
        const random = rng(SEED + wi);
        for (let k = 0; k < FAULT_RUNS; k++) {
          const dir = tempBase('wdksim-atomic-');
          try {
            cpSync(reference, dir, { recursive: true });
            if (before) writeFileSync(join(dir, w.output), before);
            else remove(join(dir, w.output));
            const delay = Math.floor(random() * ref.ms * 1.1);
            const killed = await spawn(w.args, dir, delay);
            stats.kills++;
            if (killed.signal === 'SIGKILL') stats.killedMidRun++;
            const out = join(dir, w.output);
            const now = existsSync(out) ? readFileSync(out) : undefined;
            const isOld = before ? now !== undefined && now.equals(before) : now === undefined;
            const isNew = now !== undefined && now.equals(after);
            expect(isOld || isNew, `${w.name} killed after ${delay} ms: ${w.output} is neither the old nor the new file (${now?.length} bytes)`).toBe(true);
            if (isOld) stats.old++;
            else stats.new++;
            // The layer's temporary (NAME.<hash> from write-file-atomic, .NAME.wdksim-<pid>-<hex>.tmp for output
            // folders and streamed signing) may survive a SIGKILL; it is never the user's file.
            const folder = join(dir, w.output, '..');
            const base = w.output.split('/').pop()!;
            stats.leftoverTemps += readdirSync(folder).filter((n) => (n.startsWith(`${base}.`) || n.startsWith(`.${base}.`)) && n !== base).length;
            const again = await spawn(w.args, dir);
            expect(crashSigns(again.stderr), again.stderr).toBeUndefined();
            expect(again.code, again.stderr).toBe(0);
            // stampinf on an already stamped file and signtool on a signed file: the same bytes again.
            expect(readFileSync(out).equals(after), `${w.name}: the re-run after a kill at ${delay} ms differs from an uninterrupted run`).toBe(true);
          } finally {
            remove(dir);
          }
        }
      } finally {
        remove(reference);
      }
    }, 600_000);
  });
});

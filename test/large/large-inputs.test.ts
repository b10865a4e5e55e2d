// Large inputs through the built CLI, each with its peak RSS measured (GNU
// time) against a stated bound, and inf2cat's progress bar checked on a real
// pseudo-terminal. `npm test` runs scaled-down sizes; `npm run stress` the full
// ones: a 100 MB INF, a 10 000-file package, a 4 GiB sparse file to hash.
//
// Bounds (peak RSS of the wdksim process):
//   INF of S MiB (inf parse, stampinf -o):  200 MiB + 25 x S  (the text, its lines and tokens are held)
//   package of N files (inf2cat):          250 MiB + 40 KiB x N
//   one file of any size to hash:          200 MiB (hashing streams; nothing scales with the size)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCatalog } from '../../src/catalog/read.js';
import { runCli } from '../../src/cli.js';
import { memoryContext } from '../../src/io.js';
import { STRESS, figures } from '../stress/budget.js';
import { HAS_SCRIPT, crashSigns, runMeasured, runOnTty } from '../stress/child.js';
import { tempBase } from '../faults/world.js';
import { writeBigInf, writeDataFilePackage, writeManyFilePackage } from './generate.js';

const MiB = 2 ** 20;
const INF_MB = STRESS ? 100 : 2;
const FILES = STRESS ? 10_000 : 300;
const SPARSE = STRESS ? 4 * 2 ** 30 : 64 * MiB;

let base = '';
const rows: Record<string, string> = {};
beforeAll(() => {
  base = tempBase('wdksim-large-');
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
  figures('large inputs', rows);
});

function checkRss(label: string, peak: number | undefined, boundMb: number): void {
  rows[label] = peak === undefined ? 'not measured' : `${Math.round(peak)}MiB/${Math.round(boundMb)}MiB`;
  if (peak !== undefined) expect(peak, `${label}: peak RSS ${peak} MiB over the bound ${boundMb} MiB`).toBeLessThan(boundMb);
}

describe(`a ${INF_MB} MB INF`, () => {
  let size = 0;
  beforeAll(() => {
    size = writeBigInf(join(base, 'big.inf'), INF_MB * MiB);
  });
  const bound = () => 200 + 25 * (size / MiB);

  it('inf parse: exit 0 within bounded memory', async () => {
    const r = await runMeasured(['inf', 'parse', 'big.inf'], { cwd: base, stdoutFile: join(base, 'parse.txt'), timeoutMs: 900_000 });
    expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
    expect(r.exitCode, r.stderr).toBe(0);
    rows[`inf parse ${INF_MB}MB ms`] = String(Math.round(r.ms));
    checkRss(`inf parse ${INF_MB}MB`, r.peakRssMb, bound());
    expect(readFileSync(join(base, 'parse.txt'), 'latin1').slice(0, 400)).toContain('sections');
  }, 900_000);

  it('infverif: a verdict within bounded memory', async () => {
    const r = await runMeasured(['infverif', 'big.inf'], { cwd: base, stdoutFile: join(base, 'verif.txt'), timeoutMs: 900_000 });
    expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
    expect([0, 1], r.stderr).toContain(r.exitCode);
    rows[`infverif ${INF_MB}MB ms`] = String(Math.round(r.ms));
    checkRss(`infverif ${INF_MB}MB`, r.peakRssMb, bound());
  }, 900_000);

  it('stampinf -o: stamps it, every other byte kept, within bounded memory', async () => {
    const r = await runMeasured(['stampinf', '-f', 'big.inf', '-d', '11/21/2026', '-v', '2.0.0.1', '-o', 'big-stamped.inf'], { cwd: base, timeoutMs: 900_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    rows[`stampinf ${INF_MB}MB ms`] = String(Math.round(r.ms));
    checkRss(`stampinf ${INF_MB}MB`, r.peakRssMb, bound());
    const before = readFileSync(join(base, 'big.inf'));
    const after = readFileSync(join(base, 'big-stamped.inf'));
    expect(after.length).toBe(before.length);
    expect(after.toString('latin1').replace('DriverVer=11/21/2026,2.0.0.1', 'DriverVer=11/20/2026,1.0.0.0')).toBe(before.toString('latin1'));
  }, 900_000);
});

// Found here: infverif's duplicate-line rule (1294) bucketed lines by length
// and first/last character and compared within a bucket linearly, so an INF of
// many similar lines (long AddReg tables) took quadratic time (5 MB: 27 s;
// 20 MB: over 6 minutes). This guards the fix.
it('infverif time grows about linearly with the number of lines (rule 1294 was quadratic)', async () => {
  // Lines of one length that start and end with the same characters: one fingerprint bucket.
  const timeFor = async (lines: number): Promise<number> => {
    const path = join(base, `verif-${lines}.inf`);
    const body = Array.from({ length: lines }, (_, i) => `HKR,,V${String(i).padStart(6, '0')},0x00010001,1`).join('\r\n');
    writeFileSync(path, `[Version]\r\nSignature="$WINDOWS NT$"\r\nClass=Net\r\n\r\n[X_AddReg]\r\n${body}\r\n`, 'latin1');
    const ctx = memoryContext({ cwd: base, env: { TZ: 'UTC' } });
    const start = performance.now();
    await runCli(['infverif', path], ctx.io);
    return performance.now() - start;
  };
  // Each size's best of three: one run of a few milliseconds is at the mercy
  // of a GC pause or the scheduler (a lone 10,000/2,500 ratio once read 8.3
  // under a loaded CI). Sizes far apart, so the work outweighs the fixed cost.
  const best = async (lines: number): Promise<number> => Math.min(await timeFor(lines), await timeFor(lines), await timeFor(lines));
  await timeFor(1_000); // warm-up
  const small = await best(10_000);
  const large = await best(80_000);
  rows['infverif 80000/10000 lines time ratio'] = (large / small).toFixed(1);
  // Linear: at most 8 (less with the fixed cost). Quadratic: about 64.
  expect(large / small).toBeLessThan(24);
}, 300_000);

describe(`a package of ${FILES} files`, () => {
  it('inf2cat: a catalog listing every file, within bounded memory', async () => {
    writeManyFilePackage(join(base, 'many'), FILES);
    const r = await runMeasured(['inf2cat', '/driver:many', '/os:10_X64'], { cwd: base, timeoutMs: 900_000 });
    expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
    expect(r.exitCode, r.stdout).toBe(0);
    rows[`inf2cat ${FILES} files ms`] = String(Math.round(r.ms));
    checkRss(`inf2cat ${FILES} files`, r.peakRssMb, 250 + (40 * FILES) / 1024);
    const info = readCatalog(readFileSync(join(base, 'many', 'kmdfhelloworld.cat')));
    const names = new Set(info.members.filter((m) => !m.shadow).map((m) => m.fileName));
    expect(names.has('kmdfhelloworld.inf')).toBe(true);
    expect(names.has(`f${String(FILES - 1).padStart(5, '0')}.bin`)).toBe(true);
    expect(names.size).toBe(FILES + 2);
  }, 900_000);

  it('inf2cat shows its hashing bar on a terminal for a package of many files', async () => {
    if (!HAS_SCRIPT) return void console.log('[reliability] no `script`: TTY check skipped');
    const r = await runOnTty(['inf2cat', '/driver:many', '/os:10_X64'], { cwd: base, env: { WDKSIM_PROGRESS_DELAY_MS: '0' } });
    expect(r.exitCode, r.output).toBe(0);
    expect(r.output).toMatch(/hashing .*\d+%/);
  }, 900_000);
});

describe(`a ${SPARSE / MiB} MiB sparse file to hash`, () => {
  let big = '';
  let sparseOk = true;
  beforeAll(() => {
    big = writeDataFilePackage(join(base, 'data'));
    writeFileSync(big, '');
    try {
      truncateSync(big, SPARSE);
    } catch (error) {
      sparseOk = false;
      console.log(`[reliability] cannot make a ${SPARSE}-byte sparse file here (${(error as Error).message}); skipped`);
    }
  });

  it('inf2cat hashes it within a size-independent memory bound, showing progress on a terminal', async () => {
    if (!sparseOk) return;
    expect(statSync(big).size).toBe(SPARSE);
    // The stress run uses inf2cat's own 1 s delay before the bar; the short run forces it at once.
    const env: Record<string, string> = STRESS ? {} : { WDKSIM_PROGRESS_DELAY_MS: '0' };
    const r = HAS_SCRIPT
      ? await runOnTty(['inf2cat', '/driver:data', '/os:10_X64'], { cwd: base, env, timeoutMs: 1_500_000 })
      : { ...(await runMeasured(['inf2cat', '/driver:data', '/os:10_X64'], { cwd: base, env, timeoutMs: 1_500_000 })), output: '' };
    expect(r.exitCode, r.output.slice(-500)).toBe(0);
    if (HAS_SCRIPT) expect(r.output).toMatch(/hashing .*\d+%/);
    rows[`inf2cat ${SPARSE / MiB}MiB sparse ms`] = String(Math.round(r.ms));
    checkRss(`inf2cat ${SPARSE / MiB}MiB sparse`, r.peakRssMb, 200);
    // Oracle: SHA-256 of that many zero bytes, computed here.
    const h = createHash('sha256');
    const zeros = Buffer.alloc(8 * MiB);
    for (let left = SPARSE; left > 0; left -= zeros.length) h.update(left >= zeros.length ? zeros : zeros.subarray(0, left));
    const info = readCatalog(readFileSync(join(base, 'data', 'kmdfhelloworld.cat')));
    const member = info.members.find((m) => m.fileName === 'big.bin');
    expect(member?.digest?.toString('hex')).toBe(h.digest('hex'));
  }, 1_800_000);
});

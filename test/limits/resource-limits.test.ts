// Small inputs that used to exhaust memory, the stack or time (issue 23), run
// against the built CLI with peak RSS measured. `npm test` runs them scaled
// down; `npm run stress` at the sizes of the reports:
//   strings bomb 12 MB (was: Node aborted, exit 134), 2.4 MB of long tokens (was: 2.1 GiB),
//   130,000 sections (was: stack overflow in infverif), deep registry keys (was: a 313 MB state),
//   installs of 2,000 and 8,000 files (was: quadratic, 116 s at 10,000 files).
// Bounds: every run under 400 MiB peak RSS; the install's CPU time grows at most 8x for 4x the files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from '../helpers/cli.js';
import { STRESS, figures } from '../stress/budget.js';
import { crashSigns, runMeasured } from '../stress/child.js';
import { tempBase } from '../faults/world.js';
import { makePackage } from '../machine/helpers.js';
import { writeManyFilePackage } from '../large/generate.js';

const MiB = 2 ** 20;
const RSS_BOUND = 400;
let base = '';
const rows: Record<string, string> = {};
beforeAll(() => {
  base = tempBase('wdksim-limits-');
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
  figures('resource limits', rows);
});

const HEAD = '[Version]\r\nSignature="$WINDOWS NT$"\r\nClass=Sample\r\nClassGuid={78A1C341-4539-11d3-B88D-00C04FAD5171}\r\nProvider=%Mfg%\r\n';

function writeInf(name: string, body: (push: (line: string) => void) => void): string {
  const lines: string[] = [HEAD];
  body((l) => lines.push(l));
  writeFileSync(join(base, name), lines.join(''), 'latin1');
  return name;
}

/** `[Strings]` of one 4,000-character value and `bytes` of lines naming it many times. */
function stringsBomb(name: string, bytes: number, tokensPerField: number): string {
  return writeInf(name, (push) => {
    push(`[Strings]\r\nMfg="m"\r\na="${'A'.repeat(4000)}"\r\n[Sec]\r\n`);
    const line = `k=${Array.from({ length: 1000 }, () => '%a%'.repeat(tokensPerField)).join(',')}\r\n`;
    for (let n = 0; n < bytes; n += line.length) push(line);
  });
}

function check(label: string, r: { exitCode: number; stderr: string; peakRssMb?: number; ms: number }): void {
  rows[label] = `exit=${r.exitCode},${Math.round(r.ms)}ms,${r.peakRssMb === undefined ? '?' : Math.round(r.peakRssMb)}MiB`;
  expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
  expect(r.stderr).not.toMatch(/internal error|this is a bug/);
  if (r.peakRssMb !== undefined) expect(r.peakRssMb, `${label}: peak RSS`).toBeLessThan(RSS_BOUND);
}

describe('strings bombs', () => {
  const size = (STRESS ? 12 : 1) * MiB;
  it.each([['inf', 'parse'], ['infverif']])(
    '%s: a field of 1,000 %%a%% tokens each 4,000 characters is refused with the limit and its setting',
    async (...tool) => {
      const inf = stringsBomb('bomb.inf', size, 1);
      const r = await runMeasured([...tool, inf], { cwd: base, timeoutMs: 300_000 });
      check(`${tool.join(' ')} bomb ${size / MiB}MB`, r);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/bomb\.inf: .*over the limit of 67,108,864 \(set WDKSIM_MAX_INF_EXPANSION to raise it/);
    },
    300_000,
  );

  it('long lines of tokens (each field cut at 4,096 characters) parse within bounded memory', async () => {
    const inf = stringsBomb('long.inf', (STRESS ? 2.4 : 0.5) * MiB, 1300);
    const r = await runMeasured(['inf', 'parse', inf], { cwd: base, timeoutMs: 300_000, stdoutFile: join(base, 'long.txt') });
    check('inf parse long tokens', r);
    expect(r.exitCode).toBe(0);
  }, 300_000);

  it('the limit can be raised: the same bomb at a higher limit is parsed', async () => {
    const inf = stringsBomb('small-bomb.inf', 64 * 1024, 1);
    const refused = await runMeasured(['inf', 'parse', inf], { cwd: base, env: { WDKSIM_MAX_INF_EXPANSION: '1000000' } });
    expect(refused.exitCode, refused.stderr).toBe(2);
    const raised = await runMeasured(['inf', 'parse', inf], { cwd: base, env: { WDKSIM_MAX_INF_EXPANSION: '200000000' }, stdoutFile: join(base, 'raised.txt') });
    expect(raised.exitCode, raised.stderr).toBe(0);
  }, 120_000);

  it('devcon install of a strings bomb fails cleanly and leaves the target usable', async () => {
    stringsBomb('dev/bomb.inf'.replace('dev/', ''), 2 * MiB, 1);
    const env = { WDKSIM_TARGET: join(base, 'target') };
    expect((await runMeasured(['target', 'init'], { cwd: base, env })).exitCode).toBe(0);
    const r = await runMeasured(['devcon', 'install', 'bomb.inf', 'Root\\Bomb'], { cwd: base, env, timeoutMs: 300_000 });
    check('devcon install bomb', r);
    expect(r.exitCode).toBe(2);
    const verify = await runMeasured(['target', 'verify'], { cwd: base, env });
    expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
  }, 300_000);
});

describe('many sections', () => {
  const count = STRESS ? 130_000 : 30_000;
  it(`infverif on ${count} sections gives its verdict (no stack overflow)`, async () => {
    const inf = writeInf('sections.inf', (push) => {
      for (let i = 0; i < count; i++) push(`[S${i}]\r\n`);
    });
    const r = await runMeasured(['infverif', inf], { cwd: base, timeoutMs: 600_000, stdoutFile: join(base, 'sections.txt') });
    check(`infverif ${count} sections`, r);
    expect(r.exitCode).toBe(1);
    expect(readFileSync(join(base, 'sections.txt'), 'utf8')).toMatch(new RegExp(`Section \\[S${count - 1}\\] not referenced`, 'i'));
  }, 600_000);

  it('over WDKSIM_MAX_INF_SECTIONS the INF is refused naming the line and the setting', async () => {
    const r = await runMeasured(['infverif', 'sections.inf'], { cwd: base, env: { WDKSIM_MAX_INF_SECTIONS: '1000' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/sections\.inf, line 1005: too many sections: over the limit of 1,000 \(set WDKSIM_MAX_INF_SECTIONS/);
  });
});

const pkgInf = (addReg: string[], files: string[]): string => `[Version]
Signature="$WINDOWS NT$"
Class=Sample
ClassGuid={78A1C341-4539-11d3-B88D-00C04FAD5171}
Provider=%Mfg%
CatalogFile=deep.cat
DriverVer=11/20/2026,1.0.0.0

[DestinationDirs]
DefaultDestDir = 13

[SourceDisksNames]
1 = %Disk%,,,""

[SourceDisksFiles]
deep.sys = 1
${files.map((f) => `${f} = 1`).join('\n')}

[Manufacturer]
%Mfg%=Std,NTamd64

[Std.NTamd64]
%Desc%=Deep_Device, Root\\Deep

[Deep_Device.NT]
CopyFiles=Deep_Files
AddReg=Deep_AddReg

[Deep_Files]
deep.sys
${files.join('\n')}

[Deep_AddReg]
${addReg.join('\n')}

[Deep_Device.NT.Services]
AddService = Deep,0x2,Deep_Service

[Deep_Service]
ServiceType = 1
StartType = 3
ErrorControl = 1
ServiceBinary = %13%\\deep.sys

[Strings]
Mfg="wdksim tests"
Disk="Disk"
Desc="Deep Device"
`;

async function installPackage(name: string, addReg: string[], files: string[] = []): Promise<{ r: Awaited<ReturnType<typeof runMeasured>>; env: Record<string, string> }> {
  const dir = join(base, name);
  await makePackage(join(dir, 'pkg'), 'deep.inf', pkgInf(addReg, files), { 'deep.sys': 'MZ deep', ...Object.fromEntries(files.map((f, i) => [f, `file ${i}\n`])) });
  const env = { WDKSIM_TARGET: join(dir, 'target') };
  for (const step of [
    ['target', 'init'],
    ['deploy', 'pkg'],
  ]) {
    const s = await runMeasured(step, { cwd: dir, env, timeoutMs: 600_000 });
    expect(s.exitCode, s.stderr).toBe(0);
  }
  const r = await runMeasured(['devcon', 'install', 'pkg/deep.inf', 'Root\\Deep'], { cwd: dir, env, timeoutMs: 900_000 });
  return { r, env: { ...env, cwd: dir } };
}

describe('deep registry keys', () => {
  // Each line names a key 400 levels deep under its own first component: 400 new keys, each storing its full path.
  const lines = STRESS ? 250 : 60;
  const deepLine = (i: number, levels: number): string => `HKR,"k${i}${'\\k'.repeat(levels - 1)}",v,0x00010001,1`;

  it('a key deeper than Windows allows (512 levels) is refused, and the target stays usable', async () => {
    const { r, env } = await installPackage('too-deep', [deepLine(0, 600)]);
    check('devcon install 600 levels', r);
    expect(r.exitCode).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/levels deep; Windows allows at most 512/);
    const verify = await runMeasured(['target', 'verify'], { cwd: env.cwd!, env });
    expect(verify.exitCode, verify.stdout).toBe(0);
  }, 300_000);

  it(`${lines} lines of 400-level keys: refused over WDKSIM_MAX_REGISTRY_KEYS, the state file stays small`, async () => {
    const { r, env } = await installPackage(
      'deep',
      Array.from({ length: lines }, (_, i) => deepLine(i, 400)),
    );
    check(`devcon install ${lines}x400 levels`, r);
    expect(r.exitCode).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/too many registry keys: over the limit of 20,000 \(set WDKSIM_MAX_REGISTRY_KEYS/);
    const stateBytes = statSync(join(env.WDKSIM_TARGET!, 'wdksim-state.json')).size;
    rows['deep registry state bytes'] = String(stateBytes);
    expect(stateBytes).toBeLessThan(5 * MiB);
  }, 900_000);
});

/** CPU seconds (user + system) of one CLI run, from GNU time. */
async function cpuSeconds(args: string[], cwd: string, env: Record<string, string>): Promise<number> {
  const r = await execa('/usr/bin/time', ['-f', 'CPU=%U+%S', process.execPath, BIN, ...args], { cwd, env: { TZ: 'UTC', NO_COLOR: '1', ...env }, reject: false });
  expect(r.exitCode, String(r.stderr)).toBe(0);
  const m = /CPU=([\d.]+)\+([\d.]+)/.exec(String(r.stderr))!;
  return Number(m[1]) + Number(m[2]);
}

describe('installs are linear in the number of files', () => {
  const small = STRESS ? 2_000 : 300;
  it(`${small} and ${4 * small} files: 4x the files cost at most 8x the CPU time (quadratic: 16x)`, async () => {
    if (process.platform !== 'linux') return;
    const measure = async (n: number): Promise<number> => {
      const files = Array.from({ length: n }, (_, i) => `f${String(i).padStart(5, '0')}.bin`);
      const dir = join(base, `files-${n}`);
      await makePackage(join(dir, 'pkg'), 'deep.inf', pkgInf([], files), { 'deep.sys': 'MZ deep', ...Object.fromEntries(files.map((f, i) => [f, `file ${i}\n`])) });
      const env = { WDKSIM_TARGET: join(dir, 'target') };
      await cpuSeconds(['target', 'init'], dir, env);
      await cpuSeconds(['deploy', 'pkg'], dir, env);
      return cpuSeconds(['devcon', 'install', 'pkg/deep.inf', 'Root\\Deep'], dir, env);
    };
    const a = await measure(small);
    const b = await measure(4 * small);
    rows[`install ${small} files cpu s`] = a.toFixed(2);
    rows[`install ${4 * small} files cpu s`] = b.toFixed(2);
    expect(b / a).toBeLessThan(8);
  }, 1_800_000);
});

describe('inf2cat over many files', () => {
  // The small version of the 40,000-file stack overflow is test/catalog/der-many.test.ts.
  it.runIf(STRESS)(
    '40,000 files: a catalog, no stack overflow',
    async () => {
      writeManyFilePackage(join(base, 'many'), 40_000);
      const r = await runMeasured(['inf2cat', '/driver:many', '/os:10_X64'], { cwd: base, timeoutMs: 1_800_000 });
      check('inf2cat 40000 files', r);
      expect(r.exitCode, r.stdout).toBe(0);
    },
    1_800_000,
  );
});

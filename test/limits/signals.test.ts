// SIGINT / SIGTERM stop the real CLI promptly with 130 / 143 (they were ignored
// while the target lock was held: an install ran to its end), and the target
// stays as its journal guarantees: verify passes and the same install then works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from '../helpers/cli.js';
import { tempBase } from '../faults/world.js';
import { makePackage } from '../machine/helpers.js';

const ENV = { TZ: 'UTC', NO_COLOR: '1', WDKSIM_NOW: '2026-11-25T12:00:00Z' };
const FILES = 1200;
let base = '';
beforeAll(() => {
  base = tempBase('wdksim-signals-');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const inf = (files: string[]): string => `[Version]
Signature="$WINDOWS NT$"
Class=Sample
ClassGuid={78A1C341-4539-11d3-B88D-00C04FAD5171}
Provider=%Mfg%
CatalogFile=many.cat
DriverVer=11/20/2026,1.0.0.0

[DestinationDirs]
DefaultDestDir = 12

[SourceDisksNames]
1 = %Mfg%,,,""

[SourceDisksFiles]
${files.map((f) => `${f} = 1`).join('\n')}

[Manufacturer]
%Mfg%=Std,NTamd64

[Std.NTamd64]
%Mfg%=Many_Device, Root\\Many

[Many_Device.NT]
CopyFiles=Many_Files

[Many_Files]
${files.join('\n')}

[Many_Device.NT.Services]
AddService = Many,0x2,Many_Service

[Many_Service]
ServiceType = 1
StartType = 3
ErrorControl = 1
ServiceBinary = %12%\\${files[0]}

[Strings]
Mfg="wdksim tests"
`;

// forceKillAfterDelay off: execa would SIGKILL a child that has not exited 5 s after
// kill(), and on a loaded CI machine that hid the exit code this test is about.
const cli = (args: string[], env: Record<string, string>) =>
  execa(process.execPath, [BIN, ...args], { cwd: base, env: { ...ENV, ...env }, reject: false, forceKillAfterDelay: false });

describe.each([
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const)('%s', (signal, code) => {
  it(`stops a ${FILES}-file devcon install with exit ${code}; verify passes and the install then succeeds`, async () => {
    const files = Array.from({ length: FILES }, (_, i) => `f${String(i).padStart(5, '0')}.sys`);
    const dir = join(base, signal);
    await makePackage(join(dir, 'pkg'), 'many.inf', inf(files), Object.fromEntries(files.map((f, i) => [f, `MZ ${i}\n`])));
    const env = { WDKSIM_TARGET: join(dir, 'target') };
    expect((await cli(['target', 'init'], env)).exitCode).toBe(0);
    expect((await cli(['deploy', join(dir, 'pkg')], env)).exitCode).toBe(0);
    const child = cli(['devcon', 'install', join(dir, 'pkg', 'many.inf'), 'Root\\Many'], env);
    // Signal once the install holds the target's lock (its transaction has begun; the journal
    // folder is no sign, deploy leaves it behind), then time the stop. Signalling earlier raced
    // Node's start-up: before wdksim's handler is installed, a signal kills with no exit code.
    const owner = join(dir, 'target', '.wdksim', 'lock', 'owner.json');
    for (let i = 0; i < 1200 && !existsSync(owner); i++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(owner)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    const sent = performance.now();
    child.kill(signal);
    const r = await child;
    const took = performance.now() - sent;
    expect(r.exitCode, String(r.stderr)).toBe(code);
    expect(String(r.stderr)).toContain(`stopped by ${signal}`);
    // Promptly: the handler runs at the next yield (every 50 ms of work); the bound
    // leaves room for a machine running the whole suite on two cores.
    expect(took).toBeLessThan(15_000);
    const verify = await cli(['target', 'verify'], env);
    expect(verify.exitCode, String(verify.stdout)).toBe(0);
    const again = await cli(['devcon', 'install', join(dir, 'pkg', 'many.inf'), 'Root\\Many'], env);
    expect(again.exitCode, String(again.stderr)).toBe(0);
    expect((await cli(['target', 'verify'], env)).exitCode).toBe(0);
  }, 300_000);
});

// Targets and signed packages for crash tests: a golden folder is built once
// (target init, packages hello0..helloN, the test certificate trusted by
// deploying pkg0, optional extra steps) and copied for every scenario, so each
// scenario starts from the same machine without paying for its setup again.
import { cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli.js';
import { memoryContext } from '../../src/io.js';
import { makePackage } from '../machine/helpers.js';
import { stateOnDisk } from '../helpers/state-on-disk.js';

export const NOW = '2026-11-25T12:00:00Z';

export const helloInf = (n: number): string => `[Version]
Signature="$WINDOWS NT$"
Class=Sample
ClassGuid={78A1C341-4539-11d3-B88D-00C04FAD5171}
Provider=%Mfg%
CatalogFile=hello${n}.cat
DriverVer=11/20/2026,1.0.0.${n}

[DestinationDirs]
DefaultDestDir = 12

[SourceDisksNames]
1 = %Disk%,,,""

[SourceDisksFiles]
hello${n}.sys = 1

[Manufacturer]
%Mfg%=Std,NTamd64

[Std.NTamd64]
%Desc%=Hello_Device, Root\\Hello${n}

[Hello_Device.NT]
CopyFiles=Hello_Files
AddReg=Hello_AddReg

[Hello_Files]
hello${n}.sys

[Hello_AddReg]
HKR,,Hello,0x00010001,${n}

[Hello_Device.NT.Services]
AddService = Hello${n},0x2,Hello_Service

[Hello_Service]
ServiceType = 1
StartType = 3
ErrorControl = 1
ServiceBinary = %12%\\hello${n}.sys

[Strings]
Mfg="wdksim tests"
Disk="Disk"
Desc="Hello Device ${n}"
`;

export interface MachineState {
  packages: { publishedName: string; originalName: string; inbox?: boolean }[];
  devices: { instanceId: string; hardwareIds: string[]; problem: number; disabled: boolean; present: boolean }[];
}

export function envFor(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return { TZ: 'UTC', NO_COLOR: '1', WDKSIM_NOW: NOW, WDKSIM_TARGET: join(dir, 'target'), WDKSIM_LOCK_STALE_MS: '2000', ...extra };
}

export async function inProcess(dir: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const ctx = memoryContext({ cwd: dir, env: envFor(dir) });
  const code = await runCli(argv, ctx.io);
  return { code, stdout: ctx.out.join(''), stderr: ctx.err.join('') };
}

export function tempBase(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/** Builds a golden folder: target + packages pkg0..pkg{count-1}, certificate trusted, then the extra steps. */
export async function golden(count: number, steps: string[][] = []): Promise<string> {
  const dir = tempBase('wdksim-golden-');
  const must = async (argv: string[]) => {
    const r = await inProcess(dir, argv);
    if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
  };
  await must(['target', 'init', 'target']);
  for (let n = 0; n < count; n++) await makePackage(join(dir, `pkg${n}`), `hello${n}.inf`, helloInf(n), { [`hello${n}.sys`]: `MZ driver ${n}` });
  await must(['deploy', 'pkg0']);
  for (const step of steps) await must(step);
  return dir;
}

export function copyOf(golden: string, prefix = 'wdksim-fault-'): string {
  const dir = tempBase(prefix);
  cpSync(golden, dir, { recursive: true });
  return dir;
}

/** The state as the files on disk hold it (head and per-record files), read without taking the lock. */
export function readState(dir: string): MachineState {
  return stateOnDisk(join(dir, 'target')) as unknown as MachineState;
}

export const oemOf = (s: MachineState, inf: string): string | undefined => s.packages.find((p) => !p.inbox && p.originalName.toLowerCase() === inf.toLowerCase())?.publishedName;
export const devicesOf = (s: MachineState, hwid: string) => s.devices.filter((d) => d.hardwareIds.some((h) => h.toLowerCase() === hwid.toLowerCase()));

export function remove(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

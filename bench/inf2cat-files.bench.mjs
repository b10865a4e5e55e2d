// `wdksim inf2cat` on a package of many small files, whole-process timing (one
// process per command, as a CI step runs it) against `sha256sum` over the same
// files in the same run: 1,000 / 10,000 / 20,000 files. Targets (issue 18):
// at most 4x sha256sum at 10,000 files; 20,000 files at most 2.1x 10,000.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, ROOT } from './lib.mjs';
import { WORK } from './package-gen.mjs';

export const name = 'inf2cat-files';

/** A package folder: one INF naming `count` small files under files/, each 1-4 KiB. */
export function makeManyFilePackage(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'files'), { recursive: true });
  const names = [];
  for (let i = 0; i < count; i++) {
    const name = `f${String(i).padStart(5, '0')}.dat`;
    names.push(name);
    writeFileSync(join(dir, 'files', name), Buffer.alloc(1024 + (i % 4) * 1024, `${i} `));
  }
  const inf = [
    '[Version]',
    'Signature="$Windows NT$"',
    'Class=System',
    'ClassGuid={4d36e97d-e325-11ce-bfc1-08002be10318}',
    'Provider=%P%',
    'CatalogFile=many.cat',
    'DriverVer=01/02/2026,1.0.0.0',
    '',
    '[DestinationDirs]',
    'DefaultDestDir=13',
    '',
    '[SourceDisksNames]',
    '1=%D%,,,files',
    '',
    '[SourceDisksFiles]',
    ...names.map((n) => `${n}=1`),
    '',
    '[Manufacturer]',
    '%P%=Std,NTamd64',
    '',
    '[Std.NTamd64]',
    '%P%=Inst, ROOT\\MANYFILES',
    '',
    '[Inst.NT]',
    'CopyFiles=Files',
    '',
    '[Files]',
    ...names,
    '',
    '[Inst.NT.Services]',
    'AddService=many,0x00000002,Svc',
    '',
    '[Svc]',
    'ServiceType=1',
    'StartType=3',
    'ErrorControl=1',
    'ServiceBinary=%13%\\f00000.dat',
    '',
    '[Strings]',
    'P="Contoso"',
    'D="Disk"',
    '',
  ].join('\r\n');
  writeFileSync(join(dir, 'many.inf'), inf);
}

function timeProcess(cmd, args, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    execFileSync(cmd, args, { stdio: 'ignore' });
    samples.push((performance.now() - t0) / 1000);
  }
  return median(samples);
}

export async function run() {
  const bin = join(ROOT, 'bin', 'wdksim.js');
  const rows = [];
  try {
    for (const count of [1000, 10000, 20000]) {
      const dir = join(WORK, `inf2cat-${count}`);
      makeManyFilePackage(dir, count);
      const runs = count >= 10000 ? 3 : 5;
      // The peer reads and hashes the same files, also as one process.
      const peer = timeProcess('sh', ['-c', `sha256sum "${dir}"/files/* >/dev/null`], runs);
      const seconds = timeProcess(process.execPath, [bin, '--now', '2026-06-01T00:00:00Z', 'inf2cat', `/driver:${dir}`, '/os:10_X64'], runs);
      rows.push({
        benchmark: 'inf2cat on a package of small files (whole process)',
        size: `${count.toLocaleString('en-US')} files`,
        scale: count,
        scaleUnit: 'files',
        seconds,
        baseline: 'sha256sum over the same files',
        baselineSeconds: peer,
        ratio: seconds / peer,
        target: count === 10000 ? '<= 4x; 20,000 files <= 2.1x 10,000' : '',
      });
    }
  } finally {
    for (const count of [1000, 10000, 20000]) rmSync(join(WORK, `inf2cat-${count}`), { recursive: true, force: true });
  }
  return rows;
}

// Start-up cost, the price of every `npx wdksim ...` in a CI step: medians of
// 10 runs each against `node -e 0` in the same run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmtMb, measureCommand, median, ROOT } from './lib.mjs';

export const name = 'startup';

function timeProcess(args, cwd) {
  const samples = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    try {
      execFileSync(process.execPath, args, { cwd, stdio: 'ignore' });
    } catch {
      // a non-zero exit (e.g. warnings found) still measures start-up
    }
    samples.push((performance.now() - t0) / 1000);
  }
  return median(samples);
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'wdksim-bench-'));
  try {
    writeFileSync(
      join(dir, 'small.inf'),
      '[Version]\r\nSignature="$Windows NT$"\r\nClass=Sample\r\nClassGuid={78A1C341-4539-11d3-B88D-00C04FAD5171}\r\nProvider=%P%\r\nDriverVer=01/02/2026,1.0.0.0\r\nCatalogFile=small.cat\r\nPnpLockdown=1\r\n[Strings]\r\nP="Contoso"\r\n',
    );
    const bin = join(ROOT, 'bin', 'wdksim.js');
    const node = timeProcess(['-e', '0'], dir);
    const version = timeProcess([bin, '--version'], dir);
    const infverif = timeProcess([bin, 'infverif', 'small.inf'], dir);
    // Peak RSS from one more run of each under GNU time (empty where it is missing).
    const peak = (args) => fmtMb(measureCommand(process.execPath, args, { cwd: dir }).peakRss);
    const nodePeak = peak(['-e', '0']);
    return [
      {
        benchmark: 'start-up: wdksim --version',
        size: 'median of 10',
        seconds: version,
        baseline: 'node -e 0',
        baselineSeconds: node,
        ratio: version / node,
        target: '<= 1.5x',
        peakMemory: `${peak([bin, '--version'])} (node -e 0: ${nodePeak})`,
      },
      {
        benchmark: 'start-up: wdksim infverif small.inf',
        size: 'median of 10',
        seconds: infverif,
        baseline: 'node -e 0',
        baselineSeconds: node,
        ratio: infverif / node,
        target: '<= 2.5x',
        peakMemory: `${peak([bin, 'infverif', 'small.inf'])} (node -e 0: ${nodePeak})`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

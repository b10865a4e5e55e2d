// A target with (optionally) the KmdfHelloWorld package deployed, and runners for
// `wdksim pnputil` and `wdksim devcon` against it from its DriverTest\Drivers folder.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { wdksim } from '../helpers/cli.js';
import { makePackage, newTarget, rm } from '../machine/helpers.js';
import { deployPackage } from '../../src/machine/index.js';

export const FIXTURE = join(import.meta.dirname, '../../fixtures/packages/KmdfHelloWorld');
export const BANNER = 'Microsoft PnP Utility\n\n';

/** `editInf` changes the package's INF text (LF line ends) before it is deployed. */
export async function pnputilMachine(withPackage = true, editInf: (inf: string) => string = (inf) => inf) {
  const t = await newTarget({ testsigning: true });
  if (withPackage) {
    const inf = editInf((await readFile(join(FIXTURE, 'KmdfHelloWorld.inf'), 'utf8')).replace(/\r\n/g, '\n'));
    await makePackage(join(t.base, 'pkg'), 'KmdfHelloWorld.inf', inf, { 'KmdfHelloWorld.sys': await readFile(join(FIXTURE, 'KmdfHelloWorld.sys')) });
    await t.target.transaction('deploy', (tx) => deployPackage(tx, 'pkg'));
  }
  const cwd = join(t.root, 'DriverTest', 'Drivers');
  const env = { WDKSIM_TARGET: t.root };
  const run = (...args: string[]) => wdksim(['pnputil', ...args], { cwd, env });
  const devcon = (...args: string[]) => wdksim(['devcon', ...args], { cwd, env });
  return { ...t, cwd, run, devcon, cleanup: () => rm(t.base, { recursive: true, force: true }) };
}

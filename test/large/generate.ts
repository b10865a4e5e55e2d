// Generators for large inputs, written in chunks so the test itself stays small in memory.
import { closeSync, copyFileSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';

export const HELLO = join(REPO_ROOT, 'fixtures', 'packages', 'KmdfHelloWorld');
const helloInf = (): string => readFileSync(join(HELLO, 'KmdfHelloWorld.inf'), 'latin1');

/** KmdfHelloWorld.inf grown to at least `bytes` with AddReg lines of a referenced section. */
export function writeBigInf(path: string, bytes: number): number {
  const head = helloInf()
    .replace('[KmdfHelloWorld_Device.NT]\r\n', '[KmdfHelloWorld_Device.NT]\r\nAddReg=Big_AddReg\r\n')
    .replace('[KmdfHelloWorld_Device.NT]\n', '[KmdfHelloWorld_Device.NT]\nAddReg=Big_AddReg\n');
  const fd = openSync(path, 'w');
  let written = writeSync(fd, `${head}\r\n[Big_AddReg]\r\n`, null, 'latin1');
  let i = 0;
  while (written < bytes) {
    const lines: string[] = [];
    for (let k = 0; k < 10_000; k++, i++) lines.push(`HKR,Parameters\\Big,Value${i},0x00010001,${i} ; filler line ${i}\r\n`);
    written += writeSync(fd, lines.join(''), null, 'latin1');
  }
  closeSync(fd);
  return written;
}

/** A package whose INF copies `count` small files (f00000.bin ...), plus the driver. */
export function writeManyFilePackage(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(HELLO, 'KmdfHelloWorld.sys'), join(dir, 'KmdfHelloWorld.sys'));
  const names = Array.from({ length: count }, (_, i) => `f${String(i).padStart(5, '0')}.bin`);
  for (const [i, n] of names.entries()) {
    const fd = openSync(join(dir, n), 'w');
    writeSync(fd, `file ${i}\n`.repeat(1 + (i % 7)));
    closeSync(fd);
  }
  const inf = helloInf()
    .replace(/KmdfHelloWorld\.sys  = 1,,\r?\n/, (m) => `${m}${names.map((n) => `${n} = 1`).join('\r\n')}\r\n`)
    .replace(/\[Drivers_Dir\]\r?\nKmdfHelloWorld\.sys\r?\n/, (m) => `${m}${names.join('\r\n')}\r\n`);
  const fd = openSync(join(dir, 'KmdfHelloWorld.inf'), 'w');
  writeSync(fd, inf, null, 'latin1');
  closeSync(fd);
}

/** KmdfHelloWorld with one extra data file `big.bin` the INF copies; the caller sizes it. */
export function writeDataFilePackage(dir: string): string {
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(HELLO, 'KmdfHelloWorld.sys'), join(dir, 'KmdfHelloWorld.sys'));
  const inf = helloInf()
    .replace(/KmdfHelloWorld\.sys  = 1,,\r?\n/, (m) => `${m}big.bin = 1\r\n`)
    .replace(/\[Drivers_Dir\]\r?\nKmdfHelloWorld\.sys\r?\n/, (m) => `${m}big.bin\r\n`);
  const fd = openSync(join(dir, 'KmdfHelloWorld.inf'), 'w');
  writeSync(fd, inf, null, 'latin1');
  closeSync(fd);
  return join(dir, 'big.bin');
}

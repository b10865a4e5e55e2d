// Folder walks meet what real folders hold: symbolic-link loops, dangling
// links, FIFOs named *.inf. Every tool that searches a folder must finish
// (within a time bound, through the built binary), with a documented exit code.
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';
import { crashSigns, runMeasured } from '../stress/child.js';
import { World } from './world.js';

let world: World | undefined;
afterEach(() => world?.dispose());

const TOOLS: { argv: string[]; codes: number[] }[] = [
  { argv: ['infverif', 'pkg'], codes: [0, 1] },
  { argv: ['inf2cat', '/driver:pkg', '/os:10_X64'], codes: [0] },
  { argv: ['catalog', 'verify', 'pkg/kmdfhelloworld.cat', '--package', 'pkg'], codes: [0, 1] },
  { argv: ['doctor', 'pkg'], codes: [0, 1] },
  { argv: ['deploy', 'pkg'], codes: [0] },
  // The fixture's catalog is not signed: 47 = low byte of 0xE000022F (no digital signature information).
  { argv: ['pnputil', '/add-driver', 'pkg\\*.inf', '/subdirs'], codes: [47] },
];

describe('a package folder with link loops, a dangling link and a FIFO', () => {
  it('every folder-searching tool finishes with a documented exit code', async () => {
    const w = (world = new World());
    await w.init();
    cpSync(join(REPO_ROOT, 'fixtures', 'packages', 'KmdfHelloWorld'), join(w.base, 'pkg'), { recursive: true });
    mkdirSync(join(w.base, 'pkg', 'sub'));
    symlinkSync('..', join(w.base, 'pkg', 'sub', 'up'));
    symlinkSync('../pkg', join(w.base, 'pkg', 'loop'));
    symlinkSync('/nonexistent/wdksim', join(w.base, 'pkg', 'dangling.sys'));
    const fifo = process.platform !== 'win32';
    if (fifo) execFileSync('mkfifo', [join(w.base, 'pkg', 'fifo.inf')]);
    for (const tool of TOOLS) {
      const r = await runMeasured(tool.argv, { cwd: w.base, env: w.env, timeoutMs: 15_000 });
      const label = `${tool.argv.join(' ')} exited ${r.exitCode}${r.timedOut ? ' (timed out)' : ''}: ${r.stdout.slice(-300)}${r.stderr}`;
      expect(r.timedOut, label).toBe(false);
      expect(crashSigns(r.stderr), label).toBeUndefined();
      expect(tool.codes, label).toContain(r.exitCode);
    }
  }, 120_000);
});

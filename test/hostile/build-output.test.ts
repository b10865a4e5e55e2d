// A hostile build output folder (issue 23): someone else can write the
// project's x64\Debug (a CI cache restored from another job, a shared checkout).
// Symbolic links, hard links and FIFOs are planted where `wdksim build` writes
// (the package folder, its files, the catalog's name, the stamped INF in
// $(IntDir), the binary signed in place in $(OutDir)). For each: the build ends
// in time with exit 1 and an error naming the planted entry, nothing outside the
// project's output folders changes (the outside file keeps its bytes), and once
// the planted entry is removed the same build succeeds. Runs the built CLI, so
// a FIFO that hung the build would time the test out instead of the runner.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, linkSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeMinimalPe } from '../../src/catalog/index.js';
import { REPO_ROOT, wdksimProcess } from '../helpers/cli.js';
import { treeSnapshot } from '../machine/helpers.js';
import { crashSigns } from '../stress/child.js';
import { World } from './world.js';

// mkfifo, and symbolic links without Developer Mode, are POSIX's: Windows runs the rest of the suite.
const POSIX_ONLY = process.platform === 'win32';

const NOW = '2026-11-24T12:30:00Z';
const BUILD = ['--now', NOW, 'build', 'KmdfHelloWorld', '--placeholder-binaries'];
const OUT = 'KmdfHelloWorld/x64/Debug'; // $(OutDir) and $(IntDir)
const PKG = `${OUT}/KmdfHelloWorld`; // the package folder

let world: World | undefined;
afterEach(() => world?.dispose());

interface Case {
  name: string;
  /** Build once before planting (the plant then replaces a file a build made). */
  builtBefore?: boolean;
  plant: (p: (rel: string) => string, outside: string) => void;
  message: RegExp;
  /** Undo the plant so the next build can succeed. */
  cleanup: (p: (rel: string) => string) => void;
}

const fifo = (path: string) => execFileSync('mkfifo', [path]);
const dir = (path: string) => mkdirSync(path, { recursive: true });

const CASES: Case[] = [
  {
    name: "a symbolic link at the package folder's driver file (pkg/driver.sys -> outside) is refused",
    plant: (p, o) => {
      dir(p(PKG));
      symlinkSync(join(o, 'victim.txt'), p(`${PKG}/KmdfHelloWorld.sys`));
    },
    message: /KmdfHelloWorld\/x64\/Debug\/KmdfHelloWorld\/KmdfHelloWorld\.sys is a symbolic link; refused: wdksim never writes through a link/,
    cleanup: (p) => rmSync(p(`${PKG}/KmdfHelloWorld.sys`)),
  },
  {
    name: "a symbolic link at the package folder's driver file after a good build is refused",
    builtBefore: true,
    plant: (p, o) => {
      rmSync(p(`${PKG}/KmdfHelloWorld.sys`));
      symlinkSync(join(o, 'victim.txt'), p(`${PKG}/KmdfHelloWorld.sys`));
    },
    message: /KmdfHelloWorld\.sys is a symbolic link; refused/,
    cleanup: (p) => rmSync(p(`${PKG}/KmdfHelloWorld.sys`)),
  },
  {
    name: 'the package folder itself a symbolic link to an outside folder is refused',
    plant: (p, o) => {
      dir(p(OUT));
      symlinkSync(o, p(PKG));
    },
    message: /KmdfHelloWorld\/x64\/Debug\/KmdfHelloWorld is a symbolic link, not a folder; refused/,
    cleanup: (p) => rmSync(p(PKG)),
  },
  {
    name: 'x64\\Debug a symbolic link to an outside folder is refused (the output root is the project folder)',
    plant: (p, o) => {
      dir(p('KmdfHelloWorld/x64'));
      symlinkSync(o, p(OUT));
    },
    message: /KmdfHelloWorld\/x64\/Debug is a symbolic link, not a folder; refused/,
    cleanup: (p) => rmSync(p(OUT)),
  },
  {
    name: 'the catalog name pre-created as a hard link to an outside file is refused; the outside file keeps its bytes',
    plant: (p, o) => {
      dir(p(PKG));
      linkSync(join(o, 'victim.txt'), p(`${PKG}/kmdfhelloworld.cat`));
    },
    message: /kmdfhelloworld\.cat is a file with 2 hard links \(another name, perhaps outside, shares its bytes\); refused/,
    cleanup: (p) => rmSync(p(`${PKG}/kmdfhelloworld.cat`)),
  },
  {
    name: "a hard link at the package folder's INF to an outside file is refused",
    plant: (p, o) => {
      dir(p(PKG));
      linkSync(join(o, 'victim.txt'), p(`${PKG}/KmdfHelloWorld.inf`));
    },
    message: /KmdfHelloWorld\.inf is a file with 2 hard links/,
    cleanup: (p) => rmSync(p(`${PKG}/KmdfHelloWorld.inf`)),
  },
  {
    name: 'a symbolic link at the stamped INF in $(IntDir) is refused',
    plant: (p, o) => {
      dir(p(OUT));
      symlinkSync(join(o, 'victim.txt'), p(`${OUT}/KmdfHelloWorld.inf`));
    },
    message: /x64\/Debug\/KmdfHelloWorld\.inf is a symbolic link; refused/,
    cleanup: (p) => rmSync(p(`${OUT}/KmdfHelloWorld.inf`)),
  },
  {
    name: 'a symbolic link at the binary in $(OutDir) leading outside (to a secret) is refused; nothing is packaged from outside',
    plant: (p, o) => {
      dir(p(OUT));
      writeFileSync(join(o, 'id_rsa'), 'PRIVATE KEY');
      symlinkSync(join(o, 'id_rsa'), p(`${OUT}/KmdfHelloWorld.sys`));
    },
    message: /x64\/Debug\/KmdfHelloWorld\.sys is a symbolic link to .*outside\/id_rsa, outside the project and its output folders; refused/,
    cleanup: (p) => rmSync(p(`${OUT}/KmdfHelloWorld.sys`)),
  },
  {
    name: 'a symbolic link at the binary signed in place in $(OutDir) (to an outside PE) is refused, the PE unsigned',
    plant: (p, o) => {
      dir(p(OUT));
      writeFileSync(join(o, 'driver.sys'), makeMinimalPe({ subsystem: 'native' }));
      symlinkSync(join(o, 'driver.sys'), p(`${OUT}/KmdfHelloWorld.sys`));
    },
    message: /x64\/Debug\/KmdfHelloWorld\.sys is a symbolic link to .*outside\/driver\.sys, outside the project/,
    cleanup: (p) => rmSync(p(`${OUT}/KmdfHelloWorld.sys`)),
  },
  {
    name: 'a symbolic link at the binary in $(OutDir) to a PE inside the project is read, but signing through it is refused',
    plant: (p) => {
      dir(p(OUT));
      dir(p('KmdfHelloWorld/bin'));
      writeFileSync(p('KmdfHelloWorld/bin/driver.sys'), makeMinimalPe({ subsystem: 'native' }));
      symlinkSync(p('KmdfHelloWorld/bin/driver.sys'), p(`${OUT}/KmdfHelloWorld.sys`));
    },
    message: /x64\/Debug\/KmdfHelloWorld\.sys is a symbolic link; refused: wdksim never writes through a link/,
    cleanup: (p) => rmSync(p(`${OUT}/KmdfHelloWorld.sys`)),
  },
  {
    name: 'a symbolic link at the test certificate in $(OutDir) leading outside is refused, not copied into the package',
    builtBefore: true,
    plant: (p, o) => {
      rmSync(p(`${OUT}/KmdfHelloWorld.cer`));
      symlinkSync(join(o, 'victim.txt'), p(`${OUT}/KmdfHelloWorld.cer`));
    },
    message: /x64\/Debug\/KmdfHelloWorld\.cer is a symbolic link to .*outside\/victim\.txt, outside the project and its output folders; refused/,
    cleanup: (p) => rmSync(p(`${OUT}/KmdfHelloWorld.cer`)),
  },
  {
    name: 'a FIFO at the certificate copied into the package is refused, never opened',
    plant: (p) => {
      dir(p(PKG));
      fifo(p(`${PKG}/KmdfHelloWorld.cer`));
    },
    message: /KmdfHelloWorld\/KmdfHelloWorld\.cer is a FIFO, socket or device file; refused/,
    cleanup: (p) => rmSync(p(`${PKG}/KmdfHelloWorld.cer`)),
  },
  {
    name: 'a FIFO where the driver binary is read from $(OutDir) is refused, never opened',
    plant: (p) => {
      dir(p(OUT));
      fifo(p(`${OUT}/KmdfHelloWorld.sys`));
    },
    message: /KmdfHelloWorld\.sys is a FIFO, socket or device file, not a regular file; refused/,
    cleanup: (p) => rmSync(p(`${OUT}/KmdfHelloWorld.sys`)),
  },
];

describe.skipIf(POSIX_ONLY)('hostile build output folder: planted links, hard links and FIFOs are refused', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const w = (world = new World());
      cpSync(join(REPO_ROOT, 'fixtures', 'demo', 'KmdfHelloWorld'), join(w.base, 'KmdfHelloWorld'), { recursive: true });
      const p = (rel: string) => join(w.base, rel);
      const outside = join(w.base, 'outside');
      if (c.builtBefore) expect((await wdksimProcess(BUILD, { cwd: w.base })).exitCode).toBe(0);
      c.plant(p, outside);
      const before = await treeSnapshot(outside);
      const victims = new Map((await treeSnapshot(outside)).filter((e) => !e.endsWith('/')).map((e) => [e, readFileSync(join(outside, e.split(' ')[0]!))]));

      const r = await Promise.race([wdksimProcess(BUILD, { cwd: w.base }), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the build hung')), 60_000))]);
      const outcome = `exit ${r.exitCode}: ${r.stdout.slice(-400)}\n${r.stderr}`;
      expect(crashSigns(r.stderr + r.stdout), outcome).toBeUndefined();
      expect(r.exitCode, outcome).toBe(1);
      expect(r.stdout, outcome).toContain('Build FAILED.');
      expect(r.stdout + r.stderr, outcome).toMatch(c.message);
      // Nothing outside changed: the same names, sizes and bytes.
      expect(await treeSnapshot(outside)).toEqual(before);
      for (const [entry, bytes] of victims) expect(readFileSync(join(outside, entry.split(' ')[0]!)).equals(bytes), entry).toBe(true);
      expect(w.victim()).toBe('do not touch');
      // Nor did anything from outside land in the package.
      // (The planted entries themselves are skipped: a link at the package folder, a hard link, a FIFO.)
      const pkgIsFolder = lstatSync(p(PKG), { throwIfNoEntry: false })?.isDirectory() === true;
      const packaged = pkgIsFolder ? (await treeSnapshot(p(PKG))).filter((e) => !e.endsWith('/')) : [];
      for (const e of packaged) {
        const file = join(p(PKG), e.split(' ')[0]!);
        const info = lstatSync(file);
        if (!info.isFile() || info.nlink > 1) continue; // a planted FIFO is never opened
        const bytes = readFileSync(file, 'latin1');
        expect(bytes, e).not.toContain('PRIVATE KEY');
        expect(bytes, e).not.toContain('do not touch');
      }

      // Once the planted entry is gone, the same build succeeds and writes the package.
      c.cleanup(p);
      const again = await wdksimProcess(BUILD, { cwd: w.base });
      expect(again.exitCode, again.stdout + again.stderr).toBe(0);
      expect(readFileSync(p(`${PKG}/kmdfhelloworld.cat`)).length).toBeGreaterThan(0);
      expect(await treeSnapshot(outside)).toEqual(before);
      expect(w.victim()).toBe('do not touch');
    });
  }

  it('a SourceDisksNames path with .. stays refused, naming the INF line; nothing is written outside the package folder', async () => {
    const w = (world = new World());
    cpSync(join(REPO_ROOT, 'fixtures', 'demo', 'KmdfHelloWorld'), join(w.base, 'KmdfHelloWorld'), { recursive: true });
    const inx = join(w.base, 'KmdfHelloWorld', 'KmdfHelloWorld.inx');
    const good = readFileSync(inx, 'latin1');
    const evil = good.replace(/^(1 = %DiskName%)(.*)$/m, '$1,,,..\\..\\..\\..\\..\\outside');
    expect(evil).not.toBe(good);
    writeFileSync(inx, evil, 'latin1');
    const before = await treeSnapshot(join(w.base, 'outside'));
    const r = await wdksimProcess(BUILD, { cwd: w.base });
    expect(r.exitCode, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(
      /KmdfHelloWorld\.inx\(\d+\): \[SourceDisksNames\] 1 gives the path "\.\.\\\.\.\\\.\.\\\.\.\\\.\.\\outside": KmdfHelloWorld\.sys would be written outside the package folder/,
    );
    expect(await treeSnapshot(join(w.base, 'outside'))).toEqual(before);
    writeFileSync(inx, good, 'latin1');
    expect((await wdksimProcess(BUILD, { cwd: w.base })).exitCode).toBe(0);
  });
});

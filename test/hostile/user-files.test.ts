// Files the user names on the command line and folders wdksim fills for the
// user, written through the file-system layer (src/fs/host-write.ts; rules in
// docs/reliability.md): a symbolic link the user named is followed to the file
// it points at (as Windows' tools do), a hard-linked file is never written
// through (its other names keep their bytes), a FIFO is refused and never
// opened; in a folder wdksim fills (cert new --out, pnputil /export-driver) a
// link, hard link or FIFO planted at one of its names is refused and nothing
// outside changes.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeMinimalPe } from '../../src/catalog/index.js';
import { spawn } from 'node:child_process';
import { BIN, REPO_ROOT } from '../helpers/cli.js';
import { treeSnapshot } from '../machine/helpers.js';
import { crashSigns, waitOpens } from '../stress/child.js';
import { hostileInf, World } from './world.js';

// mkfifo, and symbolic links without Developer Mode, are POSIX's: Windows runs the rest of the suite.
const POSIX_ONLY = process.platform === 'win32';

let world: World | undefined;
afterEach(() => world?.dispose());

const INF = join(REPO_ROOT, 'fixtures', 'packages', 'KmdfHelloWorld', 'KmdfHelloWorld.inf');

function setup(): { w: World; at: (...p: string[]) => string } {
  const w = (world = new World());
  return { w, at: (...p: string[]) => join(w.base, ...p) };
}

describe.skipIf(POSIX_ONLY)('files the user names', () => {
  it('stampinf -f LINK stamps the file the link points at; the link stays a link', async () => {
    const { w, at } = setup();
    mkdirSync(at('real'));
    cpSync(INF, at('real', 'driver.inf'));
    symlinkSync(join('real', 'driver.inf'), at('driver.inf'));
    const r = await w.run(['stampinf', '-f', 'driver.inf', '-d', '01/02/2026', '-v', '1.2.3.4']);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(at('driver.inf')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(at('driver.inf'))).toBe(join('real', 'driver.inf'));
    expect(readFileSync(at('real', 'driver.inf'), 'latin1')).toMatch(/DriverVer\s*=\s*01\/02\/2026,1\.2\.3\.4/);
  });

  it('stampinf -f on a hard-linked INF stamps that name; the outside name keeps its bytes', async () => {
    const { w, at } = setup();
    cpSync(INF, at('outside', 'shared.inf'));
    linkSync(at('outside', 'shared.inf'), at('driver.inf'));
    const old = readFileSync(at('outside', 'shared.inf'));
    const r = await w.run(['stampinf', '-f', 'driver.inf', '-d', '01/02/2026', '-v', '1.2.3.4']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(at('outside', 'shared.inf')).equals(old)).toBe(true);
    expect(readFileSync(at('driver.inf'), 'latin1')).toMatch(/1\.2\.3\.4/);
    expect(lstatSync(at('driver.inf')).nlink).toBe(1);
  });

  it('stampinf -o FIFO is refused, never opened (no hang)', async () => {
    const { w, at } = setup();
    cpSync(INF, at('driver.inf'));
    execFileSync('mkfifo', [at('out.inf')]);
    const r = await w.run(['stampinf', '-f', 'driver.inf', '-o', 'out.inf', '-d', '01/02/2026', '-v', '1.2.3.4']);
    expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/out\.inf: not a regular file \(a FIFO, socket or device file\); refused/);
    expect(lstatSync(at('out.inf')).isFIFO()).toBe(true);
  });

  it('signtool sign on a hard-linked PE signs that name (streamed); the outside name keeps the unsigned bytes', async () => {
    const { w, at } = setup();
    expect((await w.run(['cert', 'new', '--name', 'test'])).code).toBe(0);
    const pe = makeMinimalPe({ subsystem: 'native' });
    writeFileSync(at('outside', 'shared.sys'), pe);
    linkSync(at('outside', 'shared.sys'), at('driver.sys'));
    const r = await w.run(['signtool', 'sign', '/fd', 'sha256', '/f', 'test.pfx', 'driver.sys']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(at('outside', 'shared.sys')).equals(pe)).toBe(true);
    expect(readFileSync(at('driver.sys')).length).toBeGreaterThan(pe.length);
  });

  it('signtool sign on a symbolic link the user made signs the linked file; the link stays', async () => {
    const { w, at } = setup();
    expect((await w.run(['cert', 'new', '--name', 'test'])).code).toBe(0);
    const pe = makeMinimalPe({ subsystem: 'native' });
    mkdirSync(at('bin'));
    writeFileSync(at('bin', 'driver.sys'), pe);
    symlinkSync(join('bin', 'driver.sys'), at('driver.sys'));
    const r = await w.run(['signtool', 'sign', '/fd', 'sha256', '/f', 'test.pfx', 'driver.sys']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(lstatSync(at('driver.sys')).isSymbolicLink()).toBe(true);
    expect(readFileSync(at('bin', 'driver.sys')).length).toBeGreaterThan(pe.length);
    expect(readdirSync(at('bin'))).toEqual(['driver.sys']); // no temporary left behind
  });

  it('signtool sign on a FIFO is refused, never opened (no hang); the other files are signed', async () => {
    const { w, at } = setup();
    expect((await w.run(['cert', 'new', '--name', 'test'])).code).toBe(0);
    execFileSync('mkfifo', [at('pipe.sys')]);
    writeFileSync(at('driver.sys'), makeMinimalPe({ subsystem: 'native' }));
    const r = await w.run(['signtool', 'sign', '/fd', 'sha256', '/f', 'test.pfx', 'pipe.sys', 'driver.sys']);
    expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(/An error occurred while attempting to sign: pipe\.sys \(not a regular file \(a FIFO, socket or device file\); refused/);
    expect(r.stdout).toMatch(/Successfully signed: driver\.sys/);
    expect(lstatSync(at('pipe.sys')).isFIFO()).toBe(true);
  });

  it('infverif --output-file on a hard-linked report replaces that name only', async () => {
    const { w, at } = setup();
    cpSync(INF, at('driver.inf'));
    writeFileSync(at('outside', 'report.txt'), 'keep me');
    linkSync(at('outside', 'report.txt'), at('report.sarif'));
    const r = await w.run(['infverif', '--format', 'sarif', '--output-file', 'report.sarif', 'driver.inf']);
    expect([0, 1], r.stderr).toContain(r.code);
    expect(readFileSync(at('outside', 'report.txt'), 'utf8')).toBe('keep me');
    expect(JSON.parse(readFileSync(at('report.sarif'), 'utf8')).runs).toBeDefined();
  });
});

describe.skipIf(POSIX_ONLY)('folders wdksim fills for the user', () => {
  for (const plant of ['symlink', 'hardlink', 'fifo'] as const) {
    it(`cert new --out DIR --force: a ${plant} planted at DIR/NAME.pfx is refused; nothing outside changes`, async () => {
      const { w, at } = setup();
      mkdirSync(at('certs'));
      const name = at('certs', 'test.pfx');
      if (plant === 'symlink') symlinkSync(at('outside', 'victim.txt'), name);
      if (plant === 'hardlink') linkSync(at('outside', 'victim.txt'), name);
      if (plant === 'fifo') execFileSync('mkfifo', [name]);
      const before = await treeSnapshot(at('outside'));
      const r = await w.run(['cert', 'new', '--name', 'test', '--out', 'certs', '--force']);
      expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/cert new: certs\/test\.pfx is (a symbolic link|a file with 2 hard links|a FIFO, socket or device file).*refused/);
      expect(await treeSnapshot(at('outside'))).toEqual(before);
      expect(w.victim()).toBe('do not touch');
      rmSync(name);
      expect((await w.run(['cert', 'new', '--name', 'test', '--out', 'certs', '--force'])).code).toBe(0);
      expect(w.victim()).toBe('do not touch');
    });
  }

  it('pnputil /export-driver: a symbolic link planted in the destination at a package file is refused; nothing outside changes', async () => {
    const { w, at } = setup();
    await w.init();
    await w.pkg(hostileInf({}));
    expect((await w.run(['deploy', 'pkg'])).code).toBe(0); // imports the package's .cer into the target's stores
    const add = await w.run(['pnputil', '/add-driver', 'pkg/evil.inf']);
    expect(add.code, add.stdout + add.stderr).toBe(0);
    mkdirSync(at('exported'));
    symlinkSync(at('outside', 'victim.txt'), at('exported', 'evil.sys'));
    const before = await treeSnapshot(at('outside'));
    const r = await w.run(['pnputil', '/export-driver', 'oem0.inf', 'exported']);
    expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
    expect(r.code, r.stdout + r.stderr).toBe(5); // ERROR_ACCESS_DENIED
    expect(r.stdout).toMatch(/Failed to export driver package: Access is denied\. \(pnputil \/export-driver: exported\/evil\.sys is a symbolic link; refused/);
    expect(await treeSnapshot(at('outside'))).toEqual(before);
    expect(w.victim()).toBe('do not touch');
    rmSync(at('exported', 'evil.sys'));
    const again = await w.run(['pnputil', '/export-driver', 'oem0.inf', 'exported']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(readFileSync(at('exported', 'evil.sys'), 'utf8')).toBe('MZ evil');
  });
});

describe.skipIf(POSIX_ONLY)('inputs the user names that are not regular files', () => {
  it('a FIFO nobody writes: inf parse, infverif, catalog dump and stampinf wait like cat, and SIGTERM stops them with 143', async () => {
    const { at } = setup();
    execFileSync('mkfifo', [at('pipe.inf')]);
    for (const argv of [
      ['inf', 'parse', 'pipe.inf'],
      ['infverif', 'pipe.inf'],
      ['catalog', 'dump', 'pipe.inf'],
      ['stampinf', '-f', 'pipe.inf', '-v', '1.0.0.0'],
    ]) {
      const child = spawn(process.execPath, [BIN, ...argv], { cwd: at(), stdio: 'ignore' });
      // Once wdksim has the FIFO open (so main() has installed its handlers: signalled
      // earlier, signal-exit's re-raise or Node's default kills with no exit code).
      await waitOpens(child.pid!, at('pipe.inf'));
      const started = Date.now();
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL'); // a pool thread blocked in open() kept the process alive
          resolve(-1);
        }, 5000);
        child.on('exit', (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      expect(code, argv.join(' ')).toBe(143);
      expect(Date.now() - started).toBeLessThan(5000);
    }
  }, 60_000);

  it("a FIFO with a writer (the shell's <(...)) is read; a device file is refused", async () => {
    const { w, at } = setup();
    execFileSync('mkfifo', [at('pipe.inf')]);
    const child = spawn(process.execPath, [BIN, 'inf', 'parse', 'pipe.inf'], { cwd: at() });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    writeFileSync(at('pipe.inf'), readFileSync(INF)); // opens the FIFO for writing once the reader is there
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toMatch(/pipe\.inf \(ansi, crlf line ends\): \d+ sections/);
    const r = await w.run(['inf', 'parse', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/dev\/zero: a device file or socket, not a regular file; refused/);
  }, 60_000);
});

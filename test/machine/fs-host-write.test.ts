// The host half of the file-system layer (src/fs/host-write.ts), rule by rule:
// output folders refuse what is planted below their root; files the user names
// are replaced atomically, a link the user named followed, a hard link never
// written through (docs/reliability.md, "The file-system layer").
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OutputFolder, OutputRefused, writeUserFile, writeUserFileWith } from '../../src/fs/host-write.js';
import { tempDir } from '../helpers/cli.js';

// mkfifo, and symbolic links without Developer Mode, are POSIX's: Windows runs the rest of the suite.
const POSIX_ONLY = process.platform === 'win32';

function sandbox(): { base: string; root: string; outside: string } {
  const base = tempDir('wdksim-host-write-');
  const root = join(base, 'out');
  const outside = join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(join(outside, 'victim.txt'), 'do not touch');
  return { base, root, outside };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(OutputRefused);
    return (error as Error).message;
  }
  throw new Error('not refused');
}

describe.skipIf(POSIX_ONLY)('OutputFolder', () => {
  it('writes below its root, creating folders, and replaces a regular file keeping its mode; no temporary left', async () => {
    const { root } = sandbox();
    const folder = new OutputFolder(root, 'the test folder');
    await folder.write(join(root, 'a', 'b', 'c.bin'), 'one');
    expect(readFileSync(join(root, 'a', 'b', 'c.bin'), 'utf8')).toBe('one');
    chmodSync(join(root, 'a', 'b', 'c.bin'), 0o600);
    await folder.write(join(root, 'a', 'b', 'c.bin'), 'two');
    expect(readFileSync(join(root, 'a', 'b', 'c.bin'), 'utf8')).toBe('two');
    expect(statSync(join(root, 'a', 'b', 'c.bin')).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['c.bin']);
  });

  it('refuses a symbolic link at the name, a link on the way, a hard link, a FIFO and a folder; the outside file keeps its bytes', async () => {
    const { root, outside } = sandbox();
    const folder = new OutputFolder(root, 'the test folder');
    symlinkSync(join(outside, 'victim.txt'), join(root, 'link.cat'));
    expect(await refusal(folder.write(join(root, 'link.cat'), 'x', 'catalog'))).toMatch(
      /^catalog: .*link\.cat is a symbolic link; refused: wdksim never writes through a link .* in the test folder/,
    );
    symlinkSync(outside, join(root, 'sub'));
    expect(await refusal(folder.write(join(root, 'sub', 'victim.txt'), 'x'))).toMatch(/sub is a symbolic link, not a folder; refused/);
    linkSync(join(outside, 'victim.txt'), join(root, 'hard.inf'));
    expect(await refusal(folder.write(join(root, 'hard.inf'), 'x'))).toMatch(/hard\.inf is a file with 2 hard links \(another name, perhaps outside, shares its bytes\); refused/);
    execFileSync('mkfifo', [join(root, 'fifo.sys')]);
    expect(await refusal(folder.write(join(root, 'fifo.sys'), 'x'))).toMatch(/fifo\.sys is a FIFO, socket or device file; refused/);
    mkdirSync(join(root, 'dir.sys'));
    expect(await refusal(folder.write(join(root, 'dir.sys'), 'x'))).toMatch(/dir\.sys is a folder; refused/);
    expect(await refusal(folder.write(join(root, '..', 'outside', 'new.txt'), 'x'))).toMatch(/is outside the test folder/);
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('do not touch');
    expect(readdirSync(outside)).toEqual(['victim.txt']);
    // check() refuses the same without writing; remove() unlinks a link as a name only.
    expect(await refusal(folder.check(join(root, 'hard.inf')))).toMatch(/hard links/);
    await folder.remove(join(root, 'link.cat'));
    expect(readdirSync(root)).not.toContain('link.cat');
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('do not touch');
    // No temporary left by any refusal.
    expect(readdirSync(root).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('around() takes the outermost root holding the path, so a link planted at an inner root is found', async () => {
    const { base, root, outside } = sandbox();
    const pkg = join(root, 'x64', 'Debug', 'pkg');
    expect(OutputFolder.around(join(pkg, 'a.sys'), [pkg, root], 'f').root).toBe(root);
    expect(OutputFolder.around(join(base, 'elsewhere', 'a.sys'), [pkg, root], 'f').root).toBe(join(base, 'elsewhere'));
    mkdirSync(join(root, 'x64', 'Debug'), { recursive: true });
    symlinkSync(outside, pkg);
    expect(await refusal(OutputFolder.around(join(pkg, 'a.sys'), [pkg, root], 'f').write(join(pkg, 'a.sys'), 'x'))).toMatch(/pkg is a symbolic link, not a folder/);
    expect(readdirSync(outside)).toEqual(['victim.txt']);
  });
});

describe.skipIf(POSIX_ONLY)('files the user names', () => {
  it('writeUserFile follows a link the user named (the link stays), replaces a hard-linked file by name, refuses a FIFO and a folder', async () => {
    const { base, outside } = sandbox();
    writeFileSync(join(base, 'real.inf'), 'old');
    symlinkSync('real.inf', join(base, 'mine.inf'));
    await writeUserFile(join(base, 'mine.inf'), 'new');
    expect(readlinkSync(join(base, 'mine.inf'))).toBe('real.inf');
    expect(readFileSync(join(base, 'real.inf'), 'utf8')).toBe('new');

    linkSync(join(outside, 'victim.txt'), join(base, 'shared.txt'));
    await writeUserFile(join(base, 'shared.txt'), 'mine');
    expect(readFileSync(join(base, 'shared.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('do not touch');
    expect(lstatSync(join(base, 'shared.txt')).nlink).toBe(1);

    execFileSync('mkfifo', [join(base, 'out.fifo')]);
    await expect(writeUserFile(join(base, 'out.fifo'), 'x')).rejects.toMatchObject({ code: 'EINVAL' });
    mkdirSync(join(base, 'folder'));
    await expect(writeUserFile(join(base, 'folder'), 'x')).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('writeUserFileWith fills a new temporary and renames it over the name: a hard link keeps its bytes, the mode is given', async () => {
    const { base, outside } = sandbox();
    writeFileSync(join(outside, 'image.sys'), 'AAAAAAAA');
    linkSync(join(outside, 'image.sys'), join(base, 'driver.sys'));
    await writeUserFileWith(join(base, 'driver.sys'), 0o640, async (fh) => {
      await fh.write(Buffer.from('AABBAAAA'), 0, 8, 0);
    });
    expect(readFileSync(join(base, 'driver.sys'), 'utf8')).toBe('AABBAAAA');
    expect(readFileSync(join(outside, 'image.sys'), 'utf8')).toBe('AAAAAAAA');
    expect(statSync(join(base, 'driver.sys')).mode & 0o777).toBe(0o640);
    // A failing fill leaves the file and no temporary.
    await expect(
      writeUserFileWith(join(base, 'driver.sys'), 0o640, async () => {
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow('disk on fire');
    expect(readFileSync(join(base, 'driver.sys'), 'utf8')).toBe('AABBAAAA');
    expect(readdirSync(base).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

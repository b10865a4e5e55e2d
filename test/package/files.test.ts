import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInf } from '../../src/inf/parse.js';
import { referencedFiles, sectionAppliesToArch } from '../../src/package/files.js';
import { CaseInsensitiveFs } from '../../src/package/lookup.js';

const CORPUS = new URL('../../fixtures/corpus/windows-driver-samples/', import.meta.url);
const PACKAGES = new URL('../../fixtures/packages/', import.meta.url);

function corpusInf(path: string) {
  return parseInf(readFileSync(new URL(path, CORPUS)), { file: path });
}

describe('referencedFiles on corpus INFs', () => {
  it('toaster package: the one driver from its CopyFiles list', () => {
    const files = referencedFiles(corpusInf('general/toaster/toastpkg/inf/toastpkg.inf'), 'amd64');
    expect(files).toEqual([{ name: 'toaster.sys', section: 'Toaster_Device.NT.Copy', line: 67, listed: true, sourceSection: 'SourceDisksFiles', relativePath: 'toaster.sys' }]);
  });

  it('WIA sample: six files from an undecorated install section, in list order', () => {
    const files = referencedFiles(corpusInf('wia/wiadriverex/usd/WiaDriver.inx'), 'arm64');
    expect(files.map((f) => f.name)).toEqual(['wiadriverex.dll', 'segfilter.dll', 'imgfilter.dll', 'errhandler.dll', 'uiext2.dll', 'sample.bmp']);
    expect(files.every((f) => f.listed && f.section === 'WIADRIVER.CopyFiles')).toBe(true);
  });

  it('DCHU base sample: the three user-mode binaries, listed, at the INF root', () => {
    const files = referencedFiles(corpusInf('general/DCHU/osrfx2_DCHU_base/osrfx2_DCHU_base/osrfx2_DCHU_base.inx'), 'x86');
    expect(files.map((f) => [f.name, f.relativePath, f.listed])).toEqual([
      ['osrfx2_DCHU_base.dll', 'osrfx2_DCHU_base.dll', true],
      ['osrfx2_DCHU_filter.dll', 'osrfx2_DCHU_filter.dll', true],
      ['osrfx2_DCHU_usersvc.exe', 'osrfx2_DCHU_usersvc.exe', true],
    ]);
  });

  it('echo sample: an empty SourceDisksNames path ("") adds no folder', () => {
    const files = referencedFiles(corpusInf('general/echo/kmdf/driver/AutoSync/echo.inx'), 'amd64');
    expect(files.map((f) => f.relativePath)).toEqual(['ECHO.sys']);
  });
});

describe('referencedFiles on the multi-architecture fixture', () => {
  const doc = parseInf(readFileSync(new URL('multi-arch/Multi.INF', PACKAGES)), { file: 'Multi.INF' });

  it('uses the arch-decorated SourceDisksNames path per architecture', () => {
    const byArch = (arch: 'x86' | 'amd64' | 'arm64') => referencedFiles(doc, arch).map((f) => f.relativePath);
    expect(byArch('x86')).toEqual(['x86/multi.sys', 'x86/helpers/multi32helper.dll', 'docs/readme.txt']);
    expect(byArch('amd64')).toEqual(['x64/multi.sys', 'docs/readme.txt']);
    // ARM64 copies readme.txt with @file; its disk 2 comes from the undecorated SourceDisksNames.
    expect(byArch('arm64')).toEqual(['arm64/multi.sys', 'docs/readme.txt']);
  });

  it('skips install sections decorated for another architecture', () => {
    expect(sectionAppliesToArch(doc, 'Multi_Install.NTx86', 'amd64')).toBe(false);
    expect(sectionAppliesToArch(doc, 'Multi_Install.NTamd64', 'amd64')).toBe(true);
    expect(referencedFiles(doc, 'amd64').some((f) => f.name === 'multi32helper.dll')).toBe(false);
  });

  it('names the section of an @file copy after the install section', () => {
    const readme = referencedFiles(doc, 'arm64').find((f) => f.name === 'readme.txt')!;
    expect(readme.section).toBe('Multi_Install.NTarm64');
  });
});

describe('sectionAppliesToArch', () => {
  const doc = parseInf('[Version]\nSignature="$Windows NT$"\n[A]\nCopyFiles=x\n[A.NT]\nCopyFiles=x\n[A.NTamd64]\nCopyFiles=x\n[B]\nCopyFiles=x\n[C.NT]\nCopyFiles=x\n');
  it.each([
    ['A', 'amd64', false],
    ['A.NT', 'amd64', false],
    ['A.NTamd64', 'amd64', true],
    ['A', 'x86', false],
    ['A.NT', 'x86', true],
    ['B', 'arm64', true],
    ['C.NT', 'arm64', true],
  ] as const)('%s on %s: %s', (name, arch, expected) => {
    expect(sectionAppliesToArch(doc, name, arch)).toBe(expected);
  });
});

describe('CaseInsensitiveFs', () => {
  const root = mkdtempSync(join(tmpdir(), 'wdksim-lookup-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'X64', 'Sub'), { recursive: true });
  writeFileSync(join(root, 'X64', 'Sub', 'Driver.SYS'), 'MZ');
  writeFileSync(join(root, 'top.inf'), '');
  const fs = new CaseInsensitiveFs(root);

  it('finds files whatever case the INF writes, with either separator', () => {
    expect(fs.resolve('x64\\sub\\driver.sys')).toBe(join(root, 'X64', 'Sub', 'Driver.SYS'));
    expect(fs.resolve('/X64/SUB/DRIVER.sys')).toBe(join(root, 'X64', 'Sub', 'Driver.SYS'));
    expect(fs.resolve('TOP.INF')).toBe(join(root, 'top.inf'));
  });

  it('does not find missing files, directories as files, or paths outside the root', () => {
    expect(fs.resolve('x64/sub/other.sys')).toBeUndefined();
    expect(fs.resolve('x64/sub')).toBeUndefined();
    expect(fs.resolve('x64/sub', { directory: true })).toBe(join(root, 'X64', 'Sub'));
    expect(fs.resolve('../top.inf')).toBeUndefined();
  });

  it('lists INF files by extension in any case', () => {
    expect(fs.filesWithExtension('.inf')).toEqual(['top.inf']);
  });

  it('the per-folder fast path gives what the component-by-component walk gives', () => {
    // Each question asked of a fresh instance (no cache), then again of one that resolved the folder before.
    mkdirSync(join(root, 'many'), { recursive: true });
    for (const name of ['A.dat', 'b.DAT']) writeFileSync(join(root, 'many', name), 'x');
    symlinkSync(join(root, 'top.inf'), join(root, 'many', 'link.inf'));
    mkdirSync(join(root, 'many', 'dir.sys'));
    const warm = new CaseInsensitiveFs(root);
    warm.resolve('many/a.dat');
    const cases: [string, string | undefined][] = [
      ['MANY\\a.DAT', join(root, 'many', 'A.dat')],
      ['many//./B.dat', join(root, 'many', 'b.DAT')],
      ['x64/../many/b.dat', join(root, 'many', 'b.DAT')],
      ['many/link.inf', join(root, 'many', 'link.inf')], // a link to a file: the stat decides
      ['many/dir.sys', undefined], // a folder is not a file
      ['many/missing.dat', undefined],
      ['nowhere/a.dat', undefined],
      ['many/a.dat/', join(root, 'many', 'A.dat')], // empty parts are dropped, as before
      ['many/..', undefined],
    ];
    for (const [relative, expected] of cases) {
      expect(new CaseInsensitiveFs(root).resolve(relative), relative).toBe(expected);
      expect(warm.resolve(relative), relative).toBe(expected);
    }
  });
});

// `wdksim inf2cat` run as a process: Inf2Cat's argument grammar (wdk-tools.md
// §3.1), each signability check (§3.4) with its exact line, the console
// layout (§3.5), exit codes (§3.6: -1 → 255, -2 → 254) and the catalog.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir, wdksim } from '../helpers/cli.js';
import { hasOracle, skipNote } from '../helpers/oracles.js';

const NOW = ['--now', '2026-11-24T12:00:00Z'];

/** A temporary folder holding a copy of fixtures/packages/<name> (catalogs are written next to the INF). */
function packageCopy(name: string, as = name): string {
  const dir = realpathSync(tempDir('wdksim-inf2cat-'));
  cpSync(join(REPO_ROOT, 'fixtures', 'packages', name), join(dir, as), { recursive: true });
  return dir;
}

function catalogsIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.cat'));
}

/** The report Inf2Cat prints for a failed package: dots, header, the error lines, no warnings. */
function failedReport(...errors: string[]): RegExp {
  const escaped = errors.map((e) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\n');
  return new RegExp(`^\\.+\\nSignability test failed\\.\\n\\nErrors:\\n${escaped}\\n\\nWarnings:\\nNone\\n$`);
}

describe('inf2cat arguments', () => {
  it.each([[[]], [['/?']], [['/driver:x', '/os:10_X64', '/?']], [['-?', '/bogus']]])('%j prints the usage and exits 0', async (args) => {
    const r = await wdksim(['inf2cat', ...args]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Version .*\n/);
    expect(r.stdout).toContain('INF2CAT /driver:path /os:operatingSystem1[,os2]...');
    expect(r.stdout).toContain('10_GE_X64');
    expect(r.stdout).toContain('/uselocaltime');
  });

  it.each([
    ['exactly one argument', ['/driver:KmdfHelloWorld'], 'Parameter format not correct.\n'],
    ['one argument even if it is /os', ['/os:10_X64'], 'Parameter format not correct.\n'],
    ['no /os:', ['/driver:KmdfHelloWorld', '/nocat'], 'Operating systems parameter missing.\n'],
    ['an empty /os:', ['/driver:KmdfHelloWorld', '/os:'], 'Operating systems parameter missing.\n'],
    ['an unknown /os id', ['/driver:KmdfHelloWorld', '/os:11_X64'], 'Operating systems parameter invalid.\n'],
    ['a mistyped /os id from the docs', ['/driver:KmdfHelloWorld', '/os:Server2008R2_X86'], 'Operating systems parameter invalid.\n'],
    ['a repeated /os id (any case)', ['/driver:KmdfHelloWorld', '/os:10_X64,10_x64'], 'Operating systems parameter invalid.\n'],
    ['a second /driver:', ['/driver:KmdfHelloWorld', '/os:10_VB_X64', '/drv:KmdfHelloWorld'], 'Parameter format not correct.\n'],
    ['an unknown switch', ['/driver:KmdfHelloWorld', '/os:10_VB_X64', '/bogus'], 'Parameter format not correct.\n'],
    ['a value switch split by a space', ['/driver:', 'KmdfHelloWorld', '/os:10_VB_X64'], 'Parameter format not correct.\n'],
    ['/pageHashes: with an empty list', ['/driver:KmdfHelloWorld', '/os:10_VB_X64', '/pageHashes:'], 'Parameter format not correct.\n'],
    ['/drm', ['/driver:KmdfHelloWorld', '/os:10_VB_X64', '/drm'], '\nUse of DRM argument no longer supported. Remove DRM argument and try again\n'],
    ['/DRM:x (any case)', ['/driver:KmdfHelloWorld', '/os:10_VB_X64', '/DRM:x'], '\nUse of DRM argument no longer supported. Remove DRM argument and try again\n'],
    ['/pe', ['/driver:KmdfHelloWorld', '/os:10_VB_X64', '/pe'], '\nUse of PETrust argument no longer supported. Remove PETrust argument and try again\n'],
    ['no /driver:', ['/os:10_VB_X64', '/nocat'], 'Driver path missing.\n'],
    ['an absent folder', ['/driver:NoSuchPackage', '/os:10_VB_X64'], 'NoSuchPackage does not exist.\n'],
  ])('%s → exact message, exit 255 (Inf2Cat -1)', async (_what, args, output) => {
    const dir = packageCopy('KmdfHelloWorld');
    const r = await wdksim(['inf2cat', ...args], { cwd: dir });
    expect(r.stdout).toBe(output);
    expect(r.exitCode).toBe(255);
    expect(catalogsIn(join(dir, 'KmdfHelloWorld'))).toEqual([]);
  });

  it('checks the /os list before the other switches', async () => {
    const r = await wdksim(['inf2cat', '/driver:x', '/os:bogus', '/drm']);
    expect(r.stdout).toBe('Operating systems parameter invalid.\n');
  });

  it('takes the first /os: and ignores later ones; switches in any case; /drv: alias', async () => {
    const dir = packageCopy('KmdfHelloWorld');
    const r = await wdksim(['inf2cat', ...NOW, '/DRV:KmdfHelloWorld', '/OS:10_vb_x64', '/os:bogus', '/NoCat'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^\.+\nSignability test complete\.\n\nErrors:\nNone\n\nWarnings:\nNone\n$/);
  });

  it('writes page hashes for the files /pageHashes names, and none without it', async () => {
    // DER of OID 1.3.6.1.4.1.311.2.3.2 (SHA-256 page hashes, v2 catalogs).
    const pageHashOid = Buffer.from('060a2b0601040182370203 02'.replace(/ /g, ''), 'hex');
    const dir = packageCopy('KmdfHelloWorld');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:KmdfHelloWorld', '/os:10_VB_X64', '/pageHashes:KmdfHelloWorld.sys'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(catalogsIn(join(dir, 'KmdfHelloWorld'))).toEqual(['kmdfhelloworld.cat']);
    expect(readFileSync(join(dir, 'KmdfHelloWorld', 'kmdfhelloworld.cat')).includes(pageHashOid)).toBe(true);
    const plain = packageCopy('KmdfHelloWorld');
    await wdksim(['inf2cat', ...NOW, '/driver:KmdfHelloWorld', '/os:10_VB_X64'], { cwd: plain });
    expect(readFileSync(join(plain, 'KmdfHelloWorld', 'kmdfhelloworld.cat')).includes(pageHashOid)).toBe(false);
  });
});

describe('inf2cat signability checks', () => {
  it.each([
    [
      '22.9.1 missing file',
      'missing-file',
      '22.9.1: kmdfhelloworld.sys in [drivers_dir] of missing-file\\kmdfhelloworld.inf is missing or cannot be decompressed from source media.  Please verify all path values specified in SourceDisksNames, SouceDisksFiles, and CopyFiles sections resolve to the actual location of the file, and are expressed in terms relative to the location of the inf.',
    ],
    [
      '22.9.4 no CatalogFile for AMD64',
      'no-catalogfile',
      '22.9.4: Missing AMD64 CatalogFile entry (CatalogFile.ntamd64, CatalogFile.nt, CatalogFile) from [Version] section in no-catalogfile\\kmdfhelloworld.inf',
    ],
    ['22.9.6 DriverVer format', 'bad-driverver', '22.9.6: DriverVer missing or in incorrect format in bad-driverver\\kmdfhelloworld.inf'],
    [
      '22.9.10 not in SourceDisksFiles',
      'unlisted-file',
      '22.9.10: hellohelper.dll missing from [SourceDisksFiles] section in unlisted-file\\kmdfhelloworld.inf; ok if file source is provided via LayoutFile in [Version].',
    ],
    ['unstamped $ARCH$ models', 'unstamped-arch', 'unstamped-arch\\kmdfhelloworld.inf does not have NTAMD64 decorated model sections'],
    ['x86-only models for an x64 id', 'x86-only-models', 'x86-only-models\\kmdfhelloworld.inf does not have NTAMD64 decorated model sections'],
  ])('%s: exact line, exit 254 (Inf2Cat -2), no catalog', async (_what, folder, line) => {
    const dir = packageCopy(folder);
    const r = await wdksim(['inf2cat', ...NOW, `/driver:${folder}`, '/os:10_VB_X64'], { cwd: dir });
    expect(r.stdout).toMatch(failedReport(line));
    expect(r.exitCode).toBe(254);
    expect(catalogsIn(join(dir, folder))).toEqual([]);
  });

  it('22.9.7 future DriverVer: the line, one wdksim line, exit 254', async () => {
    const dir = packageCopy('future-driverver');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:future-driverver', '/os:10_VB_X64'], { cwd: dir });
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('22.9.7: DriverVer set to a date in the future (postdated DriverVer not allowed) in future-driverver\\kmdfhelloworld.inf.');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^wdksim: DriverVer 12\/31\/2099 is after both today's UTC date 11\/24\/2026 and the local date 11\/24\/2026 in UTC \(UTC\+00:00\)/);
    expect(lines[at + 2]).toBe('');
    expect(r.exitCode).toBe(254);
    expect(catalogsIn(join(dir, 'future-driverver'))).toEqual([]);
  });

  it('22.9.7 too old for Windows 7', async () => {
    const dir = packageCopy('legacy-date');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:legacy-date', '/os:7_X64'], { cwd: dir });
    expect(r.stdout).toMatch(failedReport('22.9.7: DriverVer set to incorrect date (must be postdated to 4/21/2009 for newest OS) in legacy-date\\kmdfhelloworld.inf'));
    expect(r.exitCode).toBe(254);
  });

  it('a build-decorated Models section passes the default /os:10_X64 (the VS template)', async () => {
    const dir = packageCopy('KmdfHelloWorld');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:KmdfHelloWorld', '/os:10_X64', '/nocat'], { cwd: dir });
    expect(r.stdout).toContain('Signability test complete.');
    expect(r.exitCode).toBe(0);
  });

  it('names the INF after the last folder of /driver as given and the INF in lower case', async () => {
    const dir = packageCopy('no-catalogfile', 'MyDriver');
    const r = await wdksim(['inf2cat', ...NOW, `/driver:${join(dir, 'MyDriver')}`, '/os:10_VB_X64'], { cwd: REPO_ROOT });
    expect(r.stdout).toContain('from [Version] section in MyDriver\\kmdfhelloworld.inf\n');
  });

  it('/ignoreerrors writes the catalog anyway and exits 0', async () => {
    const dir = packageCopy('unlisted-file');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:unlisted-file', '/os:10_VB_X64', '/ignoreerrors'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Signability test failed.\n\nErrors:\n22.9.10: ');
    expect(r.stdout).toContain(`\nCatalog generation complete.\n${join(dir, 'unlisted-file', 'kmdfhelloworld.cat')}\n`);
  });
});

describe('inf2cat success', () => {
  it('prints the report, writes the catalog next to the INF and prints its full path', async () => {
    const dir = packageCopy('KmdfHelloWorld');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:KmdfHelloWorld', '/os:10_VB_X64,10_GE_X64'], { cwd: dir });
    const catalog = join(dir, 'KmdfHelloWorld', 'kmdfhelloworld.cat');
    expect(r.stdout).toMatch(/^\.{20,}\nSignability test complete\.\n\nErrors:\nNone\n\nWarnings:\nNone\n\nCatalog generation complete\.\n/);
    expect(r.stdout.endsWith(`\nCatalog generation complete.\n${catalog}\n`)).toBe(true);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(catalog)).toBe(true);
    // No temporary files left behind by the atomic write.
    expect(readdirSync(join(dir, 'KmdfHelloWorld')).sort()).toEqual(['KmdfHelloWorld.inf', 'KmdfHelloWorld.sys', 'kmdfhelloworld.cat']);
  });

  it('/nocat runs the tests only', async () => {
    const dir = packageCopy('KmdfHelloWorld');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:KmdfHelloWorld', '/os:10_VB_X64', '/nocat'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain('Catalog generation complete.');
    expect(catalogsIn(join(dir, 'KmdfHelloWorld'))).toEqual([]);
  });

  it('/verbose prints each step on its own line instead of dots', async () => {
    const dir = packageCopy('KmdfHelloWorld');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:KmdfHelloWorld', '/os:10_VB_X64', '/v', '/nocat'], { cwd: dir });
    expect(r.stdout).toMatch(/^Processing driver package .*KmdfHelloWorld\n(Parsing|Testing) /);
    expect(r.stdout).not.toContain('..');
    expect(r.stdout).toContain('\nSignability test complete.\n');
  });

  it('writes one catalog per INF of the folder', async () => {
    const dir = packageCopy('two-infs');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:two-infs', '/os:10_VB_X64'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.endsWith(`Catalog generation complete.\n${join(dir, 'two-infs', 'first.cat')}\n${join(dir, 'two-infs', 'second.cat')}\n`)).toBe(true);
  });

  it('--json prints the diagnostics and the catalogs written', async () => {
    const dir = packageCopy('multi-arch');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:multi-arch', '/os:10_X64,7_X86', '--json'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ tool: 'inf2cat', exitCode: 0, passed: true, os: ['10_X64', '7_X86'], diagnostics: [] });
    expect(doc.catalogs.map((c: { name: string; version: number; osAttr: string }) => [c.name, c.version, c.osAttr])).toEqual([
      ['multi64.cat', 2, '2:10.0'],
      ['multi32.cat', 1, '2:6.1'],
    ]);
    // Every architecture's copy of multi.sys (x86/, X64/, arm64/) is a member, under the same File name.
    expect(doc.catalogs[1].members).toEqual(['multi.inf', 'multi.sys', 'multi32helper.dll', 'readme.txt', 'multi.sys', 'multi.sys']);
    expect(doc.catalogs[1].files.map((f: { path: string }) => f.path)).toEqual([
      'Multi.INF',
      'x86/Multi.SYS',
      'x86/Helpers/MULTI32HELPER.dll',
      'Docs/ReadMe.txt',
      'X64/multi.sys',
      'arm64/multi.sys',
    ]);
  });

  it('--json reports failures with the Inf2Cat line text', async () => {
    const dir = packageCopy('bad-driverver');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:bad-driverver', '/os:10_VB_X64', '--json'], { cwd: dir });
    expect(r.exitCode).toBe(254);
    const doc = JSON.parse(r.stdout);
    expect(doc.passed).toBe(false);
    expect(doc.catalogs).toEqual([]);
    expect(doc.diagnostics).toHaveLength(1);
    expect(doc.diagnostics[0]).toMatchObject({
      code: '22.9.6',
      severity: 'error',
      line: 14,
      text: '22.9.6: DriverVer missing or in incorrect format in bad-driverver\\kmdfhelloworld.inf',
    });
  });

  it('--catalog-version forces the format', async () => {
    const dir = packageCopy('KmdfHelloWorld');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:KmdfHelloWorld', '/os:10_VB_X64', '--catalog-version', '1', '--json'], { cwd: dir });
    expect(JSON.parse(r.stdout).catalogs[0].version).toBe(1);
    const bad = await wdksim(['inf2cat', '/driver:KmdfHelloWorld', '/os:10_VB_X64', '--catalog-version', '3'], { cwd: dir });
    expect(bad.exitCode).toBe(255);
    expect(bad.stderr).toContain('--catalog-version takes 1');
  });

  it("--wdk: only the /os ids that kit's Inf2Cat has; a version that is no kit is a usage error", async () => {
    const dir = packageCopy('KmdfHelloWorld');
    // 10_CO (Windows 11 21H2) came with the 22000 kit; 19041's Inf2Cat does not know it.
    const old = await wdksim(['inf2cat', ...NOW, '/driver:KmdfHelloWorld', '/os:10_CO_X64', '--wdk', '10.0.19041'], { cwd: dir });
    expect(old.stdout).toBe('Operating systems parameter invalid.\n');
    expect(old.exitCode).toBe(255);
    const known = await wdksim(['inf2cat', ...NOW, '/driver:KmdfHelloWorld', '/os:10_CO_X64', '--wdk', '22000', '--json'], { cwd: dir });
    expect(JSON.parse(known.stdout).catalogs.length).toBe(1);
    const bad = await wdksim(['inf2cat', '/driver:KmdfHelloWorld', '/os:10_X64', '--wdk', '8.1'], { cwd: dir });
    expect(bad.exitCode).toBe(255);
    expect(bad.stderr).toContain('--wdk takes a Windows 10 or later kit version');
  });
});

describe.skipIf(!hasOracle('openssl'))(`inf2cat catalog content${skipNote('openssl')}`, () => {
  /** The UTF-16LE strings stored in OCTET STRINGs, as openssl asn1parse dumps them. */
  function catalogStrings(path: string): string[] {
    const text = execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', path], { encoding: 'utf8' });
    return [...text.matchAll(/OCTET STRING\s+\[HEX DUMP\]:([0-9A-F]+)/g)]
      .map((m) => Buffer.from(m[1]!, 'hex'))
      .filter((b) => b.length % 2 === 0 && b.length >= 4 && b.readUInt16LE(b.length - 2) === 0)
      .map((b) => b.subarray(0, b.length - 2).toString('utf16le'));
  }

  it('parses with openssl and lists the INF and the driver, OSAttr, OS and HWID', async () => {
    const dir = packageCopy('KmdfHelloWorld');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:KmdfHelloWorld', '/os:10_VB_X64', '--catalog-version', '1'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    const strings = catalogStrings(join(dir, 'KmdfHelloWorld', 'kmdfhelloworld.cat'));
    expect(strings).toContain('kmdfhelloworld.inf');
    expect(strings).toContain('kmdfhelloworld.sys');
    expect(strings).toContain('2:10.0');
    // Catalog attributes sit inside an extension's OCTET STRING, which asn1parse leaves undecoded.
    const der = readFileSync(join(dir, 'KmdfHelloWorld', 'kmdfhelloworld.cat'));
    expect(der.includes(Buffer.from('_v100_X64_Vb\0', 'utf16le'))).toBe(true);
    expect(der.includes(Buffer.from('root\\kmdfhelloworld\0', 'utf16le'))).toBe(true);
  });

  // Arduino's and Adafruit's Windows-made catalogs of 2016-2022 carry 10X86/10X64 and 2:6.4.
  it('--wdk before 10.0.14393 writes Windows 10 as 10X86/10X64 with OSAttr 2:6.4, as those kits did', async () => {
    const dir = packageCopy('KmdfHelloWorld');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:KmdfHelloWorld', '/os:10_X64', '--wdk', '10.0.10240', '--catalog-version', '1'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    const path = join(dir, 'KmdfHelloWorld', 'kmdfhelloworld.cat');
    const strings = catalogStrings(path);
    expect(strings).toContain('2:6.4');
    expect(strings).not.toContain('2:10.0');
    const der = readFileSync(path);
    expect(der.includes(Buffer.from('10X64\0', 'utf16le'))).toBe(true);
    expect(der.includes(Buffer.from('_v100_X64\0', 'utf16le'))).toBe(false);
  });

  // Real Inf2Cat catalogs hold every architecture's files (docs/catalogs.md): the
  // x64 catalog lists the x86-only helper too.
  it('each catalog of a multi-architecture package holds the files of every architecture', async () => {
    const dir = packageCopy('multi-arch');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:multi-arch', '/os:7_X86', '/nocat'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    await wdksim(['inf2cat', ...NOW, '/driver:multi-arch', '/os:7_X86,10_X64'], { cwd: dir });
    const x86 = catalogStrings(join(dir, 'multi-arch', 'multi32.cat'))
      .filter((s) => /\.(inf|sys|dll|txt)$/.test(s))
      .sort();
    // v2: each name twice (the SHA-256 member and its SHA-1 entry), so compared as a set.
    const x64 = [...new Set(catalogStrings(join(dir, 'multi-arch', 'multi64.cat')).filter((s) => /\.(inf|sys|dll|txt)$/.test(s)))].sort();
    expect(x86).toEqual(['multi.inf', 'multi.sys', 'multi32helper.dll', 'readme.txt']);
    expect(x64).toEqual(['multi.inf', 'multi.sys', 'multi32helper.dll', 'readme.txt']);
  });
});

describe('inf2cat /verbose catalog listing and --help (issue 15)', () => {
  it('/v lists, per catalog, each file and the INF section that named it', async () => {
    const dir = packageCopy('renamed-and-coinstallers');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:renamed-and-coinstallers', '/os:7_X86', '/v'], { cwd: dir });
    expect(r.exitCode, r.stdout).toBe(0);
    const listing = r.stdout.slice(r.stdout.indexOf('Catalog generation complete.'));
    expect(listing).toBe(
      [
        'Catalog generation complete.',
        join(dir, 'renamed-and-coinstallers', 'ren32.cat'),
        '    ren.inf        ren.inf (the INF)',
        '    ren.sys        ren.inf [Files], listed in [SourceDisksFiles]',
        '    renhelp32.dll  ren.inf [Helper32], listed in [SourceDisksFiles.x86] as renhelp.dll',
        '    x86\\renco.dll  ren.inf [Co], listed in [SourceDisksFiles.x86]',
        '    renhelp64.dll  ren.inf [Helper64], listed in [SourceDisksFiles.amd64] as renhelp.dll',
        '    x64\\renco.dll  ren.inf [Co], listed in [SourceDisksFiles.amd64]',
        '',
      ].join('\n'),
    );
  });

  it('--help says page hashes are written', async () => {
    const r = await wdksim(['inf2cat', '--help']);
    expect(r.stdout).toContain('Write page hashes for all (or only the listed) PE members');
    expect(r.stdout).not.toContain('does not write page hashes');
  });
});

describe('inf2cat writes the catalog name in lower case (issue 15)', () => {
  it('replaces an older catalog spelled in another case instead of leaving both', async () => {
    const dir = packageCopy('KmdfHelloWorld');
    writeFileSync(join(dir, 'KmdfHelloWorld', 'KmdfHelloWorld.cat'), 'stale catalog');
    const r = await wdksim(['inf2cat', ...NOW, '/driver:KmdfHelloWorld', '/os:10_VB_X64'], { cwd: dir });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(readdirSync(join(dir, 'KmdfHelloWorld')).filter((n) => /\.cat$/i.test(n))).toEqual(['kmdfhelloworld.cat']);
    expect(readFileSync(join(dir, 'KmdfHelloWorld', 'kmdfhelloworld.cat')).subarray(0, 1)[0]).toBe(0x30);
  });
});

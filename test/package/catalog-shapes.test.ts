// The package shapes of issue 15, each catalogued by runInf2Cat and checked
// member by member with an oracle that shares no code with wdksim (openssl
// asn1parse for the catalog, osslsigncode for PE digests, node:crypto for flat
// files). What each expectation rests on: docs/catalogs.md.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInf2Cat, resolveOsIds } from '../../src/package/index.js';
import { fixedClock } from '../../src/time/clock.js';
import { skipNote } from '../helpers/oracles.js';
import { flatDigest, hasOracleTools, osslsignedCopy, osslsigncodeMemberDigest, readCatalogWithOpenssl } from '../helpers/catalog-oracle.js';

const PACKAGES = join(import.meta.dirname, '..', '..', 'fixtures', 'packages');
const work = mkdtempSync(join(tmpdir(), 'wdksim-shapes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const ORACLE = hasOracleTools();

async function catalogue(pkg: string, os: string[]) {
  const dir = join(work, `${pkg}-${os.join('-')}`);
  cpSync(join(PACKAGES, pkg), dir, { recursive: true });
  const result = await runInf2Cat({ dir, oses: resolveOsIds(os), clock: fixedClock(new Date('2026-11-25T00:00:00Z')) });
  return { dir, result };
}

/** Checks a catalog's members with the oracle: exactly these files (path in the package, File name). */
function expectMembers(catalog: string, dir: string, expected: Array<[path: string, file: string]>, algorithm: 'sha1' | 'sha256'): void {
  const read = readCatalogWithOpenssl(catalog);
  if (!ORACLE) return;
  const { signed, ca } = osslsignedCopy(catalog, work);
  const wanted = expected.map(([path, file]) => {
    const full = join(dir, path);
    const digest = /\.(sys|dll|exe)$/i.test(path) ? osslsigncodeMemberDigest(signed, ca, full) : flatDigest(full, algorithm);
    return { digest: digest ?? `${path}: not found by osslsigncode`, file };
  });
  const sortKey = (m: { digest: string; file?: string }) => `${m.digest} ${m.file}`;
  expect(read.members.map(sortKey).sort()).toEqual(wanted.map(sortKey).sort());
}

describe.skipIf(!ORACLE)(`catalog shapes (issue 15), checked with openssl + osslsigncode${skipNote('openssl')}${skipNote('osslsigncode')}`, () => {
  it('two INFs naming one CatalogFile share one catalog holding both', async () => {
    const { dir, result } = await catalogue('shared-catalog', ['10_X64']);
    expect(result.exitCode).toBe(0);
    expect(result.catalogs.map((c) => c.path)).toEqual([join(dir, 'shared.cat')]);
    expectMembers(
      join(dir, 'shared.cat'),
      dir,
      [
        ['alpha.inf', 'alpha.inf'],
        ['alpha.sys', 'alpha.sys'],
        ['beta.inf', 'beta.inf'],
        ['beta.sys', 'beta.sys'],
      ],
      'sha256',
    );
    const attrs = readCatalogWithOpenssl(join(dir, 'shared.cat')).attributes;
    expect(attrs.map((a) => `${a.name}=${a.value}`)).toEqual(['OS=_v100_X64', 'HWID2=root\\shapebeta', 'HWID1=root\\shapealpha']);
  });

  it('x86 + x64 under i386/ and amd64/ with one undecorated CatalogFile: one catalog, both copies of each file', async () => {
    const { dir, result } = await catalogue('x86-x64-one-catalog', ['10_X64']);
    expect(result.exitCode).toBe(0);
    expectMembers(
      join(dir, 'twin.cat'),
      dir,
      [
        ['twin.inf', 'twin.inf'],
        ['i386/twin.sys', 'twin.sys'],
        ['i386/twinco.dll', 'twinco.dll'],
        ['amd64/twin.sys', 'twin.sys'],
        ['amd64/twinco.dll', 'twinco.dll'],
      ],
      'sha256',
    );
  });

  it('CatalogFile.NTARM + .NTARM64: two catalogs, each with both .sys; NTarm64-only Models catalog for 6_3_ARM', async () => {
    const { dir, result } = await catalogue('arm-arm64', ['6_3_ARM', '10_RS3_ARM64']);
    expect(result.diagnostics).toEqual([]);
    for (const cat of ['touch_arm.cat', 'touch_arm64.cat']) {
      expectMembers(
        join(dir, cat),
        dir,
        [
          ['touch.inf', 'touch.inf'],
          ['arm/touch.sys', 'touch.sys'],
          ['arm64/touch.sys', 'touch.sys'],
        ],
        'sha256',
      );
    }
    expect(readCatalogWithOpenssl(join(dir, 'touch_arm.cat')).attributes.map((a) => `${a.name}=${a.value}`)).toEqual(['OS=_v63_ARM', 'HWID1=acpi\\touch01']);
  });

  it('a file renamed by CopyFiles is recorded under its destination name; an x86 catalog lists the x64 co-installer', async () => {
    const { dir, result } = await catalogue('renamed-and-coinstallers', ['7_X86', '10_X64']);
    expect(result.exitCode).toBe(0);
    const all: Array<[string, string]> = [
      ['ren.inf', 'ren.inf'],
      ['ren.sys', 'ren.sys'],
      ['renhelp32.dll', 'renhelp.dll'],
      ['renhelp64.dll', 'renhelp.dll'],
      ['x86/renco.dll', 'renco.dll'],
      ['x64/renco.dll', 'renco.dll'],
    ];
    expectMembers(join(dir, 'ren32.cat'), dir, all, 'sha1');
    expectMembers(join(dir, 'ren64.cat'), dir, all, 'sha256');
    // HWIDn: every Models section, the amd64-only ID too, in the x86 catalog.
    expect(readCatalogWithOpenssl(join(dir, 'ren32.cat')).attributes.map((a) => `${a.name}=${a.value}`)).toEqual([
      'OS=7X86',
      'HWID2=pci\\ven_1af4&dev_1041',
      'HWID1=pci\\ven_1af4&dev_1000',
    ]);
  });

  it('files missing only for an untargeted architecture: /os:10_X64 catalogs, /os:10_RS3_ARM64 fails 22.9.1', async () => {
    const x64 = await catalogue('missing-untargeted', ['10_X64']);
    expect(x64.result.exitCode).toBe(0);
    expectMembers(
      join(x64.dir, 'part.cat'),
      x64.dir,
      [
        ['part.inf', 'part.inf'],
        ['x86/part.sys', 'part.sys'],
        ['x64/part.sys', 'part.sys'],
      ],
      'sha256',
    );
    const arm64 = await catalogue('missing-untargeted', ['10_RS3_ARM64']);
    expect(arm64.result.exitCode).toBe(254);
    expect(arm64.result.diagnostics.map((d) => d.code)).toEqual(['22.9.1']);
    expect(arm64.result.written).toBe(false);
  });

  it('two INFs naming two catalogs: each catalog holds its own INF and files, and only its own INF HWIDs (as Inf2Cat writes them; WHQL pipeline catalogs list both)', async () => {
    const { dir, result } = await catalogue('two-infs', ['10_VB_X64']);
    expect(result.exitCode).toBe(0);
    expectMembers(
      join(dir, 'first.cat'),
      dir,
      [
        ['first.inf', 'first.inf'],
        ['KmdfHelloWorld.sys', 'kmdfhelloworld.sys'],
      ],
      'sha256',
    );
    expectMembers(
      join(dir, 'second.cat'),
      dir,
      [
        ['second.inf', 'second.inf'],
        ['KmdfHelloWorld.sys', 'kmdfhelloworld.sys'],
      ],
      'sha256',
    );
    const hwids = (cat: string) => readCatalogWithOpenssl(join(dir, cat)).attributes.map((a) => `${a.name}=${a.value}`);
    expect(hwids('first.cat')).toEqual(['OS=_v100_X64_Vb', 'HWID1=root\\kmdfhelloworld']);
    expect(hwids('second.cat')).toEqual(['OS=_v100_X64_Vb', 'HWID1=root\\secondhello']);
  });

  it('LayoutFile=layout.inf: usbser.sys in no [SourceDisksFiles] is no 22.9.10, and the catalog holds only the INF', async () => {
    const { dir, result } = await catalogue('layoutfile', ['XP_X86', '10_X64']);
    expect(result.diagnostics).toEqual([]);
    expect(result.exitCode).toBe(0);
    expectMembers(join(dir, 'cdcser.cat'), dir, [['cdcser.inf', 'cdcser.inf']], 'sha1');
  });
});

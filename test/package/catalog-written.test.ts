// The catalog inf2cat writes, read back with the catalog reader: members,
// their OSAttr, PE-ness, and the OS / HWIDn attributes in Inf2Cat's order.
import { cpSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog/index.js';
import { run } from '../../src/commands/inf2cat.js';
import { memoryContext } from '../../src/io.js';
import { REPO_ROOT, tempDir } from '../helpers/cli.js';

async function inf2cat(pkg: string, args: string[]) {
  const dir = realpathSync(tempDir('wdksim-inf2cat-cat-'));
  cpSync(join(REPO_ROOT, 'fixtures', 'packages', pkg), join(dir, pkg), { recursive: true });
  const ctx = memoryContext({ cwd: dir, now: '2026-11-24T12:00:00Z', env: { TZ: 'UTC' } });
  const code = await run([`/driver:${pkg}`, ...args], ctx);
  return { code, dir: join(dir, pkg), out: ctx.out.join('') };
}

describe('catalog written by inf2cat', () => {
  it('KMDF hello world, Windows 10 x64: v2, INF flat + driver PE, OS then HWID1', async () => {
    const r = await inf2cat('KmdfHelloWorld', ['/os:10_VB_X64']);
    expect(r.code).toBe(0);
    const cat = readCatalog(readFileSync(join(r.dir, 'kmdfhelloworld.cat')));
    expect(cat.version).toBe(2);
    expect(cat.thisUpdate?.toISOString()).toBe('2026-11-24T12:00:00.000Z');
    const named = cat.members.filter((m) => m.fileName);
    // Each file twice: the SHA-256 member and its SHA-1 entry, which carries File and OSAttr
    // too in real Inf2Cat v2 catalogs (docs/catalogs.md).
    expect(
      named
        .filter((m) => !m.shadow)
        .map((m) => [m.fileName, m.isPe])
        .sort(),
    ).toEqual([
      ['kmdfhelloworld.inf', false],
      ['kmdfhelloworld.sys', true],
    ]);
    expect(
      named
        .filter((m) => m.shadow)
        .map((m) => [m.fileName, m.tagBytes.length])
        .sort(),
    ).toEqual([
      ['kmdfhelloworld.inf', 20],
      ['kmdfhelloworld.sys', 20],
    ]);
    for (const m of named) expect(m.attributes.find((a) => a.name === 'OSAttr')?.value).toBe('2:10.0');
    expect(cat.attributes.map((a) => `${a.name}=${a.value}`)).toEqual(['OS=_v100_X64_Vb', 'HWID1=root\\kmdfhelloworld']);
  });

  it('Windows 7 and 10 x86 together: v1 (SHA-1), OSAttr lists both versions', async () => {
    const r = await inf2cat('multi-arch', ['/os:7_X86,10_X86']);
    expect(r.code).toBe(0);
    const cat = readCatalog(readFileSync(join(r.dir, 'multi32.cat')));
    expect(cat.version).toBe(1);
    expect(cat.members.map((m) => m.fileName).sort()).toEqual(['multi.inf', 'multi.sys', 'multi32helper.dll', 'readme.txt']);
    expect(cat.members.every((m) => m.hashAlgorithm === 'sha1')).toBe(true);
    expect(cat.members[0]!.attributes.find((a) => a.name === 'OSAttr')?.value).toBe('2:6.1,2:10.0');
    // The IDs of every Models section, the amd64-only ACPI one too (docs/catalogs.md).
    expect(cat.attributes.map((a) => a.name)).toEqual(['OS', 'HWID3', 'HWID2', 'HWID1']);
  });
});

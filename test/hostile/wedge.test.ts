// Conditions that used to fail only after the commit point, leaving a journal
// that every later command tripped over ("internal error" forever, issue 23):
// each is now found before the commit point. The install is refused with a
// clear message, nothing outside changes, and a later good install and
// `target verify` succeed.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { World, hostileInf, type Holes } from './world.js';

const CJK = '驱'.repeat(94); // 94 characters, 282 bytes in UTF-8: legal on Windows, too long for this host
const LONG_DIR = Array.from({ length: 17 }, (_, i) => `${i}${'驱'.repeat(80)}`).join('\\'); // each component ≤ 255 bytes, the whole over 4,096

const CASES: { name: string; holes: Holes; message: RegExp }[] = [
  { name: 'CopyFiles onto an existing folder', holes: { destdirs: 'Evil_Files = 11', files: 'drivers,evil.sys' }, message: /existing folder; a file cannot be copied onto it/ },
  { name: 'DelFiles naming a folder', holes: { destdirs: 'Evil_Del2 = 11', extra: 'DelFiles=Evil_Del2\n\n[Evil_Del2]\ndrivers' }, message: /to delete is a folder, not a file/ },
  { name: 'a file name of 94 CJK characters (over 255 bytes here)', holes: { files: `${CJK}.sys,evil.sys` }, message: /bytes in UTF-8, more than the 255/ },
  { name: 'a destination path over 4,096 bytes', holes: { destdirs: `Evil_Files = -1, C:\\${LONG_DIR}` }, message: /more than the 4095 it allows/ },
  {
    name: "a destination onto wdksim's own state mark, in another case (.WDKSIM)",
    holes: { destdirs: 'Evil_Files = -1, C:\\.WDKSIM', files: 'state.mark,evil.sys' },
    message: /wdksim's own bookkeeping/,
  },
  { name: "a destination inside wdksim's own folder (.wdksim)", holes: { destdirs: 'Evil_Files = -1, C:\\.wdksim\\journal' }, message: /wdksim's own bookkeeping/ },
];

let world: World | undefined;
afterEach(() => {
  world?.dispose();
  world = undefined;
});

describe('failures found before the commit point never wedge the target', () => {
  for (const c of CASES) {
    it(
      c.name,
      async () => {
        const w = (world = new World());
        await w.init();
        await w.pkg(`\uFEFF${hostileInf(c.holes)}`); // UTF-8 with a BOM, so the CJK names are read as written
        await w.pkg(hostileInf({}), { 'evil.sys': 'MZ good' }, 'evil.cat', 'good');
        expect((await w.run(['deploy', 'good'])).code).toBe(0);
        const before = await w.snapshot('target', 'pkg', 'good');
        const r = await w.run(['devcon', 'install', 'pkg/evil.inf', 'Root\\Evil']);
        expect(r.code, r.stdout + r.stderr).toBe(2);
        expect(r.stdout + r.stderr).toMatch(c.message);
        expect(r.stderr).not.toMatch(/internal error/);
        expect(await w.snapshot('target', 'pkg', 'good')).toEqual(before);
        expect(w.victim()).toBe('do not touch');
        // No journal left behind, and the target takes the next good install.
        const journal = join(w.base, 'target', '.wdksim', 'journal');
        mkdirSync(journal, { recursive: true });
        expect(readdirSync(journal)).toEqual([]);
        const good = await w.run(['devcon', 'install', 'good/evil.inf', 'Root\\Evil']);
        expect(good.code, good.stdout + good.stderr).toBe(0);
        const verify = await w.run(['target', 'verify']);
        expect(verify.code, verify.stdout).toBe(0);
      },
      60_000,
    );
  }
});

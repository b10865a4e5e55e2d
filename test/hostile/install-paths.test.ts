// Path traversal and hostile names in every place an INF can put a path,
// through `deploy PKG --install` (in-process, the CLI's own code path): each is
// refused with a one-line message naming the problem, or (where Windows
// accepts it) lands inside the target; nothing outside the target changes,
// and the target verifies afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, symlinkSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { crashSigns } from '../stress/child.js';
import { hostileInf, World, type Holes } from './world.js';

interface Case {
  name: string;
  holes: Holes;
  files?: Record<string, string>;
  /** Raw bytes patch of the INF text (for NUL and the like). */
  patch?: (inf: string) => string;
  prepare?: (w: World) => void;
  /** undefined: the install must succeed inside the target. */
  refused?: RegExp;
  /** A file (target-relative) the accepted install must have written. */
  lands?: string;
  /** A known bug: the case is expected to fail until it is fixed (it.fails). */
  knownBug?: string;
}

const CASES: Case[] = [
  // SourceDisksFiles / SourceDisksNames: where files are read from.
  { name: 'SourceDisksFiles subdirectory with ..', holes: { sdf: 'evil.sys = 1,..\\..\\outside' }, refused: /\.\./ },
  { name: 'SourceDisksFiles name with ..', holes: { sdf: '..\\..\\outside\\victim.txt = 1', files: '..\\..\\outside\\victim.txt' }, refused: /\.\./ },
  { name: 'SourceDisksFiles subdirectory absolute', holes: { sdf: 'evil.sys = 1,/etc' }, refused: /etc.evil\.sys is named by the INF but not in the package/ }, // a leading \ or / is relative to the source root, as on Windows
  { name: 'SourceDisksNames path with ..', holes: { diskPath: '..\\..\\outside' }, refused: /\.\./ },
  { name: 'SourceDisksNames path on another drive', holes: { diskPath: 'D:\\secrets' }, refused: /absolute|drive/ },
  { name: 'SourceDisksNames UNC path', holes: { diskPath: '\\\\server\\share' }, refused: /server.share.evil\.sys is named by the INF but not in the package/ }, // leading separators: relative to the package
  // CopyFiles: file-list names and the @ form.
  { name: 'CopyFiles list entry with ..', holes: { files: '..\\..\\..\\..\\outside\\evil.sys', sdf: 'evil.sys = 1' }, refused: /\.\./ },
  { name: 'CopyFiles @ form with ..', holes: { copyfiles: '@..\\..\\..\\..\\outside\\victim.txt' }, refused: /\.\./ },
  { name: 'CopyFiles @ form with an absolute path', holes: { copyfiles: '@/etc/passwd' }, refused: /absolute|\/etc|\.\.|not|invalid/ },
  { name: 'CopyFiles @ form naming CON', holes: { copyfiles: '@CON' }, refused: /reserved device name/ },
  { name: 'CopyFiles destination renamed with ..', holes: { files: '..\\..\\..\\..\\outside\\victim.txt,evil.sys' }, refused: /\.\./ },
  // DestinationDirs: DIRID -1, odd DIRIDs, subdirectories.
  { name: 'DestinationDirs DIRID -1 to a host path', holes: { destdirs: 'Evil_Files = -1,/tmp/wdksim-evil' }, refused: /system drive|absolute/ },
  { name: 'DestinationDirs DIRID -1 climbing out of C:', holes: { destdirs: 'Evil_Files = -1,C:\\..\\..\\outside' }, refused: /\.\./ },
  { name: 'DestinationDirs DIRID -1 to another drive', holes: { destdirs: 'Evil_Files = -1,D:\\evil' }, refused: /system drive/ },
  { name: 'DestinationDirs DIRID -1 to a device path', holes: { destdirs: 'Evil_Files = -1,\\\\?\\C:\\evil' }, refused: /device|UNC|system drive|absolute|invalid/ },
  { name: 'DestinationDirs DIRID 65535 to another drive', holes: { destdirs: 'Evil_Files = 65535,D:\\evil' }, refused: /system drive/ },
  { name: 'DestinationDirs subdirectory with ..', holes: { destdirs: 'Evil_Files = 12,..\\..\\..\\..\\outside' }, refused: /\.\./ },
  { name: 'DestinationDirs subdirectory absolute', holes: { destdirs: 'Evil_Files = 12,C:\\outside' }, refused: /absolute|C:|drive/ },
  { name: 'DestinationDirs unknown DIRID 99999', holes: { destdirs: 'Evil_Files = 99999' }, refused: /DIRID|99999/ },
  { name: 'DestinationDirs DIRID -2', holes: { destdirs: 'Evil_Files = -2' }, refused: /DIRID|-2/ },
  { name: 'DestinationDirs DIRID in hex, huge', holes: { destdirs: 'Evil_Files = 0x7fffffff' }, refused: /DIRID|0x7fffffff|2147483647/ },
  { name: 'DestinationDirs DIRID 16422 (Program Files) climbing out', holes: { destdirs: 'Evil_Files = 16422,..\\..\\..\\..\\..' }, refused: /\.\./ },
  // Windows-special names.
  { name: 'reserved name CON.sys', holes: { files: 'CON.sys,evil.sys' }, refused: /reserved device name/ },
  { name: 'reserved name NUL', holes: { files: 'NUL,evil.sys' }, refused: /reserved device name/ },
  { name: 'reserved name COM1', holes: { files: 'com1,evil.sys' }, refused: /reserved device name/ },
  { name: 'reserved name LPT9.txt', holes: { files: 'LPT9.txt,evil.sys' }, refused: /reserved device name/ },
  { name: 'trailing dot', holes: { files: 'evil2.sys.,evil.sys' }, refused: /ends with a dot or a space/ },
  // Trailing blanks are trimmed from a token (even quoted), so this is the name evil2.sys, inside the target.
  { name: 'trailing space (trimmed like any token)', holes: { files: '"evil2.sys ",evil.sys' }, lands: 'Windows/System32/drivers/evil2.sys' },
  { name: 'a NUL inside a name', holes: { files: 'evil2@NUL@.sys,evil.sys' }, patch: (t) => t.replace('@NUL@', '\0'), lands: 'Windows/System32/drivers/evil2 .sys' }, // inf-format §1: a NUL inside a token reads as a space
  { name: 'a control character inside a name', holes: { files: 'evil2\x01.sys,evil.sys' }, refused: /a character Windows does not allow in file names/ },
  { name: 'a colon (alternate data stream) in a name', holes: { files: 'evil.sys:stream,evil.sys' }, refused: /[:]|invalid|character/ },
  // Other directives that name paths.
  { name: 'DelFiles climbing out', holes: { extra: 'DelFiles=Evil_Del', destdirs: 'Evil_Del = 12' }, refused: /\.\./ },
  {
    name: 'RenFiles climbing out',
    holes: { extra: 'RenFiles=Evil_Ren\n\n[Evil_Ren]\n..\\..\\..\\..\\outside\\victim.txt,evil.sys\n', destdirs: 'Evil_Ren = 12' },
    refused: /\.\./,
  },
  { name: 'CatalogFile with ..', holes: { catalog: '..\\outside\\victim.txt' }, refused: /\.\.|catalog/i },
  { name: 'CatalogFile absolute', holes: { catalog: '/etc/passwd' }, refused: /absolute|catalog|\/etc/i },
  { name: 'Include naming an INF outside', holes: { extra: 'Include=..\\..\\..\\outside\\victim.inf,/etc/passwd\nNeeds=Evil_Device.NT' } },
  { name: 'ServiceBinary climbing out', holes: {}, patch: (t) => t.replace('ServiceBinary = %12%\\evil.sys', 'ServiceBinary = %12%\\..\\..\\..\\..\\outside\\victim.txt') },
  // Case-colliding names: one Windows file; the INF's file is installed once.
  { name: 'case-colliding package files', holes: { files: 'evil.sys\nEVIL.SYS', sdf: 'evil.sys = 1\nEVIL.SYS = 1' }, files: { 'evil.sys': 'MZ evil', 'EVIL.SYS': 'MZ EVIL' } },
  // Symbolic links in the package and in the target.
  {
    name: 'package file is a symbolic link to a file outside',
    holes: {},
    prepare: (w) => {
      rmSync(join(w.base, 'pkg', 'evil.sys'));
      symlinkSync(join(w.base, 'outside', 'victim.txt'), join(w.base, 'pkg', 'evil.sys'));
    },
    refused: /symbolic link|outside|changed after the catalog/,
  },
  {
    name: 'target System32\\drivers is a symbolic link out of the target',
    holes: {},
    prepare: (w) => {
      rmSync(join(w.base, 'target', 'Windows', 'System32', 'drivers'), { recursive: true });
      symlinkSync(join(w.base, 'outside'), join(w.base, 'target', 'Windows', 'System32', 'drivers'));
    },
    refused: /symbolic link/,
  },
  {
    name: 'target DriverTest\\Drivers is a symbolic link out of the target',
    holes: {},
    prepare: (w) => {
      rmSync(join(w.base, 'target', 'DriverTest', 'Drivers'), { recursive: true });
      symlinkSync(join(w.base, 'outside'), join(w.base, 'target', 'DriverTest', 'Drivers'));
    },
    refused: /symbolic link/,
  },
  {
    name: 'target Windows\\INF is a symbolic link out of the target',
    holes: {},
    prepare: (w) => {
      rmSync(join(w.base, 'target', 'Windows', 'INF'), { recursive: true });
      mkdirSync(join(w.base, 'outside', 'inf'));
      symlinkSync(join(w.base, 'outside', 'inf'), join(w.base, 'target', 'Windows', 'INF'));
    },
    // Was a bug (the failed install's setupapi.dev.log section went through the link); fixed in b04a0af.
    refused: /symbolic link/,
  },
  {
    name: 'a pre-planted symbolic link where deploy copies the INF',
    holes: {},
    prepare: (w) => symlinkSync(join(w.base, 'outside', 'victim.txt'), join(w.base, 'target', 'DriverTest', 'Drivers', 'evil.inf')),
    refused: /symbolic link/,
  },
  {
    name: 'a pre-planted symbolic link where the driver will be copied',
    holes: {},
    prepare: (w) => {
      symlinkSync(join(w.base, 'outside', 'victim.txt'), join(w.base, 'target', 'Windows', 'System32', 'drivers', 'evil.sys'));
    },
    refused: /symbolic link/,
  },
];

let world: World | undefined;
afterEach(() => world?.dispose());

describe('hostile packages through deploy --install', () => {
  for (const c of CASES) {
    (c.knownBug ? it.fails : it)(c.knownBug ? `${c.name} [known bug: ${c.knownBug}]` : c.name, async () => {
      const w = (world = new World());
      await w.init();
      const inf = c.patch ? c.patch(hostileInf(c.holes)) : hostileInf(c.holes);
      await w.pkg(inf, c.files ?? { 'evil.sys': 'MZ evil' }, 'evil.cat');
      // A symlinked DriverTest would make deploy itself the attacker's tool: prepare first.
      c.prepare?.(w);
      const before = await w.snapshot('target');
      const r = await w.run(['deploy', 'pkg', '--install', 'Root\\Evil']);
      const outcome = `exit ${r.code}: ${r.stderr.trim()}`;
      expect(crashSigns(r.stderr), outcome).toBeUndefined();
      if (c.refused) {
        expect(r.code, outcome).toBe(2);
        expect(r.stderr, outcome).toMatch(c.refused);
      } else {
        expect([0, 1], outcome).toContain(r.code);
        if (c.lands) expect(existsSync(join(w.base, 'target', c.lands)), `${c.lands} in the target`).toBe(true);
      }
      expect(await w.snapshot('target')).toEqual(before);
      expect(w.victim()).toBe('do not touch');
      if (!c.prepare) {
        const v = await w.run(['target', 'verify']);
        expect(v.code, v.stdout + v.stderr).toBe(0);
      }
    });
  }
});

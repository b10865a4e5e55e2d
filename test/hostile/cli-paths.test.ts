// Hostile names that reach the file-writing tools through the command line or
// the INF: inf2cat's CatalogFile (traversal, absolute, a package file's own
// name, a planted symbolic link), catalog member names, and deploy's arguments. Nothing outside the output folder (the package
// for inf2cat/signtool, the target for deploy) may change; errors are clear.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, linkSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey } from 'node:crypto';
import { createCatalog } from '../../src/catalog/create.js';
import { signCatalog } from '../../src/catalog/sign.js';
import { testCertificate } from '../machine/helpers.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { crashSigns } from '../stress/child.js';
import { hostileInf, World } from './world.js';

const HELLO = join(REPO_ROOT, 'fixtures', 'packages', 'KmdfHelloWorld');
let world: World | undefined;
afterEach(() => world?.dispose());

function hello(w: World, catalogFile?: string): void {
  cpSync(HELLO, join(w.base, 'pkg'), { recursive: true });
  if (catalogFile !== undefined) {
    const inf = join(w.base, 'pkg', 'KmdfHelloWorld.inf');
    writeFileSync(inf, readFileSync(inf, 'latin1').replace(/^CatalogFile=.*$/m, `CatalogFile=${catalogFile}`), 'latin1');
  }
}

describe('inf2cat: CatalogFile and package names', () => {
  const cat = (w: World) => join(w.base, 'pkg', 'kmdfhelloworld.cat');
  const cases: { name: string; catalog: string; code: number; message?: RegExp; prepare?: (w: World) => void; cleanup?: (w: World) => void }[] = [
    { name: 'CatalogFile with ..\\ stays in the package folder', catalog: '..\\..\\outside\\evil.cat', code: 0 },
    { name: 'CatalogFile with ../ stays in the package folder', catalog: '../outside/evil.cat', code: 0 },
    { name: 'CatalogFile with an absolute path stays in the package folder', catalog: '/tmp/wdksim-evil.cat', code: 0 },
    { name: 'CatalogFile naming the driver binary is refused (it would overwrite it)', catalog: 'KmdfHelloWorld.sys', code: 255, message: /names a file of the driver package/ },
    { name: 'CatalogFile naming the INF itself, other case, is refused', catalog: 'kmdfhelloworld.INF', code: 255, message: /names a file of the driver package/ },
    {
      name: 'a planted symbolic link where the catalog goes is refused, not followed',
      catalog: 'KmdfHelloWorld.cat',
      code: 255,
      message: /KmdfHelloWorld\.cat is a symbolic link; refused: wdksim never writes through a link/,
      prepare: (w) => symlinkSync(join(w.base, 'outside', 'victim.txt'), join(w.base, 'pkg', 'KmdfHelloWorld.cat')),
      cleanup: (w) => rmSync(join(w.base, 'pkg', 'KmdfHelloWorld.cat')),
    },
    // The output-folder layer (src/fs/host-write.ts): the catalog's own name, planted.
    {
      name: 'a symbolic link at the catalog name itself is refused, not followed',
      catalog: 'KmdfHelloWorld.cat',
      code: 255,
      message: /kmdfhelloworld\.cat is a symbolic link; refused/,
      prepare: (w) => symlinkSync(join(w.base, 'outside', 'victim.txt'), cat(w)),
      cleanup: (w) => rmSync(cat(w)),
    },
    {
      name: 'the catalog name pre-created as a hard link to an outside file is refused, the outside file untouched',
      catalog: 'KmdfHelloWorld.cat',
      code: 255,
      message: /kmdfhelloworld\.cat is a file with 2 hard links \(another name, perhaps outside, shares its bytes\); refused/,
      prepare: (w) => linkSync(join(w.base, 'outside', 'victim.txt'), cat(w)),
      cleanup: (w) => rmSync(cat(w)),
    },
    {
      name: 'a FIFO at the catalog name is refused, never opened',
      catalog: 'KmdfHelloWorld.cat',
      code: 255,
      message: /kmdfhelloworld\.cat is a FIFO, socket or device file; refused/,
      prepare: (w) => execFileSync('mkfifo', [cat(w)]),
      cleanup: (w) => rmSync(cat(w)),
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const w = (world = new World());
      hello(w, c.catalog);
      c.prepare?.(w);
      const before = await w.snapshot('pkg');
      const sys = readFileSync(join(w.base, 'pkg', 'KmdfHelloWorld.sys'));
      const inf = readFileSync(join(w.base, 'pkg', 'KmdfHelloWorld.inf'));
      const r = await w.run(['inf2cat', '/driver:pkg', '/os:10_X64']);
      const outcome = `exit ${r.code}: ${r.stdout.slice(-300)} ${r.stderr}`;
      expect(crashSigns(r.stderr + r.stdout), outcome).toBeUndefined();
      expect(r.code, outcome).toBe(c.code);
      if (c.message) expect(r.stdout, outcome).toMatch(c.message);
      expect(await w.snapshot('pkg')).toEqual(before);
      expect(w.victim()).toBe('do not touch');
      expect(readFileSync(join(w.base, 'pkg', 'KmdfHelloWorld.sys')).equals(sys)).toBe(true);
      expect(readFileSync(join(w.base, 'pkg', 'KmdfHelloWorld.inf')).equals(inf)).toBe(true);
      if (c.code === 0) expect(readdirSync(join(w.base, 'pkg')).filter((n) => /\.cat$/i.test(n))).toHaveLength(1);
      if (c.cleanup) {
        // Once the planted entry is gone, the same run succeeds.
        c.cleanup(w);
        const again = await w.run(['inf2cat', '/driver:pkg', '/os:10_X64']);
        expect(again.code, again.stdout + again.stderr).toBe(0);
        expect(w.victim()).toBe('do not touch');
      }
    });
  }

  it('a SourceDisksFiles name climbing out of the package is not hashed into the catalog', async () => {
    const w = (world = new World());
    hello(w);
    const inf = join(w.base, 'pkg', 'KmdfHelloWorld.inf');
    writeFileSync(
      inf,
      readFileSync(inf, 'latin1')
        .replace('KmdfHelloWorld.sys  = 1,,', 'KmdfHelloWorld.sys  = 1,,\r\n..\\outside\\victim.txt = 1')
        .replace('[Drivers_Dir]\r\n', '[Drivers_Dir]\r\n..\\outside\\victim.txt\r\n')
        .replace('[Drivers_Dir]\n', '[Drivers_Dir]\n..\\outside\\victim.txt\n'),
      'latin1',
    );
    const before = await w.snapshot('pkg');
    const r = await w.run(['inf2cat', '/driver:pkg', '/os:10_X64']);
    expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
    expect([0, 254]).toContain(r.code);
    expect(await w.snapshot('pkg')).toEqual(before);
    if (r.code === 0) {
      const dump = await w.run(['catalog', 'dump', 'pkg/kmdfhelloworld.cat']);
      expect(dump.stdout.toLowerCase()).not.toContain('victim.txt');
    }
  });
});

describe('case-colliding package files', () => {
  it('inf2cat catalogs the file the INF spells exactly; catalog verify shows the other as extra', async () => {
    const w = (world = new World());
    hello(w);
    writeFileSync(join(w.base, 'pkg', 'kmdfhelloworld.SYS'), 'MZ another driver');
    const r = await w.run(['inf2cat', '/driver:pkg', '/os:10_X64']);
    expect(r.code, r.stdout).toBe(0);
    const v = await w.run(['catalog', 'verify', 'pkg/kmdfhelloworld.cat', '--package', 'pkg']);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/OK +kmdfhelloworld\.sys \(KmdfHelloWorld\.sys\)/);
    expect(v.stdout).toMatch(/EXTRA +kmdfhelloworld\.SYS/);
  });
});

describe('catalog member names', () => {
  it('catalog verify with members named ..\\..\\x, /etc/passwd and CON reads nothing outside and writes nothing', async () => {
    const w = (world = new World());
    hello(w);
    const real = join(w.base, 'pkg', 'KmdfHelloWorld.sys');
    const names = ['..\\..\\outside\\victim.txt', '/etc/passwd', 'CON', 'a\u0000b.sys', 'kmdfhelloworld.sys'];
    const cat = await createCatalog({
      members: names.map((name) => ({ name, path: real })),
      osAttr: '2:10.0',
      catalogAttributes: [],
      version: 2,
      now: new Date('2026-11-25T00:00:00Z'),
    });
    writeFileSync(join(w.base, 'evil.cat'), cat);
    const before = await w.snapshot();
    for (const argv of [
      ['catalog', 'dump', 'evil.cat'],
      ['catalog', 'verify', 'evil.cat', '--package', 'pkg'],
    ]) {
      const r = await w.run(argv);
      expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
      // dump: 0; verify: 1 (the hostile names match no package file; the real files are extra).
      expect(r.code, `${argv.join(' ')}: ${r.stdout}${r.stderr}`).toBe(argv[1] === 'dump' ? 0 : 1);
    }
    expect(await w.snapshot()).toEqual(before);
  });
});

describe('catalog member names in a package being installed', () => {
  it('a signed catalog whose members are named ..\\..\\outside\\victim.txt and CON installs nothing outside', async () => {
    const w = (world = new World());
    await w.init();
    await w.pkg(hostileInf({}));
    const pkg = join(w.base, 'pkg');
    // Same digests as the real files, hostile names.
    const members = [
      { name: '..\\..\\outside\\victim.txt', path: join(pkg, 'evil.sys') },
      { name: 'CON', path: join(pkg, 'evil.inf') },
      { name: '/etc/passwd', path: join(pkg, 'evil.sys') },
    ];
    let cat = await createCatalog({ members, osAttr: '2:10.0', catalogAttributes: [{ name: 'OS', value: '10_X64' }], version: 2, now: new Date('2026-11-25T00:00:00Z') });
    cat = signCatalog(cat, { privateKey: createPrivateKey(testCertificate().keyPem), certificate: testCertificate().certDer, chain: [] }, { digest: 'sha256' });
    writeFileSync(join(pkg, 'evil.cat'), cat);
    const before = await w.snapshot('target');
    const r = await w.run(['deploy', 'pkg', '--install', 'Root\\Evil']);
    expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
    expect([0, 2], `exit ${r.code}: ${r.stderr}`).toContain(r.code);
    expect(await w.snapshot('target')).toEqual(before);
    expect(w.victim()).toBe('do not touch');
    expect((await w.run(['target', 'verify'])).code).toBe(0);
    // Names never become paths in the target either.
    expect((await w.snapshot()).filter((p) => /victim|passwd|\/CON\b/i.test(p) && !p.startsWith('outside/'))).toEqual([]);
  });
});

describe('deploy arguments', () => {
  const args: string[][] = [
    ['deploy', '..\\..\\..\\outside'],
    ['deploy', 'pkg\\..\\..\\outside'],
    ['deploy', ''],
    ['deploy', '/'],
    ['deploy', 'outside/victim.txt'],
    ['deploy', 'pkg', '--install', '..\\..\\..\\outside\\x'],
    ['deploy', 'pkg', '--install', 'Root\\..\\..\\..\\evil'],
    ['deploy', 'pkg', '--install', 'Root\\CON'],
    ['deploy', 'pkg/evil.inf', '--install', 'Root\\Evil\u0000x'],
    ['deploy', 'pkg/evil.inf', '--install', ''],
  ];
  for (const argv of args) {
    it(JSON.stringify(argv.slice(1)), async () => {
      const w = (world = new World());
      await w.init();
      await w.pkg(hostileInf({}));
      const before = await w.snapshot('target');
      const r = await w.run(argv);
      expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
      expect([0, 1, 2], `exit ${r.code}: ${r.stderr}`).toContain(r.code);
      if (r.code === 2) expect(r.stderr.trim()).not.toBe('');
      expect(await w.snapshot('target')).toEqual(before);
      expect(w.victim()).toBe('do not touch');
      const v = await w.run(['target', 'verify']);
      expect(v.code, v.stdout).toBe(0);
      // Device IDs never become paths: no file or folder named after the hostile ID anywhere.
      const tree = await w.snapshot();
      expect(tree.filter((p) => /evil[^./]*\/|outside\/x/i.test(p) && !p.startsWith('pkg/'))).toEqual([]);
    });
  }
});

describe('deletion arguments naming paths', () => {
  const names = [
    '../../outside/victim.inf',
    '..\\..\\..\\outside\\victim.inf',
    'oem0.inf\\..\\..\\..\\..\\outside\\victim.inf',
    'C:\\Windows\\INF\\..\\..\\..\\outside\\victim.inf',
    'machine.inf',
    'setupapi.dev.log',
  ];
  it('devcon dp_delete and pnputil /delete-driver delete only published oemN.inf packages, never a path', async () => {
    const w = (world = new World());
    await w.init();
    writeFileSync(join(w.base, 'outside', 'victim.inf'), 'keep');
    const before = await w.snapshot();
    for (const name of names) {
      for (const argv of [
        ['devcon', 'dp_delete', name],
        ['pnputil', '/delete-driver', name, '/uninstall', '/force'],
      ]) {
        const r = await w.run(argv);
        expect(crashSigns(r.stderr), r.stderr).toBeUndefined();
        // devcon: 2 failure; pnputil: 58 (0xE000023A low byte: not an installed OEM INF).
        expect(argv[0] === 'devcon' ? 2 : 58, `${argv.join(' ')}: ${r.stdout}${r.stderr}`).toBe(r.code);
      }
    }
    expect(await w.snapshot()).toEqual(before);
    expect((await w.run(['target', 'verify'])).code).toBe(0);
  });
});

// Test helpers: a fresh target in a temp folder, and signed driver packages
// built with the catalog engine (real catalogs, real test certificates).
import { mkdtemp, mkdir, readFile, rm, writeFile, readdir, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createCatalog } from '../../src/catalog/create.js';
import { signCatalog } from '../../src/catalog/sign.js';
import { createTestCertificate, type TestCertificate } from '../../src/catalog/test-certificate.js';
import { createPrivateKey } from 'node:crypto';
import { memoryContext } from '../../src/io.js';
import { findOs } from '../../src/machine/os.js';
import { provisionTarget } from '../../src/machine/provision.js';
import { Target } from '../../src/machine/target.js';
import { deployPackage, installDriverOnDevices } from '../../src/machine/index.js';

export const NOW = '2026-11-25T12:00:00Z';

export async function tempDir(prefix = 'wdksim-target-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function newTarget(options: { os?: string; arch?: 'amd64' | 'x86' | 'arm64'; testsigning?: boolean; dir?: string; env?: Record<string, string> } = {}) {
  const base = options.dir ?? (await tempDir());
  const root = join(base, 'target');
  const ctx = memoryContext({ cwd: base, now: NOW, env: { TZ: 'UTC', WDKSIM_VALIDATE_STATE: '1', ...options.env } });
  await provisionTarget(root, ctx, {
    os: findOs(options.os ?? 'win11-23h2')!,
    arch: options.arch ?? 'amd64',
    testsigning: options.testsigning ?? true,
    kdnet: { port: 50000, key: '1.2.3.4' },
  });
  return { base, root, ctx, target: new Target(root, ctx) };
}

let cachedCert: TestCertificate | undefined;
export function testCertificate(): TestCertificate {
  cachedCert ??= createTestCertificate({ subject: 'CN=WDKTestCert wdksim,134000000000000000', days: 3650, now: new Date('2026-01-01T00:00:00Z'), keyBits: 1024 });
  return cachedCert;
}

/** Writes a package (INF + files), makes a catalog of the INF and files, signs it, writes the .cer. */
export async function makePackage(
  dir: string,
  infName: string,
  infText: string,
  files: Record<string, Buffer | string>,
  options: { catalogName?: string; sign?: boolean; cert?: TestCertificate; catalogFiles?: string[] } = {},
): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, infName), infText.replace(/\n/g, '\r\n'));
  for (const [name, data] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), data);
  }
  const catalogName = options.catalogName ?? infName.replace(/\.inf$/i, '.cat');
  const members = [infName, ...(options.catalogFiles ?? Object.keys(files))].map((name) => ({ name: name.split('/').pop()!, path: join(dir, name) }));
  let cat = await createCatalog({ members, osAttr: '2:10.0', catalogAttributes: [{ name: 'OS', value: '10_X64' }], version: 2, now: new Date(NOW) });
  const cert = options.cert ?? testCertificate();
  if (options.sign !== false) {
    cat = signCatalog(cat, { privateKey: createPrivateKey(cert.keyPem), certificate: cert.certDer, chain: [] }, { digest: 'sha256' });
  }
  await writeFile(join(dir, catalogName), cat);
  await writeFile(join(dir, 'package.cer'), cert.certDer);
  return join(dir, infName);
}

const HELLO_WORLD = join(import.meta.dirname, '../../fixtures/packages/KmdfHelloWorld');

/**
 * Deploys and installs `count` copies of the KmdfHelloWorld fixture, each its own package
 * (`<name><i>.inf` and catalog) on its own root device (hardware ID `Root\<name><i>`).
 */
export async function installHelloWorldCopies(t: Awaited<ReturnType<typeof newTarget>>, name: string, count: number): Promise<void> {
  const inf = (await readFile(join(HELLO_WORLD, 'KmdfHelloWorld.inf'), 'utf8')).replace(/\r\n/g, '\n');
  const sys = await readFile(join(HELLO_WORLD, 'KmdfHelloWorld.sys'));
  for (let i = 0; i < count; i++) {
    const hwid = `Root\\${name}${i}`;
    const text = inf.replace(/Root\\KmdfHelloWorld/g, hwid).replace(/KmdfHelloWorld\.cat/g, `${name}${i}.cat`);
    await makePackage(join(t.base, `${name}-p${i}`), `${name}${i}.inf`, text, { 'KmdfHelloWorld.sys': sys });
    const deployed = await t.target.transaction('deploy', (tx) => deployPackage(tx, `${name}-p${i}`));
    await t.target.transaction('install', (tx) => installDriverOnDevices(tx, { infPath: deployed.infs[0]!, hardwareId: hwid, createRootDevice: true, force: true }));
  }
}

/** Every file and directory under dir (relative paths) with sizes: to prove nothing else changed. */
export async function treeSnapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string, rel: string): Promise<void> {
    for (const name of (await readdir(d)).sort()) {
      const abs = join(d, name);
      const info = await lstat(abs);
      const r = rel ? `${rel}/${name}` : name;
      if (info.isDirectory()) {
        out.push(`${r}/`);
        await walk(abs, r);
      } else {
        out.push(`${r} ${info.size}`);
      }
    }
  }
  await walk(dir, '');
  return out;
}

export { readFile, rm, writeFile, join };

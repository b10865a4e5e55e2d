// Golden tests: the target tree and the state changes after installing corpus
// packages (files synthesised where the package has none) and a package whose
// decorated Models choose different sections on different Windows builds.
// Deterministic: fixed clock, fixed test certificate, fixed catalogs.
import { describe, expect, it } from 'vitest';
import { createPrivateKey } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCatalog } from '../../src/catalog/create.js';
import { signCatalog } from '../../src/catalog/sign.js';
import { parseInf } from '../../src/inf/parse.js';
import { referencedFiles } from '../../src/package/files.js';
import { catalogFileFor } from '../../src/package/catalog-file.js';
import { certificateRecord, importCertificate, installDriverOnDevices, machineState, type MachineState } from '../../src/machine/index.js';
import { verifyTarget } from '../../src/machine/verify.js';
import { NOW, newTarget, treeSnapshot } from './helpers.js';

const REPO = join(import.meta.dirname, '../..');
const CORPUS = join(REPO, 'fixtures/corpus/windows-driver-samples');
const CERT = join(REPO, 'fixtures/target/golden-test-cert.cer');
const KEY = join(REPO, 'fixtures/target/golden-test-cert.key.pem');

interface GoldenCase {
  name: string;
  inf: string;
  hwid: string;
  os?: string;
  arch?: 'amd64' | 'arm64' | 'x86';
}

const CASES: GoldenCase[] = [
  { name: 'plpolicy', inf: join(CORPUS, 'powerlimit/plpolicy/plpolicy.inf'), hwid: 'root\\PLPO0001' },
  { name: 'plpolicy-arm64', inf: join(CORPUS, 'powerlimit/plpolicy/plpolicy.inf'), hwid: 'root\\PLPO0001', arch: 'arm64' },
  { name: 'netvmini680', inf: join(CORPUS, 'network/ndis/netvmini/6x/680/netvmini680.inf'), hwid: 'root\\NetVMini680_a' },
  { name: 'gnssUmdf', inf: join(CORPUS, 'gnss/gnssUmdf/gnssUmdf.inf'), hwid: 'Root\\gnssUmdf' },
  { name: 'toastpkg', inf: join(CORPUS, 'general/toaster/toastpkg/inf/toastpkg.inf'), hwid: '{b85b7c50-6a01-11d2-b841-00c04fad5171}\\MsToaster', os: 'win10-22h2' },
  { name: 'decorated-win10-22h2', inf: join(REPO, 'fixtures/target/decorated/decorated.inf'), hwid: 'Root\\Decorated', os: 'win10-22h2' },
  { name: 'decorated-win11-23h2', inf: join(REPO, 'fixtures/target/decorated/decorated.inf'), hwid: 'Root\\Decorated', os: 'win11-23h2' },
];

/** Copies the INF (INX tokens stamped) and synthesises every file it names, then a signed catalog. */
async function buildPackage(c: GoldenCase, dir: string, arch: string): Promise<string> {
  const text = (await readFile(c.inf, 'latin1')).replace(/\$ARCH\$/g, arch);
  const infName = c.inf.split(/[\\/]/).pop()!;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, infName), text, 'latin1');
  const doc = parseInf(Buffer.from(text, 'latin1'), { file: infName });
  const members = [{ name: infName, path: join(dir, infName) }];
  for (const ref of referencedFiles(doc, arch as 'amd64')) {
    const path = join(dir, ...ref.relativePath.split('/'));
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, `synthesised ${ref.relativePath} for ${c.name}\n`);
    members.push({ name: ref.name, path });
  }
  const catalog = await createCatalog({ members, osAttr: '2:10.0', catalogAttributes: [{ name: 'OS', value: '10_X64' }], version: 2, now: new Date(NOW) });
  const signed = signCatalog(catalog, { privateKey: createPrivateKey(await readFile(KEY, 'utf8')), certificate: await readFile(CERT), chain: [] }, { digest: 'sha256' });
  await writeFile(join(dir, catalogFileFor(doc, arch as 'amd64')!.name), signed);
  return join(dir, infName);
}

/** What the install changed: new or changed registry keys, packages, devices and classes. */
function delta(before: MachineState, rawAfter: MachineState) {
  // Records in schema field order, whatever order the engine set them in.
  const after = machineState.parse(rawAfter);
  const registry: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after.registry)) {
    if (JSON.stringify(before.registry[key]) !== JSON.stringify(value)) registry[key] = value.values;
  }
  const oldDevices = new Map(before.devices.map((d) => [d.instanceId, JSON.stringify(d)]));
  return {
    os: `${after.os.id} ${after.os.arch}`,
    packages: after.packages.filter((p) => !p.inbox),
    devices: after.devices.filter((d) => oldDevices.get(d.instanceId) !== JSON.stringify(d)),
    classes: after.classes.filter((c) => !before.classes.some((b) => b.guid === c.guid)),
    registry,
    files: after.files,
  };
}

describe('golden targets after installing packages', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const arch = c.arch ?? 'amd64';
      const { base, root, target } = await newTarget({ os: c.os ?? 'win11-23h2', arch });
      await target.transaction('trust', async (tx) => {
        importCertificate(tx, certificateRecord(await readFile(CERT), 'golden-test-cert.cer'));
      });
      const before = await target.read();
      const inf = await buildPackage(c, join(base, 'pkg'), arch);
      const result = await target.transaction('install', (tx) => installDriverOnDevices(tx, { infPath: inf, hardwareId: c.hwid, createRootDevice: true, force: true }));
      expect(result.devices.length).toBeGreaterThan(0);
      const after = await target.read();
      const tree = (await treeSnapshot(root)).filter((p) => !p.startsWith('.wdksim') && !p.startsWith('wdksim-state.json') && !p.startsWith('Windows/INF/setupapi.dev.log'));
      const log = (await readFile(join(root, 'Windows/INF/setupapi.dev.log'), 'latin1')).split(base).join('<base>');
      await expect(JSON.stringify({ tree, ...delta(before, after) }, null, 2) + '\n').toMatchFileSnapshot(`goldens/${c.name}.json`);
      await expect(log).toMatchFileSnapshot(`goldens/${c.name}.setupapi.dev.log`);
      expect((await verifyTarget(target)).problems).toEqual([]);
    });
  }

  it('decorated Models choose a different DDInstall section per Windows build', async () => {
    const sections: Record<string, string | undefined> = {};
    for (const os of ['win10-22h2', 'win11-23h2', 'win11-24h2', 'server2022']) {
      const { base, target } = await newTarget({ os });
      await target.transaction('trust', async (tx) => {
        importCertificate(tx, certificateRecord(await readFile(CERT), 'golden-test-cert.cer'));
      });
      const inf = await buildPackage({ name: 'decorated', inf: join(REPO, 'fixtures/target/decorated/decorated.inf'), hwid: 'Root\\Decorated' }, join(base, 'pkg'), 'amd64');
      const r = await target.transaction('install', (tx) => installDriverOnDevices(tx, { infPath: inf, hardwareId: 'Root\\Decorated', createRootDevice: true, force: true }));
      sections[os] = r.devices[0]?.driver?.section;
    }
    expect(sections).toEqual({ 'win10-22h2': 'Win10_Install.NT', 'win11-23h2': 'Win11_Install.NTamd64', 'win11-24h2': 'Win11_Install.NTamd64', server2022: 'Win10_Install.NT' });
  });
});

// Every INF of the vendored Windows-driver-samples corpus, with files
// synthesised and a signed catalog made for it, installed on an amd64
// Windows 11 target for its first hardware ID: it either installs, or fails
// with a TargetError (one clear line) — never an internal error — and the
// target stays consistent either way.
import { describe, expect, it } from 'vitest';
import { createPrivateKey } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createCatalog } from '../../src/catalog/create.js';
import { signCatalog } from '../../src/catalog/sign.js';
import { TargetError } from '../../src/errors.js';
import { parseInf } from '../../src/inf/parse.js';
import { selectModelsSections } from '../../src/inf/decorations.js';
import { readModelsEntry } from '../../src/inf/hwid.js';
import { catalogFileFor } from '../../src/package/catalog-file.js';
import { referencedFiles } from '../../src/package/files.js';
import { certificateRecord, importCertificate, installDriverOnDevices } from '../../src/machine/index.js';
import { verifyTarget } from '../../src/machine/verify.js';
import { NOW, newTarget } from './helpers.js';

const REPO = join(import.meta.dirname, '../..');
const CORPUS = join(REPO, 'fixtures/corpus/windows-driver-samples');
const CERT = join(REPO, 'fixtures/target/golden-test-cert.cer');
const KEY = join(REPO, 'fixtures/target/golden-test-cert.key.pem');

async function infFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await infFiles(path)));
    else if (/\.in[fx]$/i.test(entry.name)) out.push(path);
  }
  return out.sort();
}

describe('corpus INFs install or fail cleanly', async () => {
  const infs = await infFiles(CORPUS);
  it(`covers the corpus (${infs.length} INF/INX files)`, () => expect(infs.length).toBeGreaterThan(100));
  it('installs each one on a fresh target', async () => {
    const { base, target } = await newTarget();
    await target.transaction('trust', async (tx) => {
      importCertificate(tx, certificateRecord(await readFile(CERT), 'golden-test-cert.cer'));
    });
    const key = createPrivateKey(await readFile(KEY, 'utf8'));
    const cert = await readFile(CERT);
    const outcome = { installed: 0, refused: 0, skipped: 0 };
    const refusals: string[] = [];
    let n = 0;
    for (const file of infs) {
      const text = (await readFile(file, 'latin1'))
        .replace(/\$ARCH\$/g, 'amd64')
        .replace(/\$KMDFVERSION\$/g, '1.33')
        .replace(/\$UMDFVERSION\$/g, '2.33');
      const doc = parseInf(Buffer.from(text, 'latin1'), { file });
      const choice = selectModelsSections(doc, { arch: 'amd64', major: 10, minor: 0, build: 22631, productType: 1 }).find(
        (c) => c.section && doc.section(c.section)?.entries.length,
      );
      const first = choice
        ? doc
            .section(choice.section!)!
            .entries.map((e) => readModelsEntry(e.key, e.fields))
            .find((m) => m.hardwareId)
        : undefined;
      const catalog = catalogFileFor(doc, 'amd64');
      if (!first?.hardwareId || !catalog) {
        outcome.skipped++;
        continue;
      }
      const dir = join(base, `pkg${n++}`);
      const name = file
        .split(/[\\/]/)
        .pop()!
        .replace(/\.inx$/i, '.inf');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, name), text, 'latin1');
      const members = [{ name, path: join(dir, name) }];
      try {
        for (const ref of referencedFiles(doc, 'amd64')) {
          const path = join(dir, ...ref.relativePath.split('/'));
          if (!relative(dir, path).startsWith('..')) {
            await mkdir(join(path, '..'), { recursive: true });
            await writeFile(path, `synthesised ${ref.relativePath}\n`);
            members.push({ name: ref.name, path });
          }
        }
        const cat = await createCatalog({ members, osAttr: '2:10.0', catalogAttributes: [], version: 2, now: new Date(NOW) });
        await writeFile(join(dir, catalog.name), signCatalog(cat, { privateKey: key, certificate: cert, chain: [] }, { digest: 'sha256' }));
      } catch {
        outcome.skipped++;
        continue;
      }
      try {
        await target.transaction('install', (tx) => installDriverOnDevices(tx, { infPath: join(dir, name), hardwareId: first.hardwareId!, createRootDevice: true, force: true }));
        outcome.installed++;
      } catch (error) {
        if (!(error instanceof TargetError)) throw new Error(`${relative(CORPUS, file)}: ${(error as Error).stack}`);
        expect((error as Error).message).not.toContain('\n');
        refusals.push(`${relative(CORPUS, file)}: ${(error as Error).message}`);
        outcome.refused++;
      }
    }
    expect(outcome.installed).toBeGreaterThan(60);
    const state = await target.read();
    const problems: Record<string, number> = {};
    for (const d of state.devices)
      if (d.driver && !state.packages.find((p) => p.publishedName === d.driver!.publishedName)?.inbox) problems[d.problem] = (problems[d.problem] ?? 0) + 1;
    Object.assign(outcome, { deviceProblems: problems });
    expect((await verifyTarget(target)).problems).toEqual([]);
    await expect(`${JSON.stringify(outcome)}\n${refusals.map((r) => r.split(base).join('<base>')).join('\n')}\n`).toMatchFileSnapshot('goldens/corpus-smoke.txt');
  }, 240_000);
});

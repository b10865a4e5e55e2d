// The published package works as `npx` runs it: pack the tarball (what `npm
// test` just built, type declarations included), install it into an empty
// folder, run `npx wdksim --version`, import the library, and compile a
// TypeScript file against its types (scripts/check-tarball.mjs, which the
// release workflow runs on the tarball it publishes).
import { execa } from 'execa';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
// @ts-expect-error plain ESM script without types
import { checkTarball } from '../../scripts/check-tarball.mjs';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
let work: string;
let tarball: string;

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'dist', 'index.d.ts'))) throw new Error('dist/ has no type declarations: run `npm run build` (npm test does) before this test');
  work = mkdtempSync(join(tmpdir(), 'wdksim-pack-'));
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: REPO_ROOT });
  tarball = join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('packed tarball', () => {
  it('holds the CLI, the bundle and the type declarations, and no tests or fixtures', async () => {
    const list = await execa('tar', ['-tzf', tarball]);
    const files = list.stdout.split('\n');
    expect(files).toContain('package/bin/wdksim.js');
    expect(files).toContain('package/dist/cli.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/dist/types/index.d.ts');
    expect(files).toContain('package/CHANGELOG.md');
    expect(files.some((f) => f.startsWith('package/test/') || f.startsWith('package/fixtures/') || f.startsWith('package/src/'))).toBe(false);
  });

  it('installs into an empty folder: npx wdksim --version, the library imports, a TypeScript file compiles against its types', () => {
    const r = checkTarball(tarball) as { version: string; imported: string };
    expect(r.version).toBe(pkg.version);
    expect(r.imported).toBe('Version');
  }, 300_000);

  it("runs as the README's install section shows it: npx --package=./wdksim-x.y.z.tgz wdksim --version", async () => {
    const r = await execa('npx', ['--yes', `--package=./${basename(tarball)}`, 'wdksim', '--version'], { cwd: work, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  }, 300_000);

  it('the same check fails on a tarball without type declarations (TS7016), so it can fail', async () => {
    const unpacked = join(work, 'no-types');
    mkdirSync(unpacked);
    await execa('tar', ['-xzf', tarball, '-C', unpacked]);
    rmSync(join(unpacked, 'package', 'dist', 'index.d.ts'));
    rmSync(join(unpacked, 'package', 'dist', 'types'), { recursive: true });
    const stripped = join(work, 'wdksim-no-types.tgz');
    await execa('tar', ['-czf', stripped, '-C', unpacked, 'package']);
    expect(() => checkTarball(stripped)).toThrow(/TS7016/);
  }, 300_000);
});

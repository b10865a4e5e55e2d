// The published package works as `npx` runs it: pack the tarball, run it from
// an empty directory, check it validates an INF and exposes the library.
import { execa } from 'execa';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
let work: string;
let tarball: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wdksim-pack-'));
  // dist is built by `npm test` before vitest starts; pack exactly that.
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: REPO_ROOT });
  tarball = join(work, JSON.parse(packed.stdout)[0].filename);
  await execa('npm', ['init', '-y'], { cwd: work });
  await execa('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: work });
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('packed tarball', () => {
  it('holds the CLI, the bundle and the type declarations, and no tests or fixtures', async () => {
    const list = await execa('tar', ['-tzf', tarball]);
    const files = list.stdout.split('\n');
    expect(files).toContain('package/bin/wdksim.js');
    expect(files).toContain('package/dist/cli.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files.some((f) => f.startsWith('package/test/') || f.startsWith('package/fixtures/'))).toBe(false);
  });

  it('runs `npx wdksim` from an installed tarball', async () => {
    writeFileSync(join(work, 'x.inf'), '[Version]\r\nSignature="$Windows NT$"\r\n');
    const version = await execa('npx', ['--no-install', 'wdksim', '--version'], { cwd: work });
    expect(version.stdout.trim()).toBe(pkg.version);
    const parsed = await execa('npx', ['--no-install', 'wdksim', 'inf', 'parse', 'x.inf', '--json'], { cwd: work, reject: false });
    expect(JSON.parse(parsed.stdout).sections[0].name).toBe('Version');
  });

  it('exposes the library API with types', async () => {
    writeFileSync(join(work, 'use.mjs'), "import { parseInf } from 'wdksim';\nconsole.log(parseInf(Buffer.from('[Version]\\nSignature=$Chicago$\\n')).section('version').name);\n");
    const r = await execa('node', ['use.mjs'], { cwd: work });
    expect(r.stdout).toBe('Version');
    expect(existsSync(join(work, 'node_modules', 'wdksim', 'dist', 'types', 'index.d.ts'))).toBe(true);
  });
});

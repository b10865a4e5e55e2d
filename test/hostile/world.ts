// A sandbox for hostile-package tests: base/{target, pkg, outside/victim.txt}.
// Commands run in-process (runCli with a captured io, cwd = base) or through
// the built binary; snapshots of base prove nothing outside the allowed
// folders changed.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli.js';
import { memoryContext } from '../../src/io.js';
import { makePackage, treeSnapshot } from '../machine/helpers.js';

export const NOW = '2026-11-25T12:00:00Z';
export const TEMPLATE = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'hostile', 'template.inf'), 'utf8');

export interface Holes {
  catalog?: string;
  destdirs?: string;
  diskPath?: string;
  sdf?: string;
  copyfiles?: string;
  files?: string;
  extra?: string;
}

export function hostileInf(h: Holes): string {
  return TEMPLATE.replace('@CATALOG@', h.catalog ?? 'evil.cat')
    .replace('@DESTDIRS@', h.destdirs ?? '')
    .replace('@DISKPATH@', h.diskPath ?? '')
    .replace('@SDF@', h.sdf ?? 'evil.sys = 1')
    .replace('@COPYFILES@', h.copyfiles ?? 'Evil_Files')
    .replace('@FILES@', h.files ?? 'evil.sys')
    .replace('@EXTRA@', h.extra ?? '');
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export class World {
  readonly base: string;
  readonly env: Record<string, string>;
  constructor() {
    this.base = realpathSync(mkdtempSync(join(tmpdir(), 'wdksim-hostile-')));
    mkdirSync(join(this.base, 'outside'));
    writeFileSync(join(this.base, 'outside', 'victim.txt'), 'do not touch');
    this.env = { TZ: 'UTC', NO_COLOR: '1', WDKSIM_NOW: NOW, WDKSIM_TARGET: join(this.base, 'target'), WDKSIM_LOCK_WAIT_MS: '5000' };
  }
  async run(argv: string[]): Promise<Run> {
    const ctx = memoryContext({ cwd: this.base, env: this.env });
    const code = await runCli(argv, ctx.io);
    return { code, stdout: ctx.out.join(''), stderr: ctx.err.join('') };
  }
  async init(): Promise<void> {
    const r = await this.run(['target', 'init', 'target']);
    if (r.code !== 0) throw new Error(`target init failed: ${r.stderr}`);
  }
  /** A signed package in base/pkg (INF, files, evil.cat or the name given, package.cer). */
  async pkg(inf: string, files: Record<string, string | Buffer> = { 'evil.sys': 'MZ evil' }, catalogName = 'evil.cat', dir = 'pkg'): Promise<string> {
    return makePackage(join(this.base, dir), 'evil.inf', inf, files, { catalogName });
  }
  /** Every path under base except those under the given top-level folders. */
  async snapshot(...allowed: string[]): Promise<string[]> {
    return (await treeSnapshot(this.base)).filter((p) => !allowed.some((a) => p === `${a}/` || p.startsWith(`${a}/`)));
  }
  victim(): string {
    return readFileSync(join(this.base, 'outside', 'victim.txt'), 'utf8');
  }
  dispose(): void {
    rmSync(this.base, { recursive: true, force: true });
  }
}

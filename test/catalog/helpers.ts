// Shared test helpers: temp folders and running the external oracles (openssl, osslsigncode;
// whether they are installed is test/helpers/oracles.ts's business).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wdksim-cat-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export { hasOracle, skipNote } from '../helpers/oracles.js';

export function run(cmd: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export function openssl(args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8' });
}

export const NOW = new Date('2026-11-25T12:00:00Z');

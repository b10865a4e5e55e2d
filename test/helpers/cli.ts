// Runs the built CLI as a user would: `node bin/wdksim.js ...` in a process.
import { execa, type Options } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(REPO_ROOT, 'bin', 'wdksim.js');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs wdksim with a clean, deterministic environment (no colour, UTC unless TZ given). */
export async function wdksim(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string | Buffer } = {}): Promise<CliResult> {
  const opts: Options = {
    cwd: options.cwd ?? REPO_ROOT,
    reject: false,
    // WDKSIM_VALIDATE_STATE: every commit checks the state against its schema and its cached JSON text.
    env: { NO_COLOR: '1', TZ: 'UTC', WDKSIM_VALIDATE_STATE: '1', ...options.env },
    extendEnv: true,
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' }),
    stripFinalNewline: false,
  };
  const result = await execa(process.execPath, [BIN, ...args], opts);
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** A fresh temporary directory removed when the test ends. */
export function tempDir(prefix = 'wdksim-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

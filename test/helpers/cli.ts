// Runs wdksim as a user would. By default in-process, through the CLI's own
// entry (runCli with an Io that holds the environment, working folder and
// stdin): the same argument handling, output and exit codes as the program,
// without a Node start-up and a build per call. `spawn: true` (and any run with
// the WDKSIM_FAULT crash hook, which kills its process) runs the built program,
// `node bin/wdksim.js ...`, for what only a process shows: the bin, signals,
// several processes on one lock.
import { execa, type Options } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { onTestFinished } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { Io } from '../../src/io.js';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(REPO_ROOT, 'bin', 'wdksim.js');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  input?: string | Buffer;
  /** Run the built program in a child process instead of in-process (needs `npm run build`). */
  spawn?: boolean;
}

/** The environment every run gets: no colour, UTC unless TZ is given, every commit checked. */
function testEnv(extra: Record<string, string> | undefined): Record<string, string> {
  // WDKSIM_VALIDATE_STATE: every commit checks the state against its schema and its cached JSON text.
  return { NO_COLOR: '1', TZ: 'UTC', WDKSIM_VALIDATE_STATE: '1', ...extra };
}

/** Runs wdksim with a clean, deterministic environment (no colour, UTC unless TZ given). */
export async function wdksim(args: string[], options: CliOptions = {}): Promise<CliResult> {
  if (options.spawn || options.env?.WDKSIM_FAULT) return wdksimProcess(args, options);
  const out: string[] = [];
  const err: string[] = [];
  const cwd = options.cwd === undefined ? REPO_ROOT : isAbsolute(options.cwd) ? options.cwd : resolve(REPO_ROOT, options.cwd);
  const input = options.input;
  const io: Io = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    readStdin: () => Promise.resolve(input === undefined ? Buffer.alloc(0) : Buffer.from(input)),
    cwd,
    // As a child process would get it: this process's environment under the test's.
    env: { ...process.env, ...testEnv(options.env) },
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
  const exitCode = await runCli(args, io);
  return { exitCode, stdout: out.join(''), stderr: err.join('') };
}

/** Runs the built CLI (`node bin/wdksim.js ...`) in a child process. */
export async function wdksimProcess(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const opts: Options = {
    cwd: options.cwd ?? REPO_ROOT,
    reject: false,
    env: testEnv(options.env),
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

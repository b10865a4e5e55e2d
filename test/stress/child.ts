// Runs the built CLI as a child process and measures it: exit code, wall
// time, and peak resident set size (GNU time's %M) where /usr/bin/time exists.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { BIN } from '../helpers/cli.js';

export interface Measured {
  exitCode: number;
  signal?: string;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak RSS in MiB, undefined when it could not be measured. */
  peakRssMb?: number;
  timedOut: boolean;
}

const TIME = '/usr/bin/time';
export const CAN_MEASURE_RSS = process.platform === 'linux' && existsSync(TIME);

export async function runMeasured(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number; input?: string; stdoutFile?: string },
): Promise<Measured> {
  const start = performance.now();
  const command = CAN_MEASURE_RSS ? TIME : process.execPath;
  const argv = CAN_MEASURE_RSS ? ['-f', 'WDKSIM_PEAK_RSS_KB=%M', process.execPath, BIN, ...args] : [BIN, ...args];
  // Own process group, killed whole on timeout: killing GNU time alone would leave wdksim running.
  const child = execa(command, argv, {
    cwd: options.cwd,
    env: { NO_COLOR: '1', TZ: 'UTC', WDKSIM_NOW: '2026-11-25T12:00:00Z', ...options.env },
    reject: false,
    detached: true,
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' as const }),
    stripFinalNewline: false,
    maxBuffer: 256 * 1024 * 1024,
    ...(options.stdoutFile ? { stdout: { file: options.stdoutFile } } : {}),
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, options.timeoutMs ?? 60_000);
  const result = await child;
  clearTimeout(timer);
  let stderr = String(result.stderr);
  let peakRssMb: number | undefined;
  const m = /WDKSIM_PEAK_RSS_KB=(\d+)\n?$/.exec(stderr);
  if (m) {
    peakRssMb = Number(m[1]) / 1024;
    stderr = stderr.slice(0, m.index);
  }
  // GNU time reports a signal-killed child as "Command terminated by signal N".
  stderr = stderr.replace(/Command (terminated by signal \d+|exited with non-zero status \d+)\n/, '');
  return {
    exitCode: result.exitCode ?? -1,
    signal: result.signal ?? undefined,
    stdout: String(result.stdout),
    stderr,
    ms: performance.now() - start,
    peakRssMb,
    timedOut,
  };
}

/** What no wdksim run may ever print on stderr: a JavaScript stack trace or an internal error. */
export function crashSigns(stderr: string): string | undefined {
  if (stderr.includes('\n    at ')) return 'a stack trace';
  if (/internal error/i.test(stderr)) return 'an internal error';
  return undefined;
}

/** Shell-quotes one argument for `script -c`. */
const quote = (a: string): string => `'${a.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the CLI with stdout and stderr on a pseudo-terminal (util-linux `script`),
 * as a user at a terminal sees it: progress bars draw. Output is what the
 * terminal received; peak RSS comes from GNU time inside the terminal.
 */
export async function runOnTty(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<{ exitCode: number; output: string; peakRssMb?: number; ms: number }> {
  const inner = [...(CAN_MEASURE_RSS ? [TIME, '-f', 'WDKSIM_PEAK_RSS_KB=%M'] : []), process.execPath, BIN, ...args].map(quote).join(' ');
  const start = performance.now();
  const result = await execa('script', ['-qefc', inner, '/dev/null'], {
    cwd: options.cwd,
    env: { TZ: 'UTC', WDKSIM_NOW: '2026-11-25T12:00:00Z', COLUMNS: '100', ...options.env },
    reject: false,
    timeout: options.timeoutMs ?? 600_000,
    stdin: 'ignore',
  });
  const output = String(result.stdout);
  const m = /WDKSIM_PEAK_RSS_KB=(\d+)/.exec(output);
  return { exitCode: result.exitCode ?? -1, output, peakRssMb: m ? Number(m[1]) / 1024 : undefined, ms: performance.now() - start };
}

export const HAS_SCRIPT = process.platform === 'linux' && existsSync('/usr/bin/script');

/** Waits until the process is stopped (state T in /proc/<pid>/stat): its "paused" line is written just before it stops itself. */
export async function waitStopped(pid: number, timeoutMs = 30_000): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (/^\S+ \(.*\) [Tt] /s.test(stat)) return;
    } catch {
      return; // gone
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`process ${pid} did not stop within ${timeoutMs} ms`);
}

/**
 * Waits until the process has `path` open (a link to it in /proc/<pid>/fd): a
 * wdksim that opened its input has run main(), so its signal handlers are in
 * (SigCgt alone is not enough: signal-exit, loaded with the modules, catches
 * SIGTERM before main() runs and re-raises it). Where there is no /proc, it
 * waits a fixed, generous time instead.
 */
export async function waitOpens(pid: number, path: string, timeoutMs = 30_000): Promise<void> {
  const { readdirSync, readlinkSync, realpathSync } = await import('node:fs');
  if (!existsSync(`/proc/${pid}/fd`)) return void (await new Promise((r) => setTimeout(r, 3000)));
  const want = realpathSync(path);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      return; // gone
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === want) return;
      } catch {
        // closed meanwhile
      }
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`process ${pid} did not open ${path} within ${timeoutMs} ms`);
}

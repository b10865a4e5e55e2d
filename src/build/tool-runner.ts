// Running another wdksim tool in-process with its output captured, for build
// and demo: the caller passes the tool's `run` (loaded from the command
// registry), so this folder does not depend on src/commands.
import type { Context, Io } from '../io.js';

export type ToolRun = (argv: string[], ctx: Context) => Promise<number>;

export interface CapturedRun {
  exitCode: number;
  /** stdout and stderr interleaved as written. */
  output: string;
}

/** Runs a tool with the parent's clock, env and cwd; WdksimErrors become the message and their exit code, as the CLI maps them. */
export async function runCaptured(run: ToolRun, argv: string[], parent: Context, overrides: Partial<Context> = {}): Promise<CapturedRun> {
  const chunks: string[] = [];
  const io: Io = {
    ...parent.io,
    stdout: (t) => void chunks.push(t),
    stderr: (t) => void chunks.push(t),
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
  const ctx: Context = { ...parent, color: false, ...overrides, io };
  let exitCode: number;
  try {
    exitCode = await run(argv, ctx);
  } catch (error) {
    const code = (error as { exitCode?: unknown }).exitCode;
    if (typeof code !== 'number') throw error;
    chunks.push(`wdksim: ${(error as Error).message}\n`);
    exitCode = code;
  }
  return { exitCode, output: chunks.join('') };
}

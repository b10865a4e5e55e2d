// The process boundary every command talks through, so tests can run a
// command in-process with captured streams and an injected environment.
import { type Clock, createClock } from './time/clock.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<Buffer>;
  cwd: string;
  env: Record<string, string | undefined>;
  /** stdout is a terminal (colours, stylish output). */
  stdoutIsTTY: boolean;
  /** stderr is a terminal (progress bars). */
  stderrIsTTY: boolean;
}

/** What a command receives: the io, the one clock, and global options. */
export interface Context {
  io: Io;
  clock: Clock;
  /** `--target DIR` given on the command line (before or after the tool name). */
  target?: string;
  /** Colour wanted on stdout: from --color/--no-color, NO_COLOR, FORCE_COLOR, TTY. */
  color: boolean;
}

/** A reader that closed the pipe (`wdksim ... | head`) is not an error: stop quietly. */
function quietOnEpipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

export function nodeIo(): Io {
  quietOnEpipe(process.stdout);
  quietOnEpipe(process.stderr);
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

/** A context for library callers and tests: captured output, fixed clock. */
export function memoryContext(options: { env?: Record<string, string | undefined>; cwd?: string; now?: string; stdin?: Buffer } = {}): Context & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const env = options.env ?? {};
  const io: Io = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => options.stdin ?? Buffer.alloc(0),
    cwd: options.cwd ?? process.cwd(),
    env,
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
  return { io, clock: createClock(env, options.now), color: false, out, err };
}

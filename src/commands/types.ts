import type { Context } from '../io.js';

/** A tool: parses its own argv grammar, calls the library, returns an exit code. */
export interface Command {
  run(argv: string[], ctx: Context): Promise<number>;
}

export interface CommandEntry {
  name: string;
  /** The WDK tool it mirrors, for `wdksim --help`. */
  mirrors: string;
  summary: string;
  load: () => Promise<Command>;
}

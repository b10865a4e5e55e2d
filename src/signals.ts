// SIGINT and SIGTERM stop wdksim promptly with 130 / 143. write-file-atomic
// (through signal-exit) listens for these signals to remove its temporary
// files, and while any listener is there Node's default action (die at once)
// is off, so an install used to run to its end whatever the user pressed.
// Stopping is safe at any moment: a target write is all-or-nothing through its
// journal (an uncommitted journal is discarded, a committed one finished, by
// the next command), the lock left behind names a process that has exited, so
// the next command takes it over (docs/reliability.md), and output files are
// written atomically. Long loops yield to the event loop (yieldToSignals) so
// the handler gets to run between steps.
import { SignalExit } from './exit-codes.js';

let installed = false;

export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      const code = SignalExit[signal];
      process.stderr.write(`\nwdksim: stopped by ${signal}${signal === 'SIGINT' ? ' (Ctrl+C)' : ''}; any target change not committed is discarded by the next command\n`);
      process.exit(code);
    });
  }
}

let lastYield = 0;

/** Lets pending signals be handled; cheap to call often (yields at most every 50 ms). */
export async function yieldToSignals(): Promise<void> {
  const now = performance.now();
  if (now - lastYield < 50) return;
  lastYield = now;
  await new Promise<void>((resolve) => setImmediate(resolve));
}

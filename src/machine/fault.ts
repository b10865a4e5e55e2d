// Test-only fault hook: WDKSIM_FAULT=<step> makes the process exit at that
// named step of a transaction, as if it were killed there. Crash tests use it.
export const FAULT_STEPS = [
  'locked', // lock taken, nothing written
  'files-staged', // new files written to the journal area, no commit record yet
  'journal-written', // commit record written (the commit point), nothing applied
  'mid-apply', // some journal entries moved into place
  'applied', // every file in place, state file not yet replaced
  'state-written', // new state in place, journal not yet removed
] as const;
export type FaultStep = (typeof FAULT_STEPS)[number];

export const FAULT_EXIT_CODE = 86;

/**
 * WDKSIM_FAULT=<step> kills the process at the named step; WDKSIM_FAULT_PAUSE=<step>
 * stops it there with SIGSTOP (a paused holder: a suspended laptop, a starved CI
 * runner) until the test sends SIGCONT. SIGKILL: no exit handlers run, the lock is
 * left behind as after a real kill.
 */
export function maybeFault(env: Record<string, string | undefined>, step: FaultStep): void {
  if (env.WDKSIM_FAULT === step) {
    process.stderr.write(`wdksim: WDKSIM_FAULT=${step}: killed at this step (test hook)\n`);
    if (process.platform === 'win32') process.exit(FAULT_EXIT_CODE);
    process.kill(process.pid, 'SIGKILL');
  }
  if (env.WDKSIM_FAULT_PAUSE === step && process.platform !== 'win32') {
    process.stderr.write(`wdksim: WDKSIM_FAULT_PAUSE=${step}: paused at this step (test hook)\n`);
    process.kill(process.pid, 'SIGSTOP');
  }
}

// infverif on worker threads: when a run has enough files to pay for starting
// them (each worker loads the rules, some 50 ms), the files are handed out in
// small batches to one worker per core. Each worker reads and checks its files
// (infverif-worker.ts, the same checkInf as the single-thread path) and posts
// back findings only; the reports are handed on strictly in input order, so the
// output is byte-identical to a run on one thread. Memory stays bounded: at most
// WINDOW batches are out (being checked or waiting for an earlier one) at once.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ValidateOptions } from '../rules/validate.js';
import type { CheckedInf } from './infverif-wire.js';

/**
 * Below this many files a run stays on one thread: each worker loads the rules and warms its own
 * JIT (about 30% more CPU in all at 1,380 files, 8% at 13,800), which a few hundred files do not
 * pay back even on two free cores.
 */
export const WORKER_MIN_FILES = 500;
/** Files per batch: few enough to balance the load, enough to keep messages cheap. */
const BATCH = 16;
/** Batches a worker may be ahead of the last one handed on, per worker: bounds what waits in memory. */
const AHEAD = 4;
/**
 * Each worker's young generation: a file's garbage dies young, and V8's default (up to 48 MiB
 * a thread) made two workers alone cost 130 MiB of the 100x corpus run's 250 MiB peak, for no
 * measurable CPU saving (8 MiB: 165 MiB peak in all, the same user time).
 */
const YOUNG_MB = 8;
/**
 * Each worker's old generation: without a cap V8 let each worker's heap grow with the garbage of
 * the run (two workers at 41,400 files: 248 MB peak in all; capped: 186 MB). The live data of one
 * file is far less; a file that needs more (a huge INF) stops its worker, and the run goes on
 * from there on the main thread, which has no such cap.
 */
const OLD_MB = 48;

export interface PoolSettings {
  /** Worker threads to use at most (0: never). */
  threads: number;
  /** Files a run must have before it uses workers. */
  minFiles: number;
}

/**
 * The pool settings from the environment: WDKSIM_INFVERIF_THREADS (default one per idle core;
 * 0 or 1 keeps everything on the main thread) and WDKSIM_INFVERIF_WORKER_MIN_FILES
 * (default WORKER_MIN_FILES); src/settings.ts has refused any other form before a command runs.
 *
 * "Idle" goes by the load average, as `make -l` does: each worker warms its own JIT (about 45%
 * more CPU in all than one thread over the 100x corpus), which only pays when the workers get
 * cores of their own; with the machine already busy (load at or above the core count) two
 * workers measured 1.2-1.4x slower than one thread (docs/performance.md). The one-minute
 * average lags, though: right after a build it still says busy when every core is free again,
 * so where the run queue can be read (Linux) the lower of the average and the other tasks
 * runnable now (the most of a few samples) is taken. Windows reports a load of 0, so there the
 * default stays one worker per core. (`runnableNow` null: the run queue cannot be read.)
 */
export function poolSettings(
  env: Record<string, string | undefined>,
  cores = availableParallelism(),
  load: number | (() => number) = () => loadavg()[0] ?? 0,
  runnableNow: number | null | (() => number | null) = () => othersRunnable() ?? null,
): PoolSettings {
  const whole = (v: string | undefined): number | undefined => (v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined);
  let threads: number | undefined;
  return {
    minFiles: whole(env.WDKSIM_INFVERIF_WORKER_MIN_FILES) ?? WORKER_MIN_FILES,
    // Looked at only by a run with enough files (the run queue's samples take a few milliseconds).
    get threads(): number {
      if (threads === undefined) {
        const average = typeof load === 'function' ? load() : load;
        const now = typeof runnableNow === 'function' ? runnableNow() : runnableNow;
        const busy = now === null ? average : Math.min(average, now);
        const n = whole(env.WDKSIM_INFVERIF_THREADS) ?? Math.min(cores, Math.floor(cores - busy + 0.5));
        threads = n <= 1 ? 0 : n;
      }
      return threads;
    },
  };
}

/**
 * Tasks runnable now besides this one, from /proc/loadavg's run queue (its fourth field,
 * "runnable/all"), the most of five samples a millisecond apart (a busy neighbour is seen in
 * most of them, an idle machine in none); undefined where there is no such file.
 */
export function othersRunnable(read: () => string = () => readFileSync('/proc/loadavg', 'latin1'), samples = 5): number | undefined {
  let most = 0;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < samples; i++) {
    let text: string;
    try {
      text = read();
    } catch {
      return undefined;
    }
    const running = /^\S+ \S+ \S+ (\d+)\//.exec(text);
    if (!running) return undefined;
    most = Math.max(most, Number(running[1]) - 1);
    if (i + 1 < samples) Atomics.wait(pause, 0, 0, 1);
  }
  return most;
}

/** How many workers a run gets: 0 keeps it on this thread (few files, stdin, or a caller that needs the documents). */
export function poolPlan(targets: readonly string[], settings: PoolSettings | undefined, needsDocuments: boolean): number {
  if (!settings || needsDocuments || targets.length < Math.max(settings.minFiles, 2) || targets.includes('-')) return 0;
  if (settings.threads === 0) return 0;
  return Math.min(settings.threads, Math.ceil(targets.length / BATCH));
}

/** What the pool sends each worker once: plain data (the kit by its version). */
export type WorkerOptions = Omit<ValidateOptions, 'wdk' | 'rules' | 'parse'> & { wdk?: string; cwd: string };

/**
 * A worker's start data. Workers take batches themselves from a shared counter (no round trip
 * through the main thread, which a loaded machine may be slow to schedule) and wait while
 * they are `ahead` batches past the last one the main thread has handed on.
 */
export interface WorkerStart {
  options: WorkerOptions;
  targets: readonly string[];
  batch: number;
  ahead: number;
  /** Int32 [next batch to take, batches handed on]. */
  counters: SharedArrayBuffer;
}

/** Counter slots in WorkerStart.counters. */
export const NEXT = 0;
export const HANDED_ON = 1;

/** A batch's outcomes, in its files' order; a `fatal` entry ends the batch (a bug, thrown as on one thread). */
export type WorkerResult = CheckedInf | { fatal: { message: string; stack?: string; code?: string } };

/** The built worker script beside this module (dist/ or dist/chunks/); none when running from the sources. */
function workerScript(): URL | undefined {
  for (const rel of ['./infverif-worker.js', '../infverif-worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(url)) return url;
  }
  return undefined;
}

/**
 * Checks the targets on `count` workers, calling onChecked for each file in input order.
 * Resolves how many targets were handed on: all of them, fewer when a worker ran out of memory
 * (the caller checks the rest itself), 0 when there is no worker script to run.
 */
export async function validateInWorkers(targets: readonly string[], options: WorkerOptions, count: number, onChecked: (checked: CheckedInf) => void): Promise<number> {
  const script = workerScript();
  if (!script) return 0;
  const batches = Math.ceil(targets.length / BATCH);
  const counters = new SharedArrayBuffer(8);
  const shared = new Int32Array(counters);
  const start: WorkerStart = { options, targets, batch: BATCH, ahead: AHEAD * count, counters };
  let handedOn = 0;
  const workers = Array.from(
    { length: count },
    () => new Worker(script, { workerData: start, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: OLD_MB } }),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const done = new Map<number, WorkerResult[]>();
      let failed = false;
      const fail = (error: Error): void => {
        failed = true;
        reject(error);
      };
      const drain = (): void => {
        for (let results = done.get(handedOn); results !== undefined && !failed; results = done.get(handedOn)) {
          done.delete(handedOn);
          for (const r of results) {
            if ('fatal' in r) return fail(Object.assign(new Error(r.fatal.message), { stack: r.fatal.stack, code: r.fatal.code }));
            onChecked(r);
          }
          handedOn++;
          Atomics.store(shared, HANDED_ON, handedOn);
          Atomics.notify(shared, HANDED_ON);
        }
        if (handedOn === batches) resolve();
      };
      for (const worker of workers) {
        worker.on('message', (m: { batch: number; results: string }) => {
          done.set(m.batch, JSON.parse(m.results) as WorkerResult[]);
          try {
            drain();
          } catch (error) {
            fail(error instanceof Error ? error : new Error(String(error)));
          }
        });
        worker.on('error', (error: Error & { code?: string }) => {
          if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return fail(error);
          failed = true; // stop handing on: the caller checks the rest from handedOn
          resolve();
        });
        worker.on('exit', (code) => {
          if (!failed && handedOn < batches && code !== 0) fail(new Error(`an infverif worker thread stopped (exit code ${code}) before its files were checked`));
        });
      }
    });
  } finally {
    // Wake and stop any worker still waiting or working (after a failure).
    Atomics.store(shared, NEXT, batches);
    Atomics.store(shared, HANDED_ON, batches);
    Atomics.notify(shared, HANDED_ON);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return Math.min(handedOn * BATCH, targets.length);
}

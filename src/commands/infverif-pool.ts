// infverif on worker threads: when a run has enough files to pay for starting
// them (each worker loads the rules, some 50 ms), the files are handed out in
// small batches to one worker per core. Each worker reads and checks its files
// (infverif-worker.ts, the same checkInf as the single-thread path) and posts
// back findings only; the reports are handed on strictly in input order, so the
// output is byte-identical to a run on one thread. Memory stays bounded: at most
// WINDOW batches are out (being checked or waiting for an earlier one) at once.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ValidateOptions } from '../rules/validate.js';
import type { CheckedInf } from './infverif-wire.js';
import { yieldToSignals } from '../signals.js';

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
 * runnable now (the fewest of a few samples) is taken. Windows reports a load of 0, so there the
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
 * Tasks runnable now besides this process's, from /proc/loadavg's run queue (its fourth field,
 * "runnable/all") less this process's own runnable threads (/proc/self/task: right after start-up
 * V8 compiles and marks on background threads, and counting those as a neighbour kept one run in
 * three over the 100x corpus on one thread with both cores free), the fewest of five samples a
 * millisecond apart: a busy neighbour is runnable in all of them (waiting for a core is runnable
 * too), this process's own threads and passing tasks in some. Undefined where there is no such file.
 */
export function othersRunnable(
  read: () => string = () => readFileSync('/proc/loadavg', 'latin1'),
  samples = 5,
  ownRunnable: () => number = ownRunnableThreads,
): number | undefined {
  const seen: number[] = [];
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < samples; i++) {
    const ownBefore = ownRunnable();
    let text: string;
    try {
      text = read();
    } catch {
      return undefined;
    }
    const running = /^\S+ \S+ \S+ (\d+)\//.exec(text);
    if (!running) return undefined;
    // Own threads looked at before and after the run queue (not one atomic read): the more of the two.
    seen.push(Math.max(0, Number(running[1]) - Math.max(1, ownBefore, ownRunnable())));
    if (i + 1 < samples) Atomics.wait(pause, 0, 0, 1);
  }
  return Math.min(...seen);
}

/** This process's threads in state R (running or runnable), this one included; 1 where /proc/self/task cannot be read. */
export function ownRunnableThreads(): number {
  try {
    let n = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        // "pid (comm) S ...": the state follows the last ')' (a thread's name may hold one).
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
        if (stat[stat.lastIndexOf(')') + 2] === 'R') n++;
      } catch {
        // the thread ended meanwhile
      }
    }
    return n;
  } catch {
    return 1;
  }
}

/**
 * How many threads a run keeps busy, this one included (so threads - 1 workers): 0 keeps it on
 * this thread alone (few files, stdin, or a caller that needs the documents).
 */
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
  batch: number;
  ahead: number;
  /** Int32 [next batch to take, batches handed on]. */
  counters: SharedArrayBuffer;
  /**
   * Brings the targets ({ targets }, once READY is 1: a worker starts during the directory walk,
   * so its start-up overlaps it) and takes each batch's outcomes back: the main thread reads them
   * without its event loop.
   */
  port: MessagePort;
}

/** Counter slots in WorkerStart.counters. */
export const NEXT = 0;
export const HANDED_ON = 1;
/** Batches posted by all workers: what the main thread waits on when it has nothing to check. */
export const POSTED = 2;
/** 0 while the walk goes on; 1: the targets are on the port; 2: not needed after all (exit). */
export const READY = 3;

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

/** Atomics.waitAsync (Node 16 on; not in this project's ES2022 lib typings). */
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, ms: number): { async: boolean; value: Promise<string> | string } }).waitAsync;

/** A batch's outcome on either thread; a bug thrown on the main thread is kept in its place. */
type Outcome = WorkerResult | { thrown: unknown };

export interface PoolOutcome {
  /** Files the main thread checked. */
  onMainThread: number;
  /** A worker ran out of its memory: the main thread checked every batch not yet posted. */
  outOfMemory: boolean;
}

/**
 * Starts threads - 1 workers for a run on `threads` threads (this one included). They load the
 * rules and then wait for their files, so a run over a large tree starts them as soon as its
 * walk has found enough files, and their start-up overlaps the rest of the walk. Undefined when
 * there is no worker script to run (the caller checks everything itself).
 */
export function startWorkers(options: WorkerOptions, threads: number): Crew | undefined {
  const script = workerScript();
  if (!script) return undefined;
  const shared = new Int32Array(new SharedArrayBuffer(16));
  const ahead = AHEAD * threads;
  const crew: Crew = { threads, shared, ahead, workers: [], ports: [], outOfMemory: false, stopping: false };
  for (let i = 1; i < threads; i++) {
    const { port1, port2 } = new MessageChannel();
    crew.ports.push(port1);
    const start: WorkerStart = { options, batch: BATCH, ahead, counters: shared.buffer as SharedArrayBuffer, port: port2 };
    const worker = new Worker(script, {
      workerData: start,
      transferList: [port2],
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: OLD_MB },
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') crew.outOfMemory = true;
      else crew.failure ??= error;
    });
    worker.on('exit', (code) => {
      if (code !== 0 && !crew.stopping && !crew.outOfMemory) crew.failure ??= new Error(`an infverif worker thread stopped (exit code ${code}) before its files were checked`);
    });
    // Until it is given its files, a worker started early must not keep a failed run alive.
    worker.unref();
    crew.workers.push(worker);
  }
  return crew;
}

/** Workers started, waiting for their files (READY). */
export interface Crew {
  /** Busy threads, this one included. */
  threads: number;
  shared: Int32Array;
  ahead: number;
  workers: Worker[];
  ports: MessagePort[];
  failure?: Error;
  outOfMemory: boolean;
  stopping: boolean;
}

/** Lets workers started early go: not needed after all. */
export async function dismiss(crew: Crew): Promise<void> {
  crew.stopping = true;
  Atomics.store(crew.shared, READY, 2);
  Atomics.notify(crew.shared, READY);
  await Promise.all(crew.workers.map((w) => w.terminate()));
  for (const port of crew.ports) port.close();
}

/**
 * Checks the targets on the crew's threads: this one and its workers, all taking batches from
 * one shared counter, so on two cores both are busy (two workers beside an idle main thread cost
 * a third isolate's start-up and JIT for nothing). This thread reads what the workers post
 * without its event loop (receiveMessageOnPort) between its own batches, and hands every file on
 * to onChecked strictly in input order.
 */
export async function validateWithWorkers(
  targets: readonly string[],
  crew: Crew,
  checkHere: (target: string) => Promise<CheckedInf>,
  onChecked: (checked: CheckedInf) => void,
): Promise<PoolOutcome> {
  const { shared, ahead, workers, ports } = crew;
  const batches = Math.ceil(targets.length / BATCH);
  for (const port of ports) port.postMessage({ targets });
  for (const worker of workers) worker.ref();
  Atomics.store(shared, READY, 1);
  Atomics.notify(shared, READY);
  const done = new Map<number, Outcome[]>();
  let handedOn = 0;
  let onMainThread = 0;
  const drain = (): void => {
    for (const port of ports) {
      for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
        const { batch, results } = m.message as { batch: number; results: string };
        done.set(batch, JSON.parse(results) as WorkerResult[]);
      }
    }
  };
  const handOn = (): void => {
    for (let results = done.get(handedOn); results !== undefined; results = done.get(handedOn)) {
      done.delete(handedOn);
      for (const r of results) {
        if ('thrown' in r) throw r.thrown;
        if ('fatal' in r) throw Object.assign(new Error(r.fatal.message), { stack: r.fatal.stack, code: r.fatal.code });
        onChecked(r);
      }
      handedOn++;
      Atomics.store(shared, HANDED_ON, handedOn);
      Atomics.notify(shared, HANDED_ON);
    }
  };
  const checkBatch = async (batch: number): Promise<void> => {
    const results: Outcome[] = [];
    for (const target of targets.slice(batch * BATCH, (batch + 1) * BATCH)) {
      try {
        results.push(await checkHere(target));
      } catch (thrown) {
        results.push({ thrown }); // handed on (thrown) in its turn, as on one thread
        break;
      }
      onMainThread++;
    }
    done.set(batch, results);
    await yieldToSignals();
  };
  // A pending waitAsync keeps nothing alive (nor does its timeout), and the workers may all have
  // exited while this thread still hands their last batches on: without a handle of its own the
  // process could end in the wait below, exit code 0 and its output cut short (seen in 2 runs of
  // about 55). Held for the whole run, so no ordering of timers can let the loop go idle.
  const alive = setInterval(() => undefined, 1 << 30);
  try {
    while (handedOn < batches && !crew.outOfMemory) {
      if (crew.failure) throw crew.failure;
      const posted = Atomics.load(shared, POSTED); // before drain(): a batch posted after it ends the wait below
      drain();
      handOn();
      // Take the next batch unless that would run too far ahead of what is handed on.
      if (Atomics.load(shared, NEXT) < handedOn + ahead) {
        const batch = Atomics.add(shared, NEXT, 1);
        if (batch < batches) {
          await checkBatch(batch);
          continue;
        }
      }
      if (handedOn === batches || done.has(handedOn)) continue;
      // Nothing to check here: wait for a worker to post (the timeout lets a failed worker be seen).
      const wait = waitAsync(shared, POSTED, posted, 50);
      if (wait.async) await wait.value;
      else await yieldToSignals();
    }
    if (crew.failure) throw crew.failure;
    if (crew.outOfMemory) {
      // A file too big for a worker's heap: stop the workers, keep what they posted, check the rest here.
      crew.stopping = true;
      await stop();
      drain();
      for (; handedOn < batches; handOn()) if (!done.has(handedOn)) await checkBatch(handedOn);
    }
  } finally {
    crew.stopping = true;
    await stop();
    for (const port of ports) port.close();
    clearInterval(alive);
  }
  return { onMainThread, outOfMemory: crew.outOfMemory };

  async function stop(): Promise<void> {
    // Wake and stop any worker still waiting or working.
    Atomics.store(shared, NEXT, batches);
    Atomics.store(shared, HANDED_ON, batches);
    Atomics.notify(shared, HANDED_ON);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

// infverif on worker threads: when a run has enough files to pay for starting
// them (each worker loads the rules, some 50 ms), the files are handed out in
// small batches to one worker per core. Each worker reads and checks its files
// (infverif-worker.ts, the same checkInf as the single-thread path) and posts
// back findings only; the reports are handed on strictly in input order, so the
// output is byte-identical to a run on one thread. Memory stays bounded: at most
// WINDOW batches are out (being checked or waiting for an earlier one) at once.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ValidateOptions } from '../rules/validate.js';
import type { CheckedInf } from './infverif-batch.js';

/** Below this many files a run stays on one thread: starting the workers would cost more than they save. */
export const WORKER_MIN_FILES = 200;
/** Files per message to a worker: few enough to balance the load, enough to keep messages cheap. */
const BATCH = 16;
/** Batches out per worker at once (one being checked, one queued), and batches out in all per worker. */
const QUEUED = 2;
const WINDOW = 8;
/**
 * Each worker's young generation: a file's garbage dies young, and V8's default (up to 48 MiB
 * a thread) made two workers alone cost 130 MiB of the 100x corpus run's 250 MiB peak, for no
 * measurable CPU saving (8 MiB: 165 MiB peak in all, the same user time).
 */
const YOUNG_MB = 8;

export interface PoolSettings {
  /** Worker threads to use at most (0: never). */
  threads: number;
  /** Files a run must have before it uses workers. */
  minFiles: number;
}

/**
 * The pool settings from the environment: WDKSIM_INFVERIF_THREADS (default one per core;
 * 0 or 1 keeps everything on the main thread) and WDKSIM_INFVERIF_WORKER_MIN_FILES
 * (default WORKER_MIN_FILES). A value that is not a whole number is ignored.
 */
export function poolSettings(env: Record<string, string | undefined>): PoolSettings {
  const whole = (v: string | undefined): number | undefined => (v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined);
  const threads = whole(env.WDKSIM_INFVERIF_THREADS) ?? availableParallelism();
  return { threads: threads <= 1 ? 0 : threads, minFiles: whole(env.WDKSIM_INFVERIF_WORKER_MIN_FILES) ?? WORKER_MIN_FILES };
}

/** How many workers a run gets: 0 keeps it on this thread (few files, stdin, or a caller that needs the documents). */
export function poolPlan(targets: readonly string[], settings: PoolSettings | undefined, needsDocuments: boolean): number {
  if (!settings || settings.threads === 0 || needsDocuments) return 0;
  if (targets.length < Math.max(settings.minFiles, 2) || targets.includes('-')) return 0;
  return Math.min(settings.threads, Math.ceil(targets.length / BATCH));
}

/** What the pool sends each worker once: plain data (the kit by its version). */
export type WorkerOptions = Omit<ValidateOptions, 'wdk' | 'rules' | 'parse'> & { wdk?: string; cwd: string };

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
 * Resolves false, having done nothing, when there is no worker script to run.
 */
export async function validateInWorkers(targets: readonly string[], options: WorkerOptions, count: number, onChecked: (checked: CheckedInf) => void): Promise<boolean> {
  const script = workerScript();
  if (!script) return false;
  const batches = Math.ceil(targets.length / BATCH);
  const workers = Array.from({ length: count }, () => ({ worker: new Worker(script, { workerData: options, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } }), out: 0 }));
  try {
    await new Promise<void>((resolve, reject) => {
      const done = new Map<number, WorkerResult[]>();
      let sent = 0;
      let emitted = 0;
      let failed = false;
      const fail = (error: Error): void => {
        failed = true;
        reject(error);
      };
      const feed = (w: (typeof workers)[number]): void => {
        while (!failed && w.out < QUEUED && sent < batches && sent < emitted + WINDOW * count) {
          w.worker.postMessage({ batch: sent, targets: targets.slice(sent * BATCH, (sent + 1) * BATCH) });
          w.out++;
          sent++;
        }
      };
      const drain = (): void => {
        for (let results = done.get(emitted); results !== undefined && !failed; results = done.get(emitted)) {
          done.delete(emitted);
          emitted++;
          for (const r of results) {
            if ('fatal' in r) return fail(Object.assign(new Error(r.fatal.message), { stack: r.fatal.stack, code: r.fatal.code }));
            onChecked(r);
          }
        }
        if (emitted === batches) resolve();
        else for (const w of workers) feed(w);
      };
      for (const w of workers) {
        w.worker.on('message', (m: { batch: number; results: string }) => {
          w.out--;
          done.set(m.batch, JSON.parse(m.results) as WorkerResult[]);
          try {
            drain();
          } catch (error) {
            fail(error instanceof Error ? error : new Error(String(error)));
          }
        });
        w.worker.on('error', fail);
        w.worker.on('exit', (code) => {
          if (!failed && emitted < batches) fail(new Error(`an infverif worker thread stopped (exit code ${code}) before its files were checked`));
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
  return true;
}

// A worker thread of `wdksim infverif` (started by infverif-pool.ts): reads
// each file of a batch it is sent and checks it exactly as the single-thread
// path does (checkInf), posting back the findings only. Reads are synchronous:
// blocking this thread is what it is for, and it costs far less than a
// promise-based open/stat/read/close per small file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { describeFsError } from '../errors.js';
import { checkInf } from './infverif-batch.js';
import type { WorkerOptions, WorkerResult } from './infverif-pool.js';

const options = workerData as WorkerOptions;

parentPort!.on('message', ({ batch, targets }: { batch: number; targets: string[] }) => {
  const results: WorkerResult[] = [];
  for (const target of targets) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(resolve(options.cwd, target));
    } catch (error) {
      results.push({ inputError: describeFsError(error, target) });
      continue;
    }
    try {
      results.push(checkInf(bytes, target, options));
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      results.push({ fatal: { message: e.message, ...(e.stack ? { stack: e.stack } : {}), ...((e as NodeJS.ErrnoException).code ? { code: (e as NodeJS.ErrnoException).code } : {}) } });
      break;
    }
  }
  // One string: cloning it costs far less than cloning many small diagnostic objects.
  parentPort!.postMessage({ batch, results: JSON.stringify(results) });
});

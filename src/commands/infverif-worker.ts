// A worker thread of `wdksim infverif` (started by infverif-pool.ts): takes
// batches of files from the shared counter, reads each file and checks it
// exactly as the single-thread path does (checkInf), and posts back the
// findings only, on its own port (the main thread reads it between its own
// batches). It waits while it is too far ahead of what the main thread
// has handed on, so memory stays bounded. Reads are synchronous: blocking this
// thread is what it is for, and it costs far less than a promise-based
// open/stat/read/close per small file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { describeFsError } from '../errors.js';
import { checkInf } from './infverif-batch.js';
import { HANDED_ON, NEXT, POSTED, READY, type WorkerResult, type WorkerStart } from './infverif-pool.js';

const { options, batch: size, ahead, counters, port } = workerData as WorkerStart;
const shared = new Int32Array(counters);
// Started during the directory walk: wait for its files (or to be let go).
Atomics.wait(shared, READY, 0);
const targets: readonly string[] = Atomics.load(shared, READY) === 1 ? (receiveMessageOnPort(port)!.message as { targets: string[] }).targets : [];
const batches = Math.ceil(targets.length / size);

function check(target: string): WorkerResult {
  let bytes: Buffer;
  const absolute = resolve(options.cwd, target);
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    return { inputError: describeFsError(error, target) };
  }
  try {
    return checkInf(bytes, target, options, undefined, absolute);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const code = (e as NodeJS.ErrnoException).code;
    return { fatal: { message: e.message, ...(e.stack ? { stack: e.stack } : {}), ...(code ? { code } : {}) } };
  }
}

for (let batch = Atomics.add(shared, NEXT, 1); batch < batches; batch = Atomics.add(shared, NEXT, 1)) {
  for (let out = Atomics.load(shared, HANDED_ON); batch >= out + ahead; out = Atomics.load(shared, HANDED_ON)) Atomics.wait(shared, HANDED_ON, out);
  const results: WorkerResult[] = [];
  for (const target of targets.slice(batch * size, (batch + 1) * size)) {
    const result = check(target);
    results.push(result);
    if ('fatal' in result) break;
  }
  // One string: cloning it costs far less than cloning many small diagnostic objects.
  port.postMessage({ batch, results: JSON.stringify(results) });
  Atomics.add(shared, POSTED, 1);
  Atomics.notify(shared, POSTED);
}

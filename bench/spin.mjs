// Parallel capacity of the machine during a bench run: `node bench/spin.mjs 1`
// does one unit of pure CPU work on the main thread, `node bench/spin.mjs 2`
// one unit on each of two worker threads. On two free cores both take the same
// time; when other sessions' load leaves this run one core's worth, two take
// twice as long, and worker threads cannot make anything faster.
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

function work() {
  let x = 0;
  for (let i = 0; i < 1e8; i++) x = (x + i * 7) % 1000003;
  return x;
}

if (!isMainThread) parentPort.postMessage(work());
else if (process.argv[2] === '2') {
  await Promise.all([0, 1].map(() => new Promise((resolve, reject) => new Worker(new URL(import.meta.url)).on('message', resolve).on('error', reject))));
} else work();

// Child-process entry for lib.mjs runStep(): runs one named step of a bench
// module against the built library and prints one JSON line with the step's
// own seconds and the process's peak RSS (start-up is not in the seconds).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { benchLibrary } from './lib.mjs';

const [moduleFile, stepName] = process.argv.slice(2);
const input = JSON.parse(readFileSync(0, 'utf8') || 'null');
const lib = await benchLibrary();
const mod = await import(pathToFileURL(moduleFile).href);
const step = mod.steps?.[stepName];
if (typeof step !== 'function') throw new Error(`${moduleFile} has no step ${stepName}`);
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const emit = (value) => process.stdout.write(`${JSON.stringify({ emit: value, peakRss: peakRss() })}\n`);
const t0 = performance.now();
let result;
try {
  result = await step(input, { lib, emit });
} catch (error) {
  // The parent reports the reason (e.g. a "skipped: ..." row), not a stack trace.
  process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(1);
}
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(`${JSON.stringify({ seconds, peakRss: peakRss(), result: result ?? null })}\n`);

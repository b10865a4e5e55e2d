// infverif over many files: each file is read when its turn comes (a regular
// file synchronously, which for small files costs far less than promises
// through the thread pool), validated and handed on as soon as it is done, and
// its document is dropped:
// a report keeps only its findings and the text of the lines they point at.
// Peak memory is then set by the largest file and the findings, not by the
// file count (13,800 INFs used to keep 919 MiB of documents alive). Order is
// the input order.
//
// With enough files (WORKER_MIN_FILES) the same per-file check runs on worker
// threads instead (infverif-pool.ts), one per core; the reports come back in
// input order, so the output is the same byte for byte.
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { InputError, describeFsError } from '../errors.js';
import { parseInfBytesChecked } from '../inf/parse.js';
import type { InfDocument } from '../inf/document.js';
import { validateDocument, validateInfBytes, type ValidateOptions, type ValidationResult } from '../rules/validate.js';
import type { FileReport } from '../report/types.js';
import type { CheckedInf, WireReport } from './infverif-wire.js';
import { yieldToSignals } from '../signals.js';
import { readRegularFileSync, readUserInput } from '../fs/read-input.js';
import { dismiss, poolPlan, startWorkers, validateWithWorkers, type Crew, type PoolSettings, type WorkerOptions } from './infverif-pool.js';

export type { CheckedInf, WireReport } from './infverif-wire.js';

type Read = { bytes: Buffer } | { error: InputError };

export interface BatchOptions extends ValidateOptions {
  cwd: string;
  readStdin: () => Promise<Buffer>;
  /** Worker threads: how many and from how many files (default: one per core, from WORKER_MIN_FILES). */
  pool?: PoolSettings;
  /** Workers started while the inputs were walked, if any. */
  early?: EarlyWorkers;
}

/** What a worker is sent: plain data (the kit by its version). */
function wireOptions(options: BatchOptions): WorkerOptions {
  const { pool: _, readStdin: __, early: ___, ...rest } = options;
  return { ...rest, wdk: typeof rest.wdk === 'object' ? rest.wdk.version : rest.wdk };
}

/**
 * Starts the workers as soon as the walk of the inputs has found enough files for them (each
 * takes some 200 ms to load the rules), so that start-up overlaps the rest of the walk instead
 * of following it. infverif.ts calls found() as files turn up.
 */
export class EarlyWorkers {
  crew: Crew | undefined;
  private tried = false;
  constructor(
    private readonly options: BatchOptions,
    /** False for a run that stays on this thread whatever its size (stdin, /info). */
    private readonly eligible: boolean,
  ) {}
  found(count: number): void {
    const pool = this.options.pool;
    if (this.tried || !this.eligible || !pool || count < Math.max(pool.minFiles, 2)) return;
    this.tried = true;
    if (pool.threads > 1) this.crew = startWorkers(wireOptions(this.options), pool.threads);
  }
}

async function readTarget(target: string, cwd: string, readStdin: () => Promise<Buffer>): Promise<Read> {
  if (target === '-') return { bytes: await readStdin() };
  // readUserInput's one stat tells a directory (EISDIR) and a FIFO (read through the event
  // loop, so a pipe nobody writes cannot hold a pool thread) from a regular file.
  try {
    return { bytes: await readUserInput(resolve(cwd, target)) };
  } catch (error) {
    return { error: new InputError(describeFsError(error, target)) };
  }
}

/**
 * Parses and validates one file's bytes: its findings and the text of the lines they point at
 * (an InputError for data that is not an INF; any other error is a bug and is thrown).
 */
export function checkInf(
  bytes: Buffer,
  target: string,
  options: ValidateOptions & { cwd: string },
  onDocument?: (doc: InfDocument, file: string) => void,
  /** resolve(options.cwd, target), when the caller has it already. */
  absolute?: string,
): CheckedInf {
  const file = target === '-' ? '<stdin>' : target;
  try {
    let result: ValidationResult;
    if (onDocument) {
      const doc = parseInfBytesChecked(bytes, { file });
      result = validateDocument(doc, options);
      onDocument(doc, file);
    } else {
      result = validateInfBytes(bytes, { ...options, file }); // a build input parsed in full only as stamped
    }
    const lines = new Map<number, string>();
    // The findings of a build input carry the stamped file's line numbers: quote that text.
    for (const d of result.diagnostics) if (d.line >= 1 && !lines.has(d.line)) lines.set(d.line, result.document.lineText(d.line));
    return {
      report: {
        file,
        ...(target === '-' ? {} : { absolute: absolute ?? resolve(options.cwd, target) }),
        diagnostics: result.diagnostics,
        lines: [...lines],
      },
    };
  } catch (error) {
    if (error instanceof InputError) return { inputError: error.message };
    throw error;
  }
}

/**
 * How much bytecode TurboFan may inline into one optimized function, in all (V8's default 920).
 * Checking files is some 99 small rules, the parser and the stamp, each optimized separately;
 * with the default budget every hot function is recompiled with large parts of its callees, and
 * over the 100x corpus that compiling and the time spent before it is done cost about a third of
 * the run's CPU (the passes over the corpus take 3x their final time for the first dozen). At
 * 100 the final speed is the same and the whole run costs 15-20% less CPU (docs/performance.md).
 * Process-wide, set once, before any file is checked (worker threads share it).
 */
export const INLINE_BUDGET_FLAG = '--max-inlined-bytecode-size-cumulative=100';
let jitTuned = false;
function tuneJit(): void {
  if (jitTuned) return;
  jitTuned = true;
  setFlagsFromString(INLINE_BUDGET_FLAG);
}

/** The report a formatter takes, from the posted form. */
export function fileReport(wire: WireReport): FileReport {
  const lines = new Map(wire.lines);
  return {
    file: wire.file,
    ...(wire.absolute !== undefined ? { absolute: wire.absolute } : {}),
    diagnostics: wire.diagnostics,
    lineText: (n) => lines.get(n) ?? '',
  };
}

/**
 * Reads and checks one target on this thread. A regular file is read when its turn comes: from
 * the page cache a small file takes microseconds, where a promise-based stat, open, fstat, read
 * and close through the thread pool (8 files ahead) cost more CPU over the 100x corpus than ini's
 * whole run. Anything else (stdin, a FIFO, a file that cannot be read) goes through readTarget,
 * which waits on the event loop and says what went wrong.
 */
async function checkTarget(target: string, options: BatchOptions, onDocument?: (doc: InfDocument, file: string) => void): Promise<CheckedInf> {
  const absolute = target === '-' ? undefined : resolve(options.cwd, target);
  const bytes = absolute === undefined ? undefined : readRegularFileSync(absolute);
  const read = bytes !== undefined ? { bytes } : await readTarget(target, options.cwd, options.readStdin);
  if ('error' in read) return { inputError: read.error.message };
  return checkInf(read.bytes, target, options, onDocument, absolute);
}

/**
 * Validates each target in order, calling onReport for each as it finishes
 * (onInputError for a file that cannot be read or parsed). Says how many threads
 * did the work (0: this one alone), how many files this thread checked, and
 * whether a worker ran out of memory (this thread then checked the rest).
 */
export async function validateTargets(
  targets: readonly string[],
  options: BatchOptions,
  onReport: (report: FileReport) => void,
  onInputError: (error: InputError) => void,
  /** Sees each document before it is dropped (infverif /info; keeps the run on this thread). */
  onDocument?: (doc: InfDocument, file: string) => void,
): Promise<{ threads: number; onMainThread: number; outOfMemory: boolean }> {
  tuneJit();
  const handOn = (checked: CheckedInf): void => {
    if ('inputError' in checked) onInputError(new InputError(checked.inputError));
    else onReport(fileReport(checked.report));
  };
  const threads = poolPlan(targets, options.pool, onDocument !== undefined);
  let crew = options.early?.crew;
  if (crew && crew.threads !== threads) {
    await dismiss(crew);
    crew = undefined;
  }
  if (threads > 0) crew ??= startWorkers(wireOptions(options), threads);
  // No crew: one thread, or no worker script beside this build (running from the sources).
  if (crew) return { threads, ...(await validateWithWorkers(targets, crew, (target) => checkTarget(target, options), handOn)) };
  for (const target of targets) {
    const checked = await checkTarget(target, options, onDocument);
    await yieldToSignals();
    handOn(checked);
  }
  return { threads: 0, onMainThread: targets.length, outOfMemory: false };
}

// infverif over many files: files are read ahead a few at a time (bounded
// prefetch, so reading overlaps validating and memory stays flat), each is
// validated and handed on as soon as it is done, and its document is dropped:
// a report keeps only its findings and the text of the lines they point at.
// Peak memory is then set by the largest file and the findings, not by the
// file count (13,800 INFs used to keep 919 MiB of documents alive). Order is
// the input order, whatever order the reads finish in.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError, describeFsError } from '../errors.js';
import { parseInfBytesChecked } from '../inf/parse.js';
import type { InfDocument } from '../inf/document.js';
import { validateDocument, type ValidateOptions } from '../rules/validate.js';
import type { FileReport } from '../report/types.js';
import { yieldToSignals } from '../signals.js';
import { readUserInput } from '../fs/read-input.js';

/** Reads in flight at once: enough to keep the disk busy while a file is validated. */
export const PREFETCH = 8;

type Read = { bytes: Buffer } | { error: InputError };

async function readTarget(target: string, cwd: string, readStdin: () => Promise<Buffer>): Promise<Read> {
  if (target === '-') return { bytes: await readStdin() };
  const path = resolve(cwd, target);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    return { bytes: await readUserInput(path) };
  } catch (error) {
    return { error: new InputError(describeFsError(error, target)) };
  }
}

/**
 * Validates each target in order, calling onReport for each as it finishes
 * (onInputError for a file that cannot be read or parsed).
 */
export async function validateTargets(
  targets: readonly string[],
  options: ValidateOptions & { cwd: string; readStdin: () => Promise<Buffer> },
  onReport: (report: FileReport) => void,
  onInputError: (error: InputError) => void,
  /** Sees each document before it is dropped (infverif /info). */
  onDocument?: (doc: InfDocument, file: string) => void,
): Promise<void> {
  const reads: Promise<Read>[] = [];
  const start = (i: number): void => {
    if (i < targets.length && reads[i] === undefined) reads[i] = readTarget(targets[i]!, options.cwd, options.readStdin);
  };
  for (let i = 0; i < Math.min(PREFETCH, targets.length); i++) start(i);
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i]!;
    const read = await reads[i]!;
    // eslint-disable-next-line @typescript-eslint/no-array-delete -- a hole on purpose: the bytes go with the document
    delete reads[i];
    start(i + PREFETCH);
    await yieldToSignals();
    if ('error' in read) {
      onInputError(read.error);
      continue;
    }
    const file = target === '-' ? '<stdin>' : target;
    try {
      const doc = parseInfBytesChecked(read.bytes, { file });
      const result = validateDocument(doc, options);
      onDocument?.(doc, file);
      const lines = new Map<number, string>();
      for (const d of result.diagnostics) if (d.line >= 1 && !lines.has(d.line)) lines.set(d.line, doc.lineText(d.line));
      onReport({
        file,
        ...(target === '-' ? {} : { absolute: resolve(options.cwd, target) }),
        diagnostics: result.diagnostics,
        lineText: (n) => lines.get(n) ?? '',
      });
    } catch (error) {
      if (error instanceof InputError) onInputError(error);
      else throw error;
    }
  }
}

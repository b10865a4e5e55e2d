// A bad INF never crashes the validator: every corpus file cut at 20 random
// points, and with random bytes flipped, validates without throwing and
// without a rule crash (code 9000), so the CLI would exit 0 or 1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_ROOT, corpusInfFiles, corpusName } from '../helpers/corpus.js';
import { rng } from '../stress/budget.js';
import { describe, expect, it } from 'vitest';
import { parseInfBytesChecked } from '../../src/inf/parse.js';
import { validateDocument } from '../../src/rules/validate.js';
import type { Mode } from '../../src/rules/types.js';

const root = CORPUS_ROOT;

const MODES: Mode[] = ['default', 'k', 'u', 'w', 'h'];

function check(bytes: Buffer, name: string, mode: Mode): void {
  let outcome: string;
  try {
    const doc = parseInfBytesChecked(bytes, { file: name });
    const result = validateDocument(doc, { mode, stampinf: /\.inx$/i.test(name) });
    const crashed = result.diagnostics.filter((d) => d.code === '9000');
    outcome = crashed.length > 0 ? `rule crashed: ${crashed[0]!.message}` : 'ok';
    for (const d of result.diagnostics) {
      if (d.line < 0 || d.line > doc.lineCount) outcome = `line ${d.line} outside the file (${d.code})`;
    }
  } catch (error) {
    outcome = `threw: ${(error as Error).stack ?? String(error)}`;
  }
  expect(outcome, name).toBe('ok');
}

describe('robustness on damaged corpus files', () => {
  it.each(corpusInfFiles().map(corpusName))('%s', (rel) => {
    const bytes = readFileSync(join(root, rel));
    const random = rng(bytes.length * 2654435761);
    for (let i = 0; i < 20; i++) {
      const cut = Math.floor(random() * bytes.length);
      check(bytes.subarray(0, cut), `${rel} cut at ${cut}`, MODES[i % MODES.length]!);
    }
    for (let i = 0; i < 5; i++) {
      const copy = Buffer.from(bytes);
      const flipped: number[] = [];
      for (let j = 0; j < 16; j++) {
        const at = Math.floor(random() * copy.length);
        copy[at] = copy[at]! ^ (1 << Math.floor(random() * 8));
        flipped.push(at);
      }
      check(copy, `${rel} with bits flipped at ${flipped.join(',')}`, MODES[i % MODES.length]!);
    }
  });
});

// The whole vendored Windows-driver-samples corpus: every INF/INX validated
// (default mode; .inx with /stampinf, as the samples' projects stamp them),
// one snapshot file per sample, and every error checked against the reviewed
// list in corpus-errors.reviewed.txt.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_ROOT, corpusInfFiles, corpusName } from '../helpers/corpus.js';
import { describe, expect, it } from 'vitest';
import { readInfFile } from '../../src/inf/parse.js';
import { validateDocument } from '../../src/rules/validate.js';

const root = CORPUS_ROOT;
const files = corpusInfFiles().map(corpusName);
const reviewed = new Set(
  readFileSync(join(import.meta.dirname, 'corpus-errors.reviewed.txt'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l !== ''),
);
const errors = new Set<string>();

describe('Windows-driver-samples corpus', () => {
  it('has the 138 INF/INX files the reference counts', () => {
    expect(files.length).toBe(138);
  });

  it.each(files)('%s', async (rel) => {
    const doc = await readInfFile(join(root, rel), { file: rel });
    const result = validateDocument(doc, { stampinf: /\.inx$/i.test(rel), strict: true });
    const lines = result.diagnostics.map(
      (d) => `${d.severity === 'error' ? 'ERROR' : 'WARNING'}(${d.code}) line ${d.line}:${d.column}${d.targetOs ? ` [${d.targetOs}]` : ''}: ${d.message}`,
    );
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot(join('../__snapshots__/infverif-corpus', `${rel}.txt`));
    for (const d of result.diagnostics) {
      expect(d.code, 'no rule may crash on a sample').not.toBe('9000');
      if (d.severity === 'error') errors.add(`${rel}:${d.line} ${d.code}`);
    }
  });

  it('every error is a reviewed true finding, and the list has no stale entries', () => {
    const unreviewed = [...errors].filter((e) => !reviewed.has(e));
    const stale = [...reviewed].filter((e) => !errors.has(e));
    expect(unreviewed, 'errors not in corpus-errors.reviewed.txt').toEqual([]);
    expect(stale, 'reviewed errors no longer reported').toEqual([]);
  });
});

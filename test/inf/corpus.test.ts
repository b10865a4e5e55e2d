// Every INF/INX of the Windows-driver-samples corpus parses without an
// internal error, and decoding then re-encoding gives back the same bytes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeInf } from '../../src/inf/decode.js';
import { parseInf } from '../../src/inf/parse.js';
import { corpusInfFiles, corpusName } from '../helpers/corpus.js';

const files = corpusInfFiles();

describe('corpus', () => {
  it('holds the 138 sample INF/INX files', () => {
    expect(files.length).toBe(138);
  });

  it.each(files.map((f) => [corpusName(f), f]))('%s parses and round-trips', (_name, file) => {
    const bytes = readFileSync(file);
    const doc = parseInf(bytes, { file });
    expect(encodeInf(doc.text, doc).equals(bytes)).toBe(true);
    // The loader opens every sample, except toaster's autorun.inf: an AutoRun
    // file, not a setup INF (no [Version]), which SetupOpenInfFile rejects too.
    const fatal = doc.diagnostics.filter((d) => d.code === '1001' || d.code === '1002').map((d) => d.code);
    expect(fatal).toEqual(file.endsWith('autorun.inf') ? ['1001'] : []);
    for (const section of doc.sections) {
      for (const entry of section.entries) {
        expect(entry.line).toBeGreaterThanOrEqual(section.line);
        expect(entry.span.start.offset).toBeLessThanOrEqual(entry.span.end.offset);
        expect(entry.span.end.offset).toBeLessThanOrEqual(doc.text.length);
        void entry.fields;
      }
    }
  });

  it('finds the two UTF-16LE samples and the eight with text before the first section', () => {
    const docs = files.map((f) => parseInf(readFileSync(f), { file: corpusName(f) }));
    expect(
      docs
        .filter((d) => d.encoding === 'utf-16le')
        .map((d) => d.file)
        .sort(),
    ).toEqual(['network/netadaptercx/netvadapter/km/netvadapter.inf', 'network/netadaptercx/netvadapter/um/netvadapterum.inf']);
    expect(docs.filter((d) => d.preamble.length > 0)).toHaveLength(8);
  });
});

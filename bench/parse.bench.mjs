// INF parse and validate throughput over the corpus, against decode + line
// split (the least any reader must do) and against the generic `ini` parser.
import ini from 'ini';
import { corpusInfs, fmtMb, mb, runStep, timeIt } from './lib.mjs';

export const name = 'parse';

// Peak RSS of one pass in a fresh process (bench/step.mjs), corpus bytes included.
export const steps = {
  parse(copies, { lib }) {
    const files = corpusInfs();
    for (let i = 0; i < copies; i++) for (const f of files) for (const s of lib.parseInf(f.bytes).sections) for (const e of s.entries) void e.fields;
  },
  validate(copies, { lib }) {
    const files = corpusInfs();
    for (let i = 0; i < copies; i++) for (const f of files) lib.validate(lib.parseInf(f.bytes), {});
  },
};

export async function run({ lib }) {
  const files = corpusInfs();
  const rows = [];
  // Warm-up (JIT) before any timing, so the small size is not measured cold and the scaling line means something.
  // (validate needs some 25 passes over the corpus to reach its optimised tier: 40 passes, at most 8 s.)
  for (let i = 0, t0 = performance.now(); i < 40 && performance.now() - t0 < 8000; i++) {
    for (const f of files) {
      lib.parseInf(f.bytes);
      ini.parse(lib.decodeInf(f.bytes).text);
      if (typeof lib.validate === 'function') lib.validate(lib.parseInf(f.bytes), {});
    }
  }
  for (const copies of [1, 10]) {
    const set = Array.from({ length: copies }, () => files).flat();
    const totalMb = mb(set.reduce((n, f) => n + f.bytes.length, 0));
    const baseline = timeIt(() => {
      for (const f of set) lib.decodeInf(f.bytes).text.split('\n');
    });
    // The parse builds the document; SetupAPI substitutes %strkey% and DIRIDs
    // when a field is read, and so does wdksim: both costs are shown.
    const parseOnly = timeIt(() => {
      for (const f of set) lib.parseInf(f.bytes);
    });
    const parse = timeIt(() => {
      for (const f of set) {
        const doc = lib.parseInf(f.bytes);
        for (const s of doc.sections) for (const e of s.entries) void e.fields;
      }
    });
    const iniTime = timeIt(() => {
      for (const f of set) ini.parse(lib.decodeInf(f.bytes).text);
    });
    const label = `${set.length} files, ${totalMb.toFixed(1)} MB`;
    const scaled = { scale: set.length, scaleUnit: 'INF files' };
    const parsePeak = fmtMb(runStep(import.meta.url, 'parse', copies).peakRss);
    rows.push({
      benchmark: 'parse corpus (the document: parseInf)',
      size: label,
      ...scaled,
      peakMemory: parsePeak,
      seconds: parseOnly,
      throughput: `${(totalMb / parseOnly).toFixed(1)} MB/s`,
      baseline: 'decode + split lines',
      baselineSeconds: baseline,
      ratio: parseOnly / baseline,
      target: '<= 3x',
    });
    rows.push({
      benchmark: 'parse corpus + every field read (substituted)',
      size: label,
      peakMemory: parsePeak,
      seconds: parse,
      throughput: `${(totalMb / parse).toFixed(1)} MB/s`,
      baseline: 'decode + split lines',
      baselineSeconds: baseline,
      ratio: parse / baseline,
      target: 'informational',
    });
    rows.push({
      benchmark: 'parse corpus vs ini package',
      size: label,
      peakMemory: parsePeak,
      seconds: parse,
      throughput: `${(totalMb / parse).toFixed(1)} MB/s`,
      baseline: 'ini.parse (decoded text)',
      baselineSeconds: iniTime,
      ratio: parse / iniTime,
      target: '<= 1x',
    });
    if (typeof lib.validate === 'function') {
      const docs = set.map((f) => lib.parseInf(f.bytes));
      const validate = timeIt(() => {
        for (const f of set) lib.validate(lib.parseInf(f.bytes), {});
      });
      void docs;
      rows.push({
        benchmark: 'validate corpus (parse + rules)',
        size: label,
        ...scaled,
        peakMemory: fmtMb(runStep(import.meta.url, 'validate', copies).peakRss),
        seconds: validate,
        throughput: `${(totalMb / validate).toFixed(1)} MB/s`,
        baseline: 'parse corpus + every field read',
        baselineSeconds: parse,
        ratio: validate / parse,
        target: '<= 2x',
      });
    }
  }
  return rows;
}

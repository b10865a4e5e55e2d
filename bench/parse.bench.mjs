// INF parse and validate throughput over the corpus, against decode + line
// split (the least any reader must do) and against the generic `ini` parser.
import ini from 'ini';
import { corpusInfs, mb, timeIt } from './lib.mjs';

export const name = 'parse';

export async function run({ lib }) {
  const files = corpusInfs();
  const rows = [];
  for (const copies of [1, 10]) {
    const set = Array.from({ length: copies }, () => files).flat();
    const totalMb = mb(set.reduce((n, f) => n + f.bytes.length, 0));
    const baseline = timeIt(() => {
      for (const f of set) lib.decodeInf(f.bytes).text.split('\n');
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
    rows.push({ benchmark: 'parse corpus (fields expanded)', size: label, seconds: parse, throughput: `${(totalMb / parse).toFixed(1)} MB/s`, baseline: 'decode + split lines', baselineSeconds: baseline, ratio: parse / baseline, target: '<= 3x' });
    rows.push({ benchmark: 'parse corpus vs ini package', size: label, seconds: parse, throughput: `${(totalMb / parse).toFixed(1)} MB/s`, baseline: 'ini.parse (decoded text)', baselineSeconds: iniTime, ratio: parse / iniTime, target: '<= 1x' });
    if (typeof lib.validate === 'function') {
      const docs = set.map((f) => lib.parseInf(f.bytes));
      const validate = timeIt(() => {
        for (const f of set) lib.validate(lib.parseInf(f.bytes), {});
      });
      void docs;
      rows.push({ benchmark: 'validate corpus (parse + rules)', size: label, seconds: validate, throughput: `${(totalMb / validate).toFixed(1)} MB/s`, baseline: 'parse corpus', baselineSeconds: parse, ratio: validate / parse, target: '<= 2x' });
    }
  }
  return rows;
}

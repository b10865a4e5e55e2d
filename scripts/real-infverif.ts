// Scores wdksim infverif against real InfVerif output: every case folder under
// the given roots (default: fixtures/infverif-real and .local-cases).
// Run: npx vite-node scripts/real-infverif.ts [root...]
import { join } from 'node:path';
import { loadCases, runCase, score } from '../test/helpers/real-cases.js';

const roots = process.argv.slice(2);
const dirs = roots.length > 0 ? roots : [join(import.meta.dirname, '..', 'fixtures', 'infverif-real'), join(import.meta.dirname, '..', '.local-cases')];
const results = dirs.flatMap((d) => loadCases(d)).map(runCase);
for (const r of results) {
  const mark = r.exact ? 'ok  ' : 'DIFF';
  console.log(`${mark} ${r.name}${r.partial ? ' (partial)' : ''}`);
  if (!r.exact) console.log(`       real:   ${r.expected.join(' ')}\n       wdksim: ${r.actual.join(' ')}`);
}
const full = score(results.filter((r) => !r.partial));
const all = score(results);
const fmt = (s: typeof all): string => `${s.exact}/${s.cases} exact, ${s.inReal}/${s.reported} reported findings have a real code (${(100 * s.precision).toFixed(1)}%)`;
console.log(`complete outputs: ${fmt(full)}`);
console.log(`all cases:        ${fmt(all)}`);

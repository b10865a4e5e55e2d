// doctor over every project of the vendored Windows-driver-samples: the
// findings are snapshotted (reviewed in docs/doctor.md, "Corpus review"), so a
// change in what doctor reports on real projects shows up as a diff.
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { expect, it } from 'vitest';
import { runDoctor, withFixInMessage } from '../../src/doctor/index.js';
import { formatters } from '../../src/report/index.js';
import { fixedClock } from '../../src/time/clock.js';

const REPO = join(import.meta.dirname, '..', '..');

it('Windows-driver-samples: findings snapshot', { timeout: 60000 }, async () => {
  const result = runDoctor(['fixtures/corpus/windows-driver-samples'], { cwd: REPO, clock: fixedClock('2026-11-25T12:00:00Z', 'UTC'), env: {} });
  expect(result.inputs.length).toBeGreaterThan(200);
  const counts: Record<string, number> = {};
  for (const f of result.files) for (const d of f.diagnostics) counts[d.code] = (counts[d.code] ?? 0) + 1;
  const text = formatters.text!({
    files: withFixInMessage(result.files),
    rules: result.rules,
    cwd: REPO,
    chalk: new Chalk({ level: 0 }),
    tool: { name: 'wdksim doctor', version: 'test' },
    mode: 'default',
    verbose: false,
  });
  const summary = `${result.inputs.length} projects checked; findings by rule: ${JSON.stringify(counts)}\n\n`;
  await expect(summary + text.split(REPO + '/').join('')).toMatchFileSnapshot('__golden__/corpus.txt');
});

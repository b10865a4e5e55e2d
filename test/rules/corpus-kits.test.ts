// The Windows-driver-samples corpus under each older kit: one snapshot per kit
// listing only what differs from the newest kit's results (corpus.test.ts), each
// difference with the reason the kit history gives for it. A difference that no
// entry of the history explains fails the test.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_ROOT, corpusInfFiles, corpusName } from '../helpers/corpus.js';
import { readInfFile } from '../../src/inf/parse.js';
import { CODE_HISTORY, KITS, NEWEST_KIT } from '../../src/rules/kits.js';
import { validateDocument } from '../../src/rules/validate.js';

/** Placement that differs by kit without a code history entry (context.ts atEntryAsKit). */
const PLACEMENT: Record<string, string> = {
  '1303': "kits before 10.0.22621 print the entry's own line, later kits the header of its section",
  '1322': "kits before 10.0.22621 print the entry's own line, later kits the header of its section",
  '2083': "kits before 10.0.22621 print the unused section's last line with a value, later kits its header",
};

const files = corpusInfFiles().map(corpusName);
const key = (d: { code: string; severity: string; line: number; message: string }): string =>
  `${d.severity === 'error' ? 'ERROR' : 'WARNING'}(${d.code}) line ${d.line}: ${d.message}`;

describe('corpus per kit', () => {
  it.each(KITS.filter((k) => k !== NEWEST_KIT).map((k) => k.version))(
    'WDK %s differs from the newest kit only where the history says',
    async (version) => {
      const out: string[] = [];
      const unexplained: string[] = [];
      for (const rel of files) {
        const doc = await readInfFile(join(CORPUS_ROOT, rel), { file: rel });
        const stampinf = /\.inx$/i.test(rel);
        const modes = ['default', 'w'] as const;
        for (const mode of modes) {
          const newest = validateDocument(doc, { stampinf, mode }).diagnostics.map(key);
          const old = validateDocument(doc, { stampinf, mode, wdk: version }).diagnostics.map(key);
          const gone = newest.filter((l) => !old.includes(l));
          const added = old.filter((l) => !newest.includes(l));
          const where = mode === 'default' ? 'no mode' : `/${mode}`;
          const unplaced = (l: string): string => l.replace(/ line \d+:/, ':');
          // A finding on another line in the older kit: placement.
          for (const line of [...gone]) {
            const moved = added.find((a) => unplaced(a) === unplaced(line));
            if (!moved) continue;
            gone.splice(gone.indexOf(line), 1);
            added.splice(added.indexOf(moved), 1);
            const code = /\((\d+)\)/.exec(line)![1]!;
            const why = PLACEMENT[code];
            if (!why) unexplained.push(`${rel} ${where} moved ${line}`);
            out.push(`${rel} [${where}] ${line}\n    is at ${/ line (\d+):/.exec(moved)![1]} because ${code}: ${why ?? 'UNEXPLAINED'}`);
          }
          for (const [sign, list] of [
            ['-', gone],
            ['+', added],
          ] as const) {
            for (const line of list) {
              const code = /\((\d+)\)/.exec(line)![1]!;
              const why = CODE_HISTORY[code]?.why;
              if (!why) unexplained.push(`${rel} ${where} ${sign}${line}`);
              out.push(`${rel} [${where}] ${sign}${line}\n    because ${code}: ${why ?? 'UNEXPLAINED'}`);
            }
          }
        }
      }
      expect(unexplained).toEqual([]);
      await expect(`${out.join('\n')}\n`).toMatchFileSnapshot(join('../__snapshots__/infverif-corpus-kits', `${version}.txt`));
    },
    120_000,
  );
});

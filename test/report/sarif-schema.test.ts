// The SARIF output validates against the OASIS SARIF 2.1.0 schema (shipped
// in fixtures/sarif) and places every result where the text output does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { infverif, repoRoot } from './run-infverif.js';

function validator() {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // A draft-04 schema: Ajv 8 reads it once the id keyword is spelled $id.
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }); // the rtm.5 language pattern is not valid with the u flag;
  // ajv-formats is CommonJS: its default export is the module object under NodeNext.
  const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;
  addFormats(ajv);
  return ajv.compile(schema);
}

const validate = validator();

const cases: [string, string[]][] = [
  ['many findings', ['fixtures/rules/1297-no-devices.invalid.inf', 'fixtures/rules/1230-missing-sourcedisksfiles.invalid.inf']],
  ['a whole-file finding at line 0', ['fixtures/rules/1001-version-signature.invalid.inf']],
  ['a clean INF', ['fixtures/rules/1203-section-not-found.valid.inf']],
  ['a corpus sample in /w mode', ['/w', 'fixtures/corpus/windows-driver-samples/general/echo/kmdf/driver/AutoSync/echo.inx']],
];

describe('SARIF 2.1.0', () => {
  it.each(cases)('%s validates against the schema', async (_name, args) => {
    const { stdout } = await infverif(['--format', 'sarif', ...args]);
    const log = JSON.parse(stdout);
    const ok = validate(log);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
    const run = log.runs[0];
    expect(run.columnKind).toBe('utf16CodeUnits');
    for (const r of run.results) {
      const region = r.locations[0].physicalLocation.region;
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
      if (region.endColumn !== undefined && region.endLine === undefined) expect(region.endColumn).toBeGreaterThan(region.startColumn);
      const rule = run.tool.driver.rules[r.ruleIndex];
      expect(rule.id).toBe(r.ruleId);
      expect(rule.name).toMatch(/^[a-z0-9-]+$/);
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(['error', 'warning', 'note']).toContain(r.level);
    }
  });

  it('standard input gives a valid URI reference', async () => {
    const { readFileSync: read } = await import('node:fs');
    const { stdout } = await infverif(['--format', 'sarif', '-'], { stdin: read(join(repoRoot, 'fixtures/rules/1203-section-not-found.invalid.inf')) });
    const log = JSON.parse(stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('%3Cstdin%3E');
  });

  it('points at the same lines as the text output, and moves line 0 to line 1', async () => {
    const files = ['fixtures/rules/1297-no-devices.invalid.inf', 'fixtures/rules/1001-version-signature.invalid.inf'];
    const sarif = JSON.parse((await infverif(['--format', 'sarif', ...files])).stdout);
    const text = (await infverif(['--format', 'text', ...files])).stdout.trim().split('\n');
    const fromText = text.map((l) => /^(ERROR|WARNING)\((\d+)\) in .*, line (\d+)/.exec(l)!).map((m) => `${m[2]}@${Math.max(1, Number(m[3]))}`);
    const fromSarif = sarif.runs[0].results.map(
      (r: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }) => `${r.ruleId}@${r.locations[0]!.physicalLocation.region.startLine}`,
    );
    expect(fromSarif).toEqual(fromText);
    expect(fromSarif).toContain('1299@1');
    expect(sarif.runs[0].artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual(files);
  });
});

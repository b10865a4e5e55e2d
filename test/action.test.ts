// The GitHub Action: its inputs reach the step, and map to the right command lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './helpers/cli.js';
// @ts-expect-error plain ESM script without types
import { planCommands, splitPaths } from '../scripts/action.mjs';

const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'));

describe('action.yml', () => {
  it('passes every input to the step that uses it', () => {
    const step = action.runs.steps.find((s: { id?: string }) => s.id === 'run');
    for (const name of ['paths', 'mode', 'stampinf', 'doctor', 'sarif-dir', 'wdksim-version']) {
      expect(Object.keys(action.inputs)).toContain(name);
      const envName = `INPUT_${name.replace(/-/g, '_').toUpperCase()}`;
      expect(step.env[envName]).toBe(`\${{ inputs.${name} }}`);
    }
  });
  it('uploads SARIF and fails on errors', () => {
    const uses = action.runs.steps.map((s: { uses?: string }) => s.uses).filter(Boolean);
    expect(uses).toContain('github/codeql-action/upload-sarif@v3.28.0');
    const fail = action.runs.steps.at(-1);
    expect(fail.if).toContain("inputs.fail-on-error == 'true'");
    expect(fail.run).toContain('exit 1');
  });
  it('has a problem matcher that reads the text format', () => {
    const matcher = JSON.parse(readFileSync(join(REPO_ROOT, '.github', 'wdksim-problem-matcher.json'), 'utf8'));
    const re = new RegExp(matcher.problemMatcher[0].pattern[0].regexp);
    expect('ERROR(1203) in drivers/x.inf, line 12: Section [X] not found'.match(re)?.slice(1)).toEqual(['ERROR', '1203', 'drivers/x.inf', '12', 'Section [X] not found']);
    expect('WARNING(2083) in x.inf, line 3, target OS NTamd64.10.0...16299: Section [a] not used'.match(re)?.slice(1, 5)).toEqual(['WARNING', '2083', 'x.inf', '3']);
  });
});

describe('inputs → command lines', () => {
  it('defaults: infverif on . in text (annotations) and SARIF', () => {
    const plan = planCommands({}, '/a');
    expect(plan.commands.map((c: { argv: string[] }) => c.argv.join(' '))).toEqual([
      'node /a/bin/wdksim.js infverif --format text .',
      'node /a/bin/wdksim.js infverif --format sarif --output-file wdksim-sarif/infverif.sarif .',
    ]);
  });
  it('mode, stampinf, doctor, paths with spaces, a published version', () => {
    const plan = planCommands({ paths: 'drivers "my pkg/x.inx"', mode: '/W', stampinf: 'true', doctor: 'true', sarifDir: 'out', wdksimVersion: '0.1.0' }, '/a');
    expect(plan.commands.map((c: { argv: string[] }) => c.argv)).toEqual([
      ['npx', '--yes', 'wdksim@0.1.0', 'infverif', '/w', '/stampinf', '--format', 'text', 'drivers', 'my pkg/x.inx'],
      ['npx', '--yes', 'wdksim@0.1.0', 'infverif', '/w', '/stampinf', '--format', 'sarif', '--output-file', 'out/infverif.sarif', 'drivers', 'my pkg/x.inx'],
      ['npx', '--yes', 'wdksim@0.1.0', 'doctor', '--format', 'sarif', '--output-file', 'out/doctor.sarif', 'drivers', 'my pkg/x.inx'],
    ]);
  });
  it('refuses an unknown mode', () => {
    expect(() => planCommands({ mode: 'x' }, '/a')).toThrow(/mode must be w, u, k, h or empty/);
  });
  it('splits paths on blanks', () => {
    expect(splitPaths('')).toEqual(['.']);
    expect(splitPaths("a  b 'c d'")).toEqual(['a', 'b', 'c d']);
  });
});

// The GitHub Action: its inputs reach the step, and map to the right command lines.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './helpers/cli.js';
// @ts-expect-error plain ESM script without types
import { planCommands, projectWdk, splitPaths } from '../scripts/action.mjs';

const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'));

describe('action.yml', () => {
  it('passes every input to the step that uses it', () => {
    const step = action.runs.steps.find((s: { id?: string }) => s.id === 'run');
    for (const name of ['paths', 'mode', 'stampinf', 'wdk', 'doctor', 'sarif-dir', 'wdksim-version']) {
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
  it('defaults: infverif on . once, text (annotations) and SARIF from the same run', () => {
    const plan = planCommands({}, '/a');
    expect(plan.commands.map((c: { argv: string[] }) => c.argv.join(' '))).toEqual(['node /a/bin/wdksim.js infverif --format text --sarif-output wdksim-sarif/infverif.sarif .']);
  });
  it('mode, stampinf, doctor, paths with spaces, a published version', () => {
    const plan = planCommands({ paths: 'drivers "my pkg/x.inx"', mode: '/W', stampinf: 'true', doctor: 'true', sarifDir: 'out', wdksimVersion: '0.1.0' }, '/a');
    expect(plan.commands.map((c: { argv: string[] }) => c.argv)).toEqual([
      ['npx', '--yes', 'wdksim@0.1.0', 'infverif', '/w', '/stampinf', '--format', 'text', '--sarif-output', 'out/infverif.sarif', 'drivers', 'my pkg/x.inx'],
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

describe("the project's WDK reaches infverif", () => {
  it('from the wdk input, a .vcxproj or wdksim.json under the paths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wdksim-action-'));
    try {
      mkdirSync(join(dir, 'drv'));
      writeFileSync(join(dir, 'drv', 'drv.vcxproj'), '<Project><PropertyGroup><WindowsTargetPlatformVersion>10.0.22621.0</WindowsTargetPlatformVersion></PropertyGroup></Project>');
      expect(projectWdk(['.'], dir)).toBe('10.0.22621.0');
      const plan = planCommands({ paths: '.' }, '/a', dir);
      expect(plan.commands[0].argv.join(' ')).toBe('node /a/bin/wdksim.js infverif --wdk 10.0.22621.0 --format text --sarif-output wdksim-sarif/infverif.sarif .');
      expect(planCommands({ paths: '.', wdk: '10.0.19041' }, '/a', dir).commands[0].argv).toContain('10.0.19041');
      writeFileSync(join(dir, 'drv', 'drv.vcxproj'), '<Project><WindowsTargetPlatformVersion>$(LatestTargetPlatformVersion)</WindowsTargetPlatformVersion></Project>');
      expect(projectWdk(['.'], dir)).toBeUndefined();
      writeFileSync(join(dir, 'wdksim.json'), JSON.stringify({ wdk: '10.0.26100' }));
      expect(projectWdk(['.'], dir)).toBe('10.0.26100');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

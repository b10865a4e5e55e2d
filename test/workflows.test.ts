// The GitHub workflows and the action are valid as GitHub reads them: YAML
// without duplicate keys, the keys GitHub knows at each level, one of run/uses
// per step, jobs that `needs` exist, matrix values that are defined, balanced
// ${{ }} expressions, and only pinned action versions (a full commit SHA or a
// full vX.Y.Z tag, never @v4 or @main).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { REPO_ROOT } from './helpers/cli.js';

const WORKFLOWS = join(REPO_ROOT, '.github', 'workflows');
const PINNED = /^(?:\.\/.*|[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@(?:[0-9a-f]{40}|v\d+\.\d+\.\d+))$/;
const WORKFLOW_KEYS = new Set(['name', 'run-name', 'on', 'permissions', 'env', 'defaults', 'concurrency', 'jobs']);
const JOB_KEYS = new Set([
  'name',
  'runs-on',
  'needs',
  'if',
  'strategy',
  'steps',
  'permissions',
  'env',
  'timeout-minutes',
  'outputs',
  'defaults',
  'continue-on-error',
  'concurrency',
  'services',
  'container',
  'environment',
  'uses',
  'with',
  'secrets',
]);
const STEP_KEYS = new Set(['id', 'if', 'name', 'uses', 'run', 'with', 'env', 'shell', 'continue-on-error', 'timeout-minutes', 'working-directory']);
const EVENTS = new Set(['push', 'pull_request', 'pull_request_target', 'workflow_dispatch', 'release', 'schedule', 'workflow_call', 'merge_group']);

type Step = Record<string, unknown>;

/** Parses YAML strictly: a syntax error or a duplicate key fails. */
function load(path: string): Record<string, unknown> {
  const doc = parseDocument(readFileSync(path, 'utf8'), { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
  return doc.toJS() as Record<string, unknown>;
}

/** Every string value inside a parsed YAML node. */
function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(strings);
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

/** Problems with a list of steps (workflow job or composite action). */
function stepProblems(where: string, steps: unknown, known: { matrix?: Set<string>; composite?: boolean }): string[] {
  const problems: string[] = [];
  if (!Array.isArray(steps) || steps.length === 0) return [`${where}: steps must be a non-empty list`];
  const ids = new Set<string>();
  steps.forEach((raw: Step, n) => {
    const at = `${where} step ${n + 1}`;
    for (const key of Object.keys(raw)) if (!STEP_KEYS.has(key)) problems.push(`${at}: unknown key "${key}"`);
    if ('run' in raw === 'uses' in raw) problems.push(`${at}: needs exactly one of run and uses`);
    if ('uses' in raw && !PINNED.test(String(raw.uses))) problems.push(`${at}: "${String(raw.uses)}" is not pinned to a commit SHA or a full vX.Y.Z tag`);
    if (known.composite && 'run' in raw && !('shell' in raw)) problems.push(`${at}: a composite action's run step needs a shell`);
    if (typeof raw.id === 'string') ids.add(raw.id);
    const text = strings(raw).join('\n');
    for (const expr of text.match(/\$\{\{[^}]*\}\}/g) ?? []) {
      for (const m of expr.matchAll(/matrix\.([\w-]+)/g)) if (!known.matrix?.has(m[1]!)) problems.push(`${at}: matrix.${m[1]} is not defined`);
      for (const m of expr.matchAll(/steps\.([\w-]+)\./g)) if (!ids.has(m[1]!)) problems.push(`${at}: steps.${m[1]} refers to no earlier step`);
    }
    if ((text.match(/\$\{\{/g) ?? []).length !== (text.match(/\}\}/g) ?? []).length) problems.push(`${at}: unbalanced \${{ }}`);
  });
  return problems;
}

function workflowProblems(path: string): string[] {
  const wf = load(path);
  const problems: string[] = [];
  for (const key of Object.keys(wf)) if (!WORKFLOW_KEYS.has(key)) problems.push(`unknown top-level key "${key}"`);
  const on = wf.on;
  const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys((on ?? {}) as object);
  if (events.length === 0) problems.push('no trigger (on:)');
  for (const e of events) if (!EVENTS.has(String(e))) problems.push(`unknown event "${String(e)}"`);
  const jobs = (wf.jobs ?? {}) as Record<string, Record<string, unknown>>;
  if (Object.keys(jobs).length === 0) problems.push('no jobs');
  for (const [name, job] of Object.entries(jobs)) {
    for (const key of Object.keys(job)) if (!JOB_KEYS.has(key)) problems.push(`job ${name}: unknown key "${key}"`);
    if (!job['runs-on'] && !job.uses) problems.push(`job ${name}: no runs-on`);
    for (const need of strings(job.needs)) if (!(need in jobs)) problems.push(`job ${name}: needs unknown job "${need}"`);
    const matrix = ((job.strategy as { matrix?: Record<string, unknown> } | undefined)?.matrix ?? {}) as Record<string, unknown>;
    const known = { matrix: new Set(Object.keys(matrix).filter((k) => k !== 'include' && k !== 'exclude')) };
    const runsOn = JSON.stringify(job['runs-on'] ?? '');
    for (const m of runsOn.matchAll(/matrix\.([\w-]+)/g)) if (!known.matrix.has(m[1]!)) problems.push(`job ${name}: runs-on uses undefined matrix.${m[1]}`);
    problems.push(...stepProblems(`job ${name}`, job.steps, known));
  }
  return problems;
}

const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

describe('GitHub workflows', () => {
  it('ci and release exist', () => {
    expect(files.sort()).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
  });

  it.each(files)('%s is valid and pins every action', (file) => {
    expect(workflowProblems(join(WORKFLOWS, file))).toEqual([]);
  });

  it('ci runs npm ci && npm test on Linux, Windows and macOS with Node 20 and 22', () => {
    const ci = load(join(WORKFLOWS, 'ci.yml')) as { jobs: Record<string, { strategy?: { matrix?: { os?: string[]; node?: number[] } }; steps: Step[] }> };
    const test = Object.values(ci.jobs).find((j) => j.strategy?.matrix?.os);
    expect(test?.strategy?.matrix?.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest']);
    expect(test?.strategy?.matrix?.node).toEqual([20, 22]);
    expect(test?.steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm test']);
  });

  it('release publishes the checked tarball with provenance, on a version tag only', () => {
    const release = load(join(WORKFLOWS, 'release.yml')) as { on: { push: { tags: string[] } }; jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }> };
    expect(release.on.push.tags.every((t) => t.startsWith('v'))).toBe(true);
    const job = Object.values(release.jobs)[0]!;
    expect(job.permissions['id-token']).toBe('write');
    const runs = job.steps.map((s) => (typeof s.run === 'string' ? s.run : ''));
    const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
    expect(at(/^npm test$/)).toBeGreaterThan(-1);
    expect(at(/check-tarball\.mjs/)).toBeGreaterThan(at(/npm pack/));
    expect(at(/npm publish --provenance/)).toBeGreaterThan(at(/check-tarball\.mjs/));
  });

  it('the checker finds what GitHub would reject', () => {
    const bad = stepProblems('job x', [{ uses: 'actions/checkout@v4' }, { run: 'a', uses: 'b/c@main' }, { name: 'x', runs: 'typo' }, { run: 'echo ${{ matrix.nope }}' }], {
      matrix: new Set(['os']),
    });
    expect(bad.join('\n')).toMatch(/actions\/checkout@v4" is not pinned/);
    expect(bad.join('\n')).toMatch(/step 2: needs exactly one of run and uses/);
    expect(bad.join('\n')).toMatch(/step 3: unknown key "runs"/);
    expect(bad.join('\n')).toMatch(/matrix.nope is not defined/);
  });
});

describe('action.yml', () => {
  it('is a valid composite action that pins every action', () => {
    const action = load(join(REPO_ROOT, 'action.yml')) as { name?: string; description?: string; runs: { using: string; steps: Step[] } };
    expect(action.name && action.description).toBeTruthy();
    expect(action.runs.using).toBe('composite');
    expect(stepProblems('action.yml', action.runs.steps, { composite: true })).toEqual([]);
  });
});

describe('README CI snippets', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('pin their actions and the wdksim version they run', () => {
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      for (const m of block.matchAll(/uses:\s*(\S+)/g)) if (!m[1]!.startsWith('<')) expect(m[1]).toMatch(PINNED);
      for (const m of block.matchAll(/npx (?:--yes )?(wdksim\S*)/g)) expect(m[1]).toMatch(/^wdksim@\d+\.\d+\.\d+$/);
    }
  });
});

// Golden cases: fixtures/stamp/<case>/{input.inx|input.inf, args.txt, [env.txt], expected.inf}.
// Each case is stamped in a temp copy through the stampinf command (in process),
// compared byte for byte with expected.inf, then stamped again: the second run
// must change nothing (stamping twice equals stamping once).
// WDKSIM_UPDATE_GOLDEN=1 writes a missing expected.inf (check it by eye).
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/stampinf.js';
import { memoryContext } from '../../src/io.js';

const root = fileURLToPath(new URL('../../fixtures/stamp/', import.meta.url));
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const scratch = mkdtempSync(join(tmpdir(), 'wdksim-stamp-golden-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function readEnv(dir: string): Record<string, string> {
  const env: Record<string, string> = { WDKSIM_NOW: '2026-11-24T12:30:00Z', TZ: 'UTC' };
  const file = join(dir, 'env.txt');
  if (!existsSync(file)) return env;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Za-z_]\w*)=(.*)$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]!;
  }
  return env;
}

async function stamp(cwd: string, input: string, args: string[], env: Record<string, string>) {
  const ctx = memoryContext({ env, cwd });
  const code = await run(['-f', input, ...args], ctx);
  return { code, out: ctx.out.join(''), err: ctx.err.join('') };
}

describe('stampinf golden files', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(20));

  for (const name of cases) {
    it(name, async () => {
      const dir = join(root, name);
      const input = existsSync(join(dir, 'input.inx')) ? 'input.inx' : 'input.inf';
      const args = readFileSync(join(dir, 'args.txt'), 'utf8').trim().split(/\s+/).filter(Boolean);
      const env = readEnv(dir);
      const work = join(scratch, name);
      cpSync(dir, work, { recursive: true });
      chmodSync(join(work, input), 0o644);

      const first = await stamp(work, input, args, env);
      expect(first.code, first.err).toBe(0);
      const stamped = readFileSync(join(work, input));
      const expectedFile = join(dir, 'expected.inf');
      if (!existsSync(expectedFile) && process.env.WDKSIM_UPDATE_GOLDEN) writeFileSync(expectedFile, stamped);
      expect(stamped.equals(readFileSync(expectedFile)), `${name}: stamped bytes differ from expected.inf`).toBe(true);

      const second = await stamp(work, input, args, env);
      expect(second.code).toBe(0);
      expect(readFileSync(join(work, input)).equals(stamped), `${name}: stamping twice changed the file`).toBe(true);
    });
  }
});

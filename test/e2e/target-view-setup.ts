// Shared setup of the target-view e2e tests: a provisioned target with the
// KmdfHelloWorld package built (inf2cat), test-signed and deployed through the
// built CLI, and a snapshot "deployed" taken; the install itself is left to
// each test.
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT, tempDir, wdksim, type CliResult } from '../helpers/cli.js';

export const NOW = '2026-11-25T12:00:00Z';
export const HWID = 'Root\\KmdfHelloWorld';

export interface Machine {
  base: string;
  target: string;
  run: (args: string[]) => Promise<CliResult>;
  ok: (args: string[]) => Promise<CliResult>;
}

export async function deployedMachine(): Promise<Machine> {
  const base = tempDir('wdksim-view-e2e-');
  const target = join(base, 'target');
  const run = (args: string[]): Promise<CliResult> => wdksim(['--now', NOW, '--target', target, ...args], { cwd: base });
  const ok = async (args: string[]): Promise<CliResult> => {
    const r = await run(args);
    expect(r.exitCode, `wdksim ${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
    return r;
  };
  await ok(['target', 'init', target, '--testsigning', 'on', '--kdnet-port', '50000', '--kdnet-key', '1.2.3.4']);
  await cp(join(REPO_ROOT, 'fixtures/packages/KmdfHelloWorld'), join(base, 'pkg'), { recursive: true });
  await ok(['cert', 'new', '--subject', 'CN=WDKTestCert wdksim-e2e', '--out', 'cert']);
  await cp(join(base, 'cert/WDKTestCert.cer'), join(base, 'pkg/WDKTestCert.cer'));
  await ok(['inf2cat', '/driver:pkg', '/os:10_VB_X64']);
  await ok(['signtool', 'sign', '/fd', 'sha256', '/f', 'cert/WDKTestCert.pfx', 'pkg/kmdfhelloworld.cat']);
  await ok(['deploy', 'pkg']);
  await ok(['target', 'snapshot', 'deployed']);
  return { base, target, run, ok };
}

/**
 * Makes a diff text comparable across runs: the test certificate's key is new
 * each run, so the catalog's bytes (hence its hash and size, and the driver
 * store folder's hash) vary; so does the temp path inside setupapi.dev.log.
 * Every SHA-256 becomes <hash N> in order of appearance (same hash, same N).
 */
export function scrub(text: string, base: string): string {
  const ids = new Map<string, number>();
  return text
    .split(base)
    .join('<tmp>')
    .replace(/\b[0-9a-f]{64}\b/g, (h) => {
      if (!ids.has(h)) ids.set(h, ids.size + 1);
      return `<hash ${ids.get(h)}>`;
    })
    .replace(/(kmdfhelloworld\.inf_amd64_)[0-9a-f]{16}/g, '$1<store>')
    .replace(/((?:\.cat|setupapi\.dev\.log)\s+)\d+( -> \d+)? bytes/g, (_m, p: string, arrow?: string) => `${p}<n>${arrow ? ' -> <n>' : ''} bytes`)
    .replace(/\(2026-11-25T12:00:00\.000Z\)/g, '(<now>)');
}

export async function fileSha(path: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

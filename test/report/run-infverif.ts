// Runs `wdksim infverif` in-process with captured output (no build needed).
import { memoryContext } from '../../src/io.js';
import { run } from '../../src/commands/infverif.js';

export const repoRoot = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

export async function infverif(args: string[], options: { color?: boolean; stdin?: Buffer; tty?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const ctx = memoryContext({ cwd: repoRoot, ...(options.stdin ? { stdin: options.stdin } : {}) });
  ctx.color = options.color ?? false;
  if (options.tty) ctx.io.stdoutIsTTY = true;
  const code = await run(args, ctx);
  return { code, stdout: ctx.out.join(''), stderr: ctx.err.join('') };
}

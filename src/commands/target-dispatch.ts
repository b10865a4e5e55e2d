// `wdksim target ...`: the machine's own subcommands live in target.ts; the
// views over its history (snapshot, diff, report) in target-view.ts.
import type { Context } from '../io.js';

const VIEW = new Set(['snapshot', 'diff', 'report']);

export async function run(argv: string[], ctx: Context): Promise<number> {
  const sub = argv[0]?.toLowerCase();
  const module = sub && VIEW.has(sub) ? await import('./target-view.js') : await import('./target.js');
  return module.run(argv, ctx);
}

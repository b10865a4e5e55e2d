// Placeholder until this tool lands; replaced by its owner.
import { UsageError } from '../errors.js';
import type { Context } from '../io.js';

export async function run(argv: string[], _ctx: Context): Promise<number> {
  throw new UsageError(`wdksim target ${argv[0] ?? ''} is not available in this build yet`);
}

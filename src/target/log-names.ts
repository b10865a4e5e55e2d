import { resolve } from 'node:path';
import type { Transaction } from './target.js';

/** How a host INF path appears in setupapi.dev.log titles: the full path. */
export function infLogName(tx: Transaction, infPath: string): string {
  return resolve(tx.ctx.io.cwd, infPath);
}

import { relative, resolve, sep } from 'node:path';
import type { Transaction } from './target.js';
import { toWindowsPath } from './layout.js';

/** How a host path appears in setupapi.dev.log: C:\... when it lies inside the target, else the host path. */
export function infLogName(tx: Transaction, infPath: string): string {
  const abs = resolve(tx.ctx.io.cwd, infPath);
  const rel = relative(tx.root, abs);
  if (rel && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-z]:/i.test(rel)) return toWindowsPath(rel.split(sep).join('/'));
  return abs;
}

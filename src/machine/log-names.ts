// How host paths appear in setupapi.dev.log. The log is the simulated
// machine's: it names files on its own drive (C:\...) and never a path of the
// host the simulation runs on, which would leak the host's layout into a file
// that is compared, archived and shared.
import { basename, relative, resolve, sep } from 'node:path';
import type { Transaction } from './target.js';
import { toWindowsPath } from './layout.js';

/** C:\... when the file lies inside the target; else its path relative to the working directory (backslashes), or its name when it lies elsewhere. */
export function infLogName(tx: Transaction, infPath: string): string {
  const abs = resolve(tx.ctx.io.cwd, infPath);
  const rel = relative(tx.root, abs);
  if (rel && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-z]:/i.test(rel)) return toWindowsPath(rel.split(sep).join('/'));
  const fromCwd = relative(tx.ctx.io.cwd, abs);
  if (fromCwd && !fromCwd.startsWith('..') && !/^[a-z]:/i.test(fromCwd) && !fromCwd.startsWith(sep)) return fromCwd.split(sep).join('\\');
  return basename(abs);
}

/** A message with every host path in it replaced: target paths by C:\..., others by their last component. */
export function scrubHostPaths(tx: Transaction, text: string): string {
  let out = text
    .split(tx.root + sep)
    .join('C:\\')
    .split(tx.root)
    .join('C:\\');
  const cwd = tx.ctx.io.cwd;
  if (cwd.length > 1)
    out = out
      .split(cwd + sep)
      .join('')
      .split(cwd)
      .join('.');
  // Any other absolute POSIX path: keep its file name only.
  out = out.replace(/(^|[\s'"(=])\/(?:[^\s'"()/]+\/)*([^\s'"()/]*)/g, (_m, pre: string, last: string) => `${pre}${last}`);
  return out;
}

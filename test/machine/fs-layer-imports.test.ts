// Every read, write, rename and delete under a target goes through the one
// file-system layer (src/machine/fs/jail.ts; host package reads through
// src/machine/fs/host.ts): no other module of the machine, the target views or
// the PnP engine imports node:fs or a file-writing package directly (issue 23).
// And nothing anywhere under src/ writes through node:fs outside the layer
// (src/machine/fs/ and src/fs/): every write, delete, rename, folder creation,
// link or write-mode open goes through it, so its rules (no link followed, no
// hard link written through, regular files only) hold for every file wdksim
// writes (docs/reliability.md, "The file-system layer").
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const FORBIDDEN = /from ['"](node:)?fs(\/promises)?['"]|from ['"](write-file-atomic|proper-lockfile|graceful-fs|fs-extra)['"]|require\(['"](node:)?fs/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    return statSync(abs).isDirectory() ? tsFiles(abs) : name.endsWith('.ts') ? [abs] : [];
  });
}

describe('the file-system layer is the only way to the target', () => {
  const files = [
    ...tsFiles(join(ROOT, 'src', 'machine')).filter((f) => !f.includes(`${join('src', 'machine', 'fs')}`)),
    ...tsFiles(join(ROOT, 'src', 'pnp')),
    join(ROOT, 'src', 'view', 'snapshot.ts'),
    join(ROOT, 'src', 'view', 'capture.ts'),
  ];
  it('finds the files it checks', () => {
    expect(files.length).toBeGreaterThan(30);
  });
  for (const file of files) {
    it(relative(ROOT, file), () => {
      const offending = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => FORBIDDEN.test(line));
      expect(offending).toEqual([]);
    });
  }
  it('the check itself catches a direct import', () => {
    expect(FORBIDDEN.test("import { writeFile } from 'node:fs/promises';")).toBe(true);
    expect(FORBIDDEN.test("import writeFileAtomic from 'write-file-atomic';")).toBe(true);
    expect(FORBIDDEN.test("import { readRegular } from './fs/jail.js';")).toBe(false);
  });
});

/** node:fs functions that change the file system (each also as ...Sync). */
const WRITERS =
  /^(writeFile|appendFile|rename|rm|rmdir|unlink|mkdir|mkdtemp|copyFile|cp|symlink|link|truncate|ftruncate|createWriteStream|write|writev|chmod|lchmod|fchmod|chown|lchown|fchown|utimes|lutimes|futimes)(Sync)?$/;
/** Packages that write files themselves. */
const WRITER_PACKAGES = /^(write-file-atomic|fs-extra|graceful-fs|proper-lockfile|rimraf|mkdirp|make-dir|del|cpy)$/;
/** A flag argument that opens for writing. */
const WRITE_FLAGS = /['"`](w|wx|w\+|wx\+|a|ax|a\+|ax\+|as|as\+|r\+|rs\+)['"`]|O_WRONLY|O_RDWR|O_CREAT|O_APPEND|O_TRUNC/;

/** Each way a module writes through node:fs or a writing package, as "function" (empty: none). */
export function fsWrites(text: string): string[] {
  const found: string[] = [];
  const aliases: string[] = []; // names through which node:fs or its promises API is reached (fs, fsp)
  const opens: string[] = []; // local names of open / openSync
  for (const m of text.matchAll(/import\s+(type\s+)?([^;]*?)\s+from\s+['"]([^'"]+)['"]/g)) {
    const [, typeOnly, clause, source] = m as unknown as [string, string | undefined, string, string];
    if (typeOnly) continue;
    if (WRITER_PACKAGES.test(source)) {
      found.push(`import from ${source}`);
      continue;
    }
    if (!/^(node:)?fs(\/promises)?$/.test(source)) continue;
    const named = /\{([^}]*)\}/.exec(clause)?.[1] ?? '';
    const outside = clause.replace(/\{[^}]*\}/, '').trim();
    const star = /\*\s+as\s+(\w+)/.exec(outside);
    if (star) aliases.push(star[1]!);
    else if (/^\w+/.test(outside)) aliases.push(/^\w+/.exec(outside)![0]);
    for (const spec of named.split(',')) {
      const s = spec.trim().replace(/^type\s+/, '');
      if (!s || spec.trim().startsWith('type ')) continue;
      const [name, local = name] = s.split(/\s+as\s+/) as [string, string?];
      if (name === 'promises') aliases.push(local!);
      else if (name === 'open' || name === 'openSync') opens.push(local!);
      else if (WRITERS.test(name)) found.push(name);
    }
  }
  for (const m of text.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    if (/^(node:)?fs(\/promises)?$/.test(m[1]!) || WRITER_PACKAGES.test(m[1]!)) found.push(`dynamic import of ${m[1]}`);
  }
  for (const alias of aliases) {
    for (const m of text.matchAll(new RegExp(`\\b${alias}\\.(?:promises\\.)?(\\w+)\\(`, 'g'))) {
      if (WRITERS.test(m[1]!)) found.push(`${alias}.${m[1]}`);
      else if (m[1] === 'open' || m[1] === 'openSync') opens.push(`${alias}.${m[1]}`);
    }
  }
  for (const open of new Set(opens)) {
    for (const m of text.matchAll(new RegExp(`${open.replace('.', '\\.')}\\(([^)]*)\\)`, 'g'))) {
      if (WRITE_FLAGS.test(m[1]!)) found.push(`${open} with write flags`);
    }
  }
  return [...new Set(found)];
}

describe('nothing under src/ writes through node:fs outside the file-system layer', () => {
  const layer = [join('src', 'machine', 'fs') + sep, join('src', 'fs') + sep];
  const files = tsFiles(join(ROOT, 'src')).filter((f) => !layer.some((l) => relative(ROOT, f).startsWith(l)));
  it('finds the files it checks (all of src/ but the layer)', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(files.some((f) => f.endsWith(join('src', 'commands', 'stampinf.ts')))).toBe(true);
    expect(files.some((f) => f.endsWith(join('src', 'fs', 'host-write.ts')))).toBe(false);
  });
  it('no module imports a writing function of node:fs, opens for writing, or imports a writing package', () => {
    const offending = files.flatMap((f) => fsWrites(readFileSync(f, 'utf8')).map((w) => `${relative(ROOT, f).split(sep).join('/')}: ${w}`));
    expect(offending).toEqual([]);
  });
  it('the check itself finds each kind of write (so the test above can fail)', () => {
    expect(fsWrites("import { readFile, writeFile } from 'node:fs/promises';")).toEqual(['writeFile']);
    expect(fsWrites("import {\n  existsSync,\n  mkdirSync as mk,\n} from 'node:fs';")).toEqual(['mkdirSync']);
    expect(fsWrites("import { promises as fsp } from 'node:fs';\nawait fsp.rename(a, b);")).toEqual(['fsp.rename']);
    expect(fsWrites("import * as fs from 'fs';\nfs.unlinkSync(x);")).toEqual(['fs.unlinkSync']);
    expect(fsWrites("import fs from 'node:fs';\nfs.promises.rm(x);")).toEqual(['fs.rm']);
    expect(fsWrites("import { open } from 'node:fs/promises';\nawait open(p, 'r+');")).toEqual(['open with write flags']);
    expect(fsWrites("import { openSync, constants } from 'node:fs';\nopenSync(p, constants.O_WRONLY);")).toEqual(['openSync with write flags']);
    expect(fsWrites("import writeFileAtomic from 'write-file-atomic';")).toEqual(['import from write-file-atomic']);
    expect(fsWrites("const fs = await import('node:fs');")).toEqual(['dynamic import of node:fs']);
    expect(fsWrites("import { createWriteStream } from 'node:fs';")).toEqual(['createWriteStream']);
    // Reads are fine.
    expect(fsWrites("import { open, readFile, stat, type Stats } from 'node:fs/promises';\nawait open(p, 'r');")).toEqual([]);
    expect(fsWrites("import type { FileHandle } from 'node:fs/promises';")).toEqual([]);
    expect(fsWrites("import { writeUserFile } from '../fs/host-write.js';")).toEqual([]);
  });
});

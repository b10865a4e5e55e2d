// Every read, write, rename and delete under a target goes through the one
// file-system layer (src/machine/fs/jail.ts; host package reads through
// src/machine/fs/host.ts): no other module of the machine, the target views or
// the PnP engine imports node:fs or a file-writing package directly (issue 23).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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

// The lock's tombstones (.wdksim/lock.dead.<token>, one per command) are swept
// when older than ten minutes, by at most one command a minute: a loop of short
// commands must not pay for looking at thousands of them each time.
import { lstat, mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newTarget } from './helpers.js';

const ago = (ms: number): Date => new Date(Date.now() - ms);

async function plantTombstone(root: string, name: string, age: number): Promise<void> {
  const dir = join(root, '.wdksim', name);
  await mkdir(dir);
  await writeFile(join(dir, 'owner.json'), '{}');
  await utimes(dir, ago(age), ago(age));
}

const tombstones = async (root: string): Promise<string[]> => (await readdir(join(root, '.wdksim'))).filter((n) => n.startsWith('lock.dead.')).sort();

describe('the lock sweep', () => {
  it('removes tombstones older than ten minutes, keeps younger ones, and sweeps again only after a minute', async () => {
    const { root, target } = await newTarget();
    await target.withLock(async () => undefined, 'first');
    const before = await tombstones(root); // the first command's own tombstone
    expect(before).toHaveLength(1);
    await plantTombstone(root, 'lock.dead.old1', 11 * 60_000);
    await plantTombstone(root, 'lock.dead.young', 5 * 60_000);

    // Swept less than a minute ago (by the first command): nothing is looked at.
    await target.withLock(async () => undefined, 'second');
    expect(await tombstones(root)).toContain('lock.dead.old1');

    // The mark a minute old: this command sweeps.
    const mark = join(root, '.wdksim', 'lock.swept');
    expect((await lstat(mark)).isFile()).toBe(true);
    await utimes(mark, ago(61_000), ago(61_000));
    await target.withLock(async () => undefined, 'third');
    const after = await tombstones(root);
    expect(after).not.toContain('lock.dead.old1');
    expect(after).toContain('lock.dead.young');
    expect(after.filter((n) => before.includes(n))).toEqual(before);
  });

  it('sweeps when the mark is not a plain file (a planted link is replaced, not followed)', async () => {
    const { base, root, target } = await newTarget();
    const outside = join(base, 'outside.txt');
    await writeFile(outside, 'keep');
    const { symlink, readFile } = await import('node:fs/promises');
    await symlink(outside, join(root, '.wdksim', 'lock.swept'));
    await plantTombstone(root, 'lock.dead.old2', 11 * 60_000);
    await target.withLock(async () => undefined, 'sweeper');
    expect(await tombstones(root)).not.toContain('lock.dead.old2');
    expect((await lstat(join(root, '.wdksim', 'lock.swept'))).isFile()).toBe(true);
    expect(await readFile(outside, 'utf8')).toBe('keep');
  });
});

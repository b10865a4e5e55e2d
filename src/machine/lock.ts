// The target's lock: one wdksim command at a time per target. The protocol and
// the argument why two holders cannot both commit are in docs/reliability.md
// ("The lock"). In short:
//
// - The lock is the folder .wdksim/lock holding owner.json {token, pid, process
//   start time, boot id, pid namespace, host, command, acquired-at}. It is made
//   complete in a private folder and renamed into place: rename is atomic, and it
//   fails when a (never empty) lock folder is there already.
// - A lock is taken over only when its owner is PROVEN gone: on this machine
//   (same host, boot and pid namespace) the pid has exited or now belongs to a
//   process with another start time. A live owner, even one paused with SIGSTOP
//   for hours, is waited for, never robbed. An owner on another host (a shared
//   network folder) cannot be asked: its lock is stale when its heartbeat (the
//   owner file's modification time, refreshed every stale/3 ms) is older than
//   WDKSIM_LOCK_STALE_MS.
// - Takeover renames the lock to lock.dead.<observed token>: two waiters that
//   judged the same dead owner race for one name and only one rename succeeds,
//   so the loser cannot move a lock a new owner made meanwhile.
// - Fencing: before each journal step that matters (the commit record, each phase
//   of applying it, recovery) the holder checks that the lock still names its
//   token; a holder that lost it stops with LockLostError.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { TargetError } from '../errors.js';
import {
  entry,
  listTypedSync,
  lookEntriesSync,
  notice,
  makeDir,
  partsOf,
  quarantine,
  readRegular,
  removeTree,
  renameEntry,
  touch,
  writeAtomic,
  writeNew,
  type Entry,
} from './fs/jail.js';
import { hostReadlink, hostReadText } from './fs/host.js';
import type { LockSettings } from './lock-settings.js';

export const LOCK_DIR = '.wdksim/lock';
const OWNER = `${LOCK_DIR}/owner.json`;
const META = '.wdksim';
/** Its modification time is when the lock's tombstones were last swept. */
const SWEPT = `${META}/lock.swept`;
const SWEEP_EVERY_MS = 60_000;

/** Exit code of a command that found its lock taken over (devcon/target/deploy's "failure"). */
export const LOCK_LOST_EXIT = 2;

export class LockLostError extends TargetError {
  constructor(
    message: string,
    readonly committed: boolean,
  ) {
    super(message, LOCK_LOST_EXIT);
  }
}

export interface LockOwner {
  token: string;
  pid: number;
  /** Start time of the process (clock ticks since boot, /proc/<pid>/stat field 22) where the host has /proc. */
  start?: string;
  boot?: string;
  pidns?: string;
  host: string;
  command: string;
  acquiredAt: string;
}

interface Self {
  host: string;
  boot?: string;
  pidns?: string;
}

let selfCache: Promise<Self> | undefined;
function self(): Promise<Self> {
  selfCache ??= (async () => ({
    host: hostname(),
    boot: (await hostReadText('/proc/sys/kernel/random/boot_id'))?.trim() || undefined,
    pidns: await hostReadlink('/proc/self/ns/pid'),
  }))();
  return selfCache;
}

/** State (field 3) and start time (field 22) of /proc/<pid>/stat; undefined where there is no /proc. */
async function procStat(pid: number): Promise<{ state: string; start: string } | undefined> {
  const text = await hostReadText(`/proc/${pid}/stat`);
  if (!text) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return fields[19] === undefined ? undefined : { state: fields[0]!, start: fields[19] };
}

/** Field 22 of /proc/<pid>/stat (the process's start time), undefined where there is no /proc. */
export async function processStart(pid: number): Promise<string | undefined> {
  return (await procStat(pid))?.start;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** Why the owner is proven gone, or undefined while it may be alive. */
export async function ownerGone(owner: LockOwner | undefined, heartbeatMs: number, staleMs: number): Promise<string | undefined> {
  const me = await self();
  const age = Date.now() - heartbeatMs;
  if (!owner) return age > staleMs ? `a lock with no owner record, unchanged for ${Math.round(age / 1000)} s` : undefined;
  if (owner.host === me.host && owner.pidns === me.pidns) {
    if (owner.boot !== me.boot) return `its owner ran before this machine restarted`;
    if (!pidAlive(owner.pid)) return `process ${owner.pid} (${owner.command}) has exited`;
    const stat = await procStat(owner.pid);
    if (stat?.state === 'Z' || stat?.state === 'X') return `process ${owner.pid} (${owner.command}) has exited (not yet reaped by its parent)`;
    if (owner.start !== undefined && stat !== undefined && stat.start !== owner.start)
      return `process ${owner.pid} (${owner.command}) has exited (the pid now belongs to another process)`;
    return undefined; // alive (perhaps paused): never robbed
  }
  // Another host (or pid namespace): it cannot be asked; its heartbeat decides.
  return age > staleMs ? `its owner on ${owner.host} (pid ${owner.pid}) has not refreshed it for ${Math.round(age / 1000)} s` : undefined;
}

function parseOwner(bytes: Buffer | undefined): LockOwner | undefined {
  if (!bytes) return undefined;
  try {
    const o = JSON.parse(bytes.toString('utf8')) as LockOwner;
    return typeof o?.token === 'string' && /^[0-9a-f]{32}$/.test(o.token) && Number.isInteger(o.pid) && typeof o.host === 'string' ? o : undefined;
  } catch {
    return undefined;
  }
}

/** The owner record of a lock folder; undefined when absent, damaged or not a regular file. */
export async function readOwner(root: string, dir = LOCK_DIR): Promise<LockOwner | undefined> {
  try {
    return parseOwner(await readRegular(root, `${dir}/owner.json`, 'lock owner'));
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TargetLock {
  readonly token = randomBytes(16).toString('hex');
  #heartbeat: NodeJS.Timeout | undefined;
  #held = false;
  owner: LockOwner | undefined;

  constructor(
    readonly root: string,
    readonly settings: LockSettings,
    readonly command: string,
  ) {}

  get held(): boolean {
    return this.#held;
  }

  async #prepare(): Promise<string> {
    const me = await self();
    this.owner = {
      token: this.token,
      pid: process.pid,
      ...(await processStart(process.pid).then((s) => (s ? { start: s } : {}))),
      ...(me.boot ? { boot: me.boot } : {}),
      ...(me.pidns ? { pidns: me.pidns } : {}),
      host: me.host,
      command: this.command,
      acquiredAt: new Date().toISOString(),
    };
    const dir = `${META}/lock.new.${this.token}`;
    await makeDir(this.root, dir);
    await writeNew(this.root, `${dir}/owner.json`, JSON.stringify(this.owner), 'lock owner');
    return dir;
  }

  /** Waits for the lock (up to settings.waitMs), taking over one whose owner is proven gone. */
  async acquire(): Promise<void> {
    const deadline = Date.now() + this.settings.waitMs;
    let prepared: string | undefined;
    let owner: LockOwner | undefined;
    for (;;) {
      prepared ??= await this.#prepare();
      const moved = await renameEntry(this.root, prepared, LOCK_DIR);
      if (moved === 'ok') break;
      if (moved === 'missing') {
        prepared = undefined; // our prepared folder was cleaned away: make it again
        continue;
      }
      const lock = await entry(this.root, partsOf(LOCK_DIR));
      if (lock.kind === 'missing') continue;
      if (lock.kind !== 'dir') {
        await quarantine(this.root, partsOf(LOCK_DIR)); // not a lock wdksim makes
        continue;
      }
      owner = await readOwner(this.root);
      const ownerFile = await entry(this.root, partsOf(OWNER));
      const heartbeat = ownerFile.kind === 'file' ? ownerFile.mtimeMs : lock.mtimeMs;
      const gone = await ownerGone(owner, heartbeat, this.settings.staleMs);
      if (gone) {
        await this.#takeOver(owner, lock.ino, lock.mtimeMs, gone);
        continue;
      }
      if (Date.now() >= deadline) {
        await removeTree(this.root, prepared).catch(() => undefined);
        const who = owner ? `${owner.command}, pid ${owner.pid} on ${owner.host} since ${owner.acquiredAt}` : 'another wdksim command';
        throw new TargetError(
          `the target ${this.root} is locked by ${who} (lock ${join(this.root, '.wdksim', 'lock')}); waited ${Math.round(this.settings.waitMs / 1000)} s (WDKSIM_LOCK_WAIT_MS). Try again when it has finished; a lock is taken over only when its owner has exited (or, from another host, after ${Math.round(this.settings.staleMs / 1000)} s without a heartbeat)`,
        );
      }
      await sleep(25 + Math.floor(Math.random() * 75));
    }
    this.#held = true;
    const interval = Math.max(500, Math.floor(this.settings.staleMs / 3));
    this.#heartbeat = setInterval(() => void touch(this.root, OWNER).catch(() => undefined), interval);
    this.#heartbeat.unref();
    await this.#sweep();
  }

  async #takeOver(owner: LockOwner | undefined, ino: number, mtimeMs: number, why: string): Promise<void> {
    // Named after what was observed: two waiters that judged the same lock race for one name.
    const dead = `${META}/lock.dead.${owner ? owner.token : `x${ino}-${Math.floor(mtimeMs)}`}`;
    if ((await renameEntry(this.root, LOCK_DIR, dead)) !== 'ok') return;
    const moved = await readOwner(this.root, dead);
    if (moved?.token !== owner?.token) {
      // Not the lock judged gone (its tombstone had been swept): put it back; its owner's fencing catches any gap.
      await renameEntry(this.root, dead, LOCK_DIR);
      return;
    }
    notice(`wdksim: took over the lock of ${this.root}: ${why}`);
  }

  /** Removes tombstones and prepared folders of gone processes (old ones only, so no live waiter loses its own). */
  async #sweep(): Promise<void> {
    // At most once a minute (the mark's modification time): a loop of short commands keeps some
    // 2,000 tombstones (ten minutes' worth), and looking at each cost every command 25-100 ms.
    // Sweeping later is always safe: a tombstone kept longer only makes a late racer lose.
    const now = Date.now();
    let names: string[];
    let entries: Entry[];
    try {
      const mark = lookEntriesSync(this.root, META, [SWEPT.slice(META.length + 1)])?.[0];
      if (mark?.kind === 'file' && mark.mtimeMs <= now && now - mark.mtimeMs < SWEEP_EVERY_MS) return;
      names = (listTypedSync(this.root, META) ?? []).map((e) => e.name).filter((n) => /^lock\.(dead|new|free)\./.test(n));
      entries = lookEntriesSync(this.root, META, names) ?? [];
    } catch {
      return; // an odd .wdksim: nothing swept (the commands that use it say what is wrong)
    }
    await writeAtomic(this.root, SWEPT, '', 'repair', 'lock sweep mark').catch(() => undefined);
    for (let i = 0; i < names.length; i++) {
      const free = names[i]!.startsWith('lock.free.');
      if (free || now - (entries[i]?.mtimeMs ?? now) > 10 * 60_000) await removeTree(this.root, `${META}/${names[i]}`).catch(() => undefined);
    }
  }

  /** Fencing: refuses to go on when the lock no longer names this holder. */
  async assertHeld(step: string, committed = false): Promise<void> {
    const owner = await readOwner(this.root);
    if (this.#held && owner?.token === this.token) return;
    this.#held = false;
    this.#stopHeartbeat();
    const by = owner ? ` by ${owner.command} (pid ${owner.pid} on ${owner.host})` : '';
    throw new LockLostError(
      committed
        ? `lost the lock on the target ${this.root} at "${step}" (it was taken over${by} while this command was paused or too slow); its change was committed and the next wdksim command on the target finishes it; check with: wdksim target verify`
        : `lost the lock on the target ${this.root} before "${step}" (it was taken over${by} while this command was paused or too slow); nothing of this command was applied; run it again`,
      committed,
    );
  }

  #stopHeartbeat(): void {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }

  async release(): Promise<void> {
    this.#stopHeartbeat();
    if (!this.#held) return;
    this.#held = false;
    const owner = await readOwner(this.root);
    if (owner?.token !== this.token) return; // lost: never touch another's lock
    // Released into the same tombstone name a takeover of this owner would use: a waiter that read
    // this owner just before the release and then finds its process gone races for that name and
    // loses, instead of moving the next holder's lock aside. Touched first, so the sweep keeps it
    // for its full 10 minutes however long the lock was held.
    await touch(this.root, LOCK_DIR).catch(() => undefined);
    await renameEntry(this.root, LOCK_DIR, `${META}/lock.dead.${this.token}`);
  }
}

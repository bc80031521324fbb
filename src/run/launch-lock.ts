import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import lockfile from 'proper-lockfile';
import { LaunchError } from '../errors.js';
import { writeFileAtomic } from './write-file-atomic.js';
import type { PlatformAbortSignal } from '../platform-types.js';

/** The lock folder proper-lockfile keeps inside a launch folder while a launch owns it. */
export const LOCK_DIR = '.spectramind.lock';
/** Who holds the lock: written beside it, read by the launch that is refused. */
export const OWNER_FILE = '.spectramind.owner.json';

/** Who owns a launch folder. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly launchId: string;
  /** ISO 8601 time the lock was taken. */
  readonly since: string;
}

/** A second launch (run, resume, reproduce) asked for a folder another launch owns. */
export class LaunchLockedError extends LaunchError {
  readonly path: string;
  /** The holder, when it wrote its owner file. */
  readonly owner: LockOwner | null;
  constructor(dir: string, owner: LockOwner | null, cause: unknown) {
    const holder = owner === null ? 'another launch' : `launch ${owner.launchId} (pid ${owner.pid} on ${owner.host}, since ${owner.since})`;
    super(
      'ERR_LAUNCH_LOCKED',
      `The launch folder ${JSON.stringify(dir)} is in use by ${holder}. Wait for it to end, or cancel it, then try again; two launches in one folder would run every job twice.`,
      { cause },
    );
    this.path = dir;
    this.owner = owner;
  }
}

/** A held lock. */
export interface LaunchLock {
  /** Aborted when the lock was lost (its folder removed or its mtime not kept fresh): the launch must stop. */
  readonly lost: PlatformAbortSignal;
  /** Gives the folder back; safe to call twice. */
  release(): Promise<void>;
}

export interface LockOptions {
  /** A lock not refreshed for this long is stale (its holder hung or died on another host). @default 30000 */
  readonly staleMs?: number;
}

function readOwner(dir: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

/** True when the owner is a process of this host that no longer runs: its lock is stale at once. */
function ownerIsDead(owner: LockOwner | null): boolean {
  if (owner === null || owner.host !== hostname() || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Takes the exclusive lock of a launch folder (proper-lockfile: an atomic mkdir, refreshed while
 * held, stale after `staleMs` without refresh, which also covers a holder on another host). A lock
 * whose holder is a dead process of this host is taken over at once. Throws `LaunchLockedError`
 * naming the holder otherwise.
 */
export async function lockLaunchDir(dir: string, launchId: string, options: LockOptions = {}): Promise<LaunchLock> {
  const lost = new AbortController();
  const staleMs = Math.max(5000, options.staleMs ?? 30_000);
  const take = () =>
    lockfile.lock(dir, {
      lockfilePath: join(dir, LOCK_DIR),
      realpath: false,
      stale: staleMs,
      update: Math.floor(staleMs / 3),
      retries: 0,
      onCompromised: (error) => lost.abort(new LaunchLockedError(dir, null, error)),
    });
  let unlock: () => Promise<void>;
  try {
    unlock = await take();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw new LaunchLockedError(dir, null, error);
    const owner = readOwner(dir);
    if (!ownerIsDead(owner)) throw new LaunchLockedError(dir, owner, error);
    rmSync(join(dir, LOCK_DIR), { recursive: true, force: true });
    try {
      unlock = await take();
    } catch (again) {
      throw new LaunchLockedError(dir, readOwner(dir), again);
    }
  }
  const owner: LockOwner = { pid: process.pid, host: hostname(), launchId, since: new Date().toISOString() };
  await writeFileAtomic(join(dir, OWNER_FILE), `${JSON.stringify(owner)}\n`).catch(() => undefined);
  let released = false;
  return {
    lost: lost.signal,
    async release() {
      if (released) return;
      released = true;
      rmSync(join(dir, OWNER_FILE), { force: true });
      await unlock().catch(() => undefined);
    },
  };
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { PlatformAbortSignal } from '../platform-types.js';

/**
 * Wall time and timers, injectable so pool, timeout, budget and cancel logic are tested without
 * sleeping. A timer is `sleep(ms, signal)`: aborting the signal cancels it.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: PlatformAbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    await sleep(ms, undefined, signal ? { signal } : {});
  },
};

import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from './launcher-definition.js';

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    await sleep(ms, undefined, signal ? { signal } : {});
  },
};

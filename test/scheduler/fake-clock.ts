import type { Clock } from '../../src/process/system-clock.js';

/** A clock whose sleeps return at once and advance `now`; records every sleep. */
export function fakeClock(start = 0): Clock & { readonly sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
      await Promise.resolve();
    },
  };
}

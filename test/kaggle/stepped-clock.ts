import type { Clock } from '../../src/index.js';

/** A clock that follows real time from a fixed date, and jumps forward when a test says hours have passed. */
export interface SteppedClock extends Clock {
  /** Moves the clock `ms` forward; sleepers whose time has come wake up. */
  advance(ms: number): void;
}

/**
 * Real time plus whatever the test added: jobs stay real processes, while a 9-hour Kaggle
 * session's hours pass in one call. Sleeps end at the real moment or on the jump that
 * reaches them, whichever comes first.
 */
export function steppedClock(startMs = Date.UTC(2026, 10, 28, 8, 0, 0)): SteppedClock {
  const realStart = Date.now();
  let added = 0;
  const sleepers = new Set<() => void>();
  const now = (): number => startMs + added + (Date.now() - realStart);
  return {
    now,
    advance(ms) {
      added += ms;
      for (const wake of [...sleepers]) wake();
    },
    sleep(ms, signal) {
      const target = now() + ms;
      return new Promise<void>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const done = (): void => {
          clearTimeout(timer);
          sleepers.delete(check);
          signal?.removeEventListener('abort', onAbort);
        };
        const check = (): void => {
          const left = target - now();
          if (left > 0) {
            clearTimeout(timer);
            timer = setTimeout(check, left);
            return;
          }
          done();
          resolve();
        };
        const onAbort = (): void => {
          done();
          reject(signal?.reason as Error);
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        sleepers.add(check);
        check();
      });
    },
  };
}

import { planArrayCaps } from './plan-array-caps.js';
import type { SchedulerCommands } from './scheduler-commands.js';

/** The array_parallelism budget of a shared-mode launch, across arrays submitted as the source is read. */
export interface ParallelismSharer {
  /** The cap to render a new array with: what the budget has left (0: it waits, held). */
  capFor(count: number): number;
  /** Follows a submitted, still held array rendered with `cap`. */
  add(id: string, cap: number, count: number): void;
  /** Raises caps and releases waiting arrays from the unfinished tasks per array id (after each poll, and after submitting). */
  rebalance(remaining: ReadonlyMap<string, number>): Promise<void>;
}

/**
 * Shares `parallelism` between the arrays of one launch (side by side, `planArrayCaps`): an array
 * is throttled only when its share differs from the cap it has, and released in one call with the
 * others that got budget. Finished arrays are forgotten, so it holds only the arrays in flight.
 */
export function shareParallelism(parallelism: number, commands: SchedulerCommands): ParallelismSharer {
  const arrays = new Map<string, { cap: number; released: boolean; remaining: number }>();
  let pending = 0;
  return {
    capFor(count) {
      let used = pending;
      for (const a of arrays.values()) used += a.released ? Math.min(a.cap, a.remaining) : 0;
      const cap = Math.max(0, Math.min(count, parallelism - used));
      pending += cap;
      return cap;
    },
    add(id, cap, count) {
      arrays.set(id, { cap, released: false, remaining: count });
    },
    async rebalance(remaining) {
      pending = 0;
      for (const [id, a] of arrays) {
        const left = remaining.get(id);
        if (left === undefined || left <= 0) arrays.delete(id);
        else a.remaining = left;
      }
      const budgets = [...arrays].map(([id, a]) => ({ id, remaining: a.remaining, cap: a.cap, released: a.released }));
      const changes = planArrayCaps(budgets, parallelism);
      for (const change of changes) {
        const state = arrays.get(change.id);
        if (state === undefined) continue;
        if (change.cap !== state.cap) await commands.throttle?.(change.id, change.cap);
        arrays.set(change.id, { ...state, cap: change.cap, released: true });
      }
      const release = changes.filter((c) => c.release).map((c) => c.id);
      if (release.length > 0) await commands.release(release);
    },
  };
}

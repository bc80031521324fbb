import type { SweepExpansion } from './expand-sweep.js';

/** A sweep's jobs made on demand: iterate them in Hydra's order, or make one by its number. */
export interface SweepJobs<Job> extends Iterable<Job> {
  /** The number of jobs (`expansion.jobCount`), known without expanding. */
  readonly size: number;
  /** Job `index` (0-based), made directly. */
  at(index: number): Job;
}

/**
 * Turns a lazily expanded sweep into a lazy job source for `launch()`: each job's overrides go
 * through `factory` only when the launch reaches that job, so a 10^6-job grid never exists as
 * an array. `size` tells the launch (and its dry run) the count up front. Pure.
 */
export function sweepJobs<Job>(expansion: SweepExpansion, factory: (overrides: string[], index: number) => Job): SweepJobs<Job> {
  return {
    size: expansion.jobCount,
    at: (index) => factory(expansion.jobAt(index), index),
    *[Symbol.iterator]() {
      let index = 0;
      for (const overrides of expansion.jobs()) yield factory(overrides, index++);
    },
  };
}

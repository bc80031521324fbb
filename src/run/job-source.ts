import { JobSpecError } from '../errors.js';
import type { JobSpec } from '../job/job-spec.js';

/**
 * A lazy list of jobs: any iterable or async iterable of JobSpecs (a generator, `sweepJobs(...)`),
 * read by `launch()` one job at a time as the launch reaches it. `size`, when the source knows it
 * up front, is the job count (dry runs and `launch:start` show it); otherwise the count is unknown.
 */
export type LazyJobs = (Iterable<JobSpec> | AsyncIterable<JobSpec>) & { readonly size?: number | null | undefined };

/** What `launch()` takes: an array (planned whole, before anything starts) or a lazy source (planned as reached). */
export type JobsInput = readonly JobSpec[] | LazyJobs;

/** A job source opened for one launch: read in order, once. */
export interface JobStream {
  /** The job count when known up front (an array's length, a sized source's `size`); null otherwise. */
  readonly size: number | null;
  /** False only for an array. */
  readonly lazy: boolean;
  /** True when the source can be read without awaiting (arrays, sync iterables): dry runs need that. */
  readonly sync: boolean;
  /** The next job, or undefined at the end. Reads are serialised, so concurrent callers get distinct jobs. */
  next(): Promise<JobSpec | undefined>;
  /** The next job of a sync source, without awaiting. */
  nextSync(): JobSpec | undefined;
  /** Lets the source clean up (a generator's `finally`); later reads give undefined. */
  close(): Promise<void>;
}

/** True for a lazy source: not an array, but iterable. */
export function isLazyJobs(value: unknown): value is LazyJobs {
  if (Array.isArray(value) || typeof value !== 'object' || value === null) return false;
  return typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function' || typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function';
}

/** Checks what `launch()` was given: an array or a lazy source; anything else names the fix. */
export function checkJobsInput(value: unknown): JobsInput {
  if (Array.isArray(value) || isLazyJobs(value)) {
    const size = Array.isArray(value) ? value.length : (value as LazyJobs).size;
    if (size !== undefined && size !== null && (!Number.isSafeInteger(size) || size < 0)) {
      throw new JobSpecError(`A lazy job source's "size" must be a non-negative integer or null (unknown), got ${JSON.stringify(size)}`);
    }
    return value as JobsInput;
  }
  throw new JobSpecError(
    `launch() takes an array of jobs or a lazy source (an iterable or async iterable of jobs, e.g. sweepJobs(expandSweep(overrides), factory)), got ${value === null ? 'null' : typeof value}; wrap a single job in [ ]`,
  );
}

/** The job count a source declares: an array's length, a lazy source's `size`; null when unknown. */
export function declaredJobCount(jobs: JobsInput): number | null {
  if (Array.isArray(jobs)) return jobs.length;
  return (jobs as LazyJobs).size ?? null;
}

/** Opens a source for reading; sync iterables are preferred over async ones when a source is both. */
export function openJobStream(jobs: JobsInput): JobStream {
  const size = declaredJobCount(jobs);
  const syncIterable = typeof (jobs as Partial<Iterable<JobSpec>>)[Symbol.iterator] === 'function';
  const sync = syncIterable ? (jobs as Iterable<JobSpec>)[Symbol.iterator]() : null;
  const async = sync === null ? (jobs as AsyncIterable<JobSpec>)[Symbol.asyncIterator]() : null;
  let finished = false;
  let chain: Promise<unknown> = Promise.resolve();
  const nextSync = (): JobSpec | undefined => {
    if (finished) return undefined;
    if (sync === null) throw new JobSpecError('This job source is async (an AsyncIterable): it cannot be read synchronously, e.g. for a dry run. Pass an array or a sync iterable.');
    const step = sync.next();
    if (step.done === true) finished = true;
    return step.done === true ? undefined : step.value;
  };
  return {
    size,
    lazy: !Array.isArray(jobs),
    sync: sync !== null,
    nextSync,
    next() {
      const read = chain.then(async () => {
        if (finished) return undefined;
        if (sync !== null) return nextSync();
        const step = await (async as AsyncIterator<JobSpec>).next();
        if (step.done === true) finished = true;
        return step.done === true ? undefined : step.value;
      });
      chain = read.catch(() => undefined);
      return read;
    },
    async close() {
      if (finished) return;
      finished = true;
      await chain;
      await (sync ?? async)?.return?.();
    },
  };
}

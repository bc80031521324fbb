import { JobSpecError, LaunchError } from '../errors.js';
import type { JobSpec } from '../job/job-spec.js';
import type { JobStream } from '../run/job-source.js';
import type { LaunchPlan, LaunchPlanBase, PlannedJob } from '../run/launch-plan.js';
import { planJob, type PlanBase } from '../run/plan-launch.js';
import type { RecordedJob } from '../run/read-finished-jobs.js';
import { redactOverrides } from '../run/redact/redact-record.js';

/** Where a launch's jobs come from: an array planned whole up front, or a source read and planned as reached. */
export type LaunchJobs =
  | { readonly kind: 'planned'; readonly jobs: readonly PlannedJob[] }
  | {
      readonly kind: 'lazy';
      readonly stream: JobStream;
      readonly planBase: PlanBase;
      /** The first job, already read to plan the launch folder; undefined for an empty source. */
      readonly first: JobSpec | undefined;
    };

/** What the feed tells the flow about each job it reads. */
export interface JobFeedHooks {
  /** A job was reached and will run: announce it (`job:queued`). */
  queued(job: PlannedJob): void;
  /** An earlier launch completed this job (resume): keep that record, do not run it. */
  keep(job: PlannedJob, recorded: RecordedJob): void;
  /** A job that cannot be run as given (a bad spec, a shared folder, refused by the backend): record it failed. */
  refuse(job: PlannedJob, error: unknown): void;
  /** The backend's own check of one job (`checkJobs([spec])`). */
  check(spec: JobSpec): void;
  /** Stop reading: the launch was cancelled, failed, or fail-fast stopped it. */
  shouldStop(): boolean;
}

/** Reads a launch's jobs one at a time, in order, planning each when it is reached. */
export interface JobFeed {
  /** The next job to run, planned and announced; null once the source is done or the launch stops. */
  next(): Promise<PlannedJob | null>;
  /**
   * Reads (plans and announces) up to `count` jobs past those handed out, so they can be prepared
   * before they are needed, and returns them; `next()` hands them out first. A bounded look-ahead:
   * memory stays O(running + count).
   */
  readAhead(count: number): Promise<readonly PlannedJob[]>;
  /** How many jobs were read so far (the next job's number). */
  readonly reached: number;
  /** True once the source has no more jobs. */
  readonly exhausted: boolean;
}

/**
 * The job reader of one launch. An array was planned (and its jobs announced) before the launch
 * started, so the feed walks it; a lazy source is read, planned, checked and announced one job at
 * a time, so memory holds the jobs in flight, not the sweep. A job whose folder would repeat an
 * earlier job's (a `hydra.sweep.subdir` that does not name `${hydra.job.num}`) is refused then;
 * a resumed job is compared with the earlier launch's record when it is reached.
 */
export function createJobFeed(jobs: LaunchJobs, dir: string, completedEarlier: ReadonlyMap<number, RecordedJob>, hooks: JobFeedHooks): JobFeed {
  let reached = 0;
  let exhausted = false;
  let pending: JobSpec | undefined = jobs.kind === 'lazy' ? jobs.first : undefined;
  let chain: Promise<unknown> = Promise.resolve();
  // Folders are told apart by number unless the subdir template leaves it out: only then are they kept.
  const seen = jobs.kind === 'lazy' && !/\$\{hydra\.job\.(num|id)\}/.test(jobs.planBase.hydra.sweep.subdir) ? new Map<string, number>() : null;

  // The first job was read to plan the launch folder: it comes first, then the rest of the source.
  const readSpec = async (): Promise<JobSpec | undefined> => {
    if (jobs.kind !== 'lazy') return undefined;
    if (reached > 0) return jobs.stream.next();
    const first = pending;
    pending = undefined;
    return first;
  };

  const nextLazy = async (): Promise<PlannedJob | null> => {
    if (jobs.kind !== 'lazy') return null;
    for (;;) {
      if (exhausted || hooks.shouldStop()) return null;
      const spec = await readSpec();
      if (spec === undefined) {
        exhausted = true;
        return null;
      }
      const num = reached;
      reached += 1;
      let job: PlannedJob;
      try {
        job = planJob(jobs.planBase, dir, checkSpec(spec, num), num);
      } catch (error) {
        hooks.refuse(unplannedJob(jobs.planBase, dir, spec, num), error);
        continue;
      }
      const earlier = completedEarlier.get(num);
      if (earlier !== undefined) {
        checkSameJob(dir, job, earlier);
        hooks.keep(job, earlier);
        continue;
      }
      try {
        hooks.check(job.spec);
        if (seen !== null) checkOwnFolder(seen, job);
      } catch (error) {
        hooks.refuse(job, error);
        continue;
      }
      hooks.queued(job);
      return job;
    }
  };

  let index = 0;
  const planned = jobs.kind === 'planned' ? jobs.jobs.filter((job) => !completedEarlier.has(job.num)) : [];
  // Jobs read ahead of the pool, in order; every read goes through `chain`, so lanes and look-ahead never reorder them.
  const buffered: PlannedJob[] = [];
  let failed: { readonly error: unknown } | null = null;
  const serially = <T>(read: () => Promise<T>): Promise<T> => {
    const result = chain.then(read);
    chain = result.catch(() => undefined);
    return result;
  };
  return {
    next() {
      if (jobs.kind === 'planned') {
        const job = index < planned.length && !hooks.shouldStop() ? (planned[index++] as PlannedJob) : null;
        reached = job === null ? reached : job.num + 1;
        exhausted = index >= planned.length;
        return Promise.resolve(job);
      }
      // One read at a time: parallel lanes of a pool get distinct jobs, in order; jobs read ahead go first.
      const take = (): Promise<PlannedJob | null> => {
        if (hooks.shouldStop()) return Promise.resolve(null);
        if (buffered.length > 0) return Promise.resolve(buffered.shift() as PlannedJob);
        if (failed !== null) return Promise.reject(failed.error);
        return nextLazy();
      };
      return buffered.length > 0 || hooks.shouldStop() ? take() : serially(take);
    },
    readAhead(count) {
      if (jobs.kind === 'planned') return Promise.resolve(planned.slice(index, index + count));
      return serially(async () => {
        try {
          while (failed === null && buffered.length < count) {
            const job = await nextLazy();
            if (job === null) break;
            buffered.push(job);
          }
        } catch (error) {
          // The source failed, or a resumed job differs: the pool hears of it when it reaches that point.
          failed = { error };
        }
        return buffered.slice(0, count);
      });
    },
    get reached() {
      return jobs.kind === 'planned' ? jobs.jobs.length : reached;
    },
    get exhausted() {
      return exhausted;
    },
  };
}

/** A source can yield anything: a non-object is refused with its number before planning reads it. */
function checkSpec(spec: unknown, num: number): JobSpec {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new JobSpecError(`Job ${num} of the source is ${spec === null ? 'null' : Array.isArray(spec) ? 'an array' : typeof spec}, not a job object such as { command: [...], overrides: [...] }`, { job: num });
  }
  return spec as JobSpec;
}

/** Just enough of a job that could not be planned to record it: its folder is the launch folder, where nothing of it was written. */
function unplannedJob(base: PlanBase, dir: string, spec: unknown, num: number): PlannedJob {
  const given = (typeof spec === 'object' && spec !== null ? spec : {}) as Partial<JobSpec>;
  const overrides = Array.isArray(given.overrides) ? given.overrides.filter((o): o is string => typeof o === 'string') : [];
  const name = typeof given.name === 'string' ? given.name : base.hydra.job.name;
  return {
    num,
    id: `${base.launchId}_${num}`,
    name,
    overrides,
    overrideDirname: '',
    config: {},
    outputDir: dir,
    stateDir: null,
    cwd: base.cwd,
    env: {},
    timeoutMs: null,
    expectedDurationMs: null,
    payload: { kind: 'command', argv: [] },
    spec: { command: [], overrides },
  };
}

function checkOwnFolder(seen: Map<string, number>, job: PlannedJob): void {
  const first = seen.get(job.outputDir);
  if (first === undefined) {
    seen.set(job.outputDir, job.num);
    return;
  }
  throw new JobSpecError(
    `Job ${job.num} would write to ${JSON.stringify(job.outputDir)}, the folder of job ${first}. ` +
      'Make hydra.sweep.subdir differ per job, e.g. ${hydra.job.num} (the default) or ${hydra.job.override_dirname}.',
    { job: job.num, field: 'hydra.sweep.subdir' },
  );
}

/** A resumed job must be the one the earlier launch ran (events.jsonl holds its overrides redacted; older launches: as typed). */
export function checkSameJob(dir: string, job: PlannedJob | undefined, recorded: RecordedJob): void {
  const recordedAs = JSON.stringify(recorded.overrides);
  if (job !== undefined && (JSON.stringify(redactOverrides(job.overrides)) === recordedAs || JSON.stringify(job.overrides) === recordedAs)) return;
  throw new JobSpecError(
    `Cannot resume ${JSON.stringify(dir)}: its job ${recorded.num} ran with ${JSON.stringify(recorded.overrides)}, ` +
      `but job ${recorded.num} is now ${job === undefined ? 'missing' : JSON.stringify(redactOverrides(job.overrides))}. Pass the same jobs in the same order.`,
    { job: recorded.num, field: 'overrides' },
  );
}

/** The feed as the async iterable `context.jobs()` returns. */
export function feedJobs(feed: JobFeed): AsyncIterable<PlannedJob> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: async (): Promise<IteratorResult<PlannedJob>> => {
        const job = await feed.next();
        return job === null ? { done: true, value: undefined } : { done: false, value: job };
      },
    }),
  };
}

/** Jobs already read whole, as `context.jobs()` returns them: the launch's stop ends the walk. */
export function arrayJobsOf(jobs: readonly PlannedJob[], shouldStop: () => boolean): AsyncIterable<PlannedJob> {
  return {
    async *[Symbol.asyncIterator]() {
      for (const job of jobs) {
        if (shouldStop()) return;
        yield job;
      }
    },
  };
}

/** Reads a lazy source whole for a backend that reads `plan.jobs`; the backend's check then sees every job, as with an array. */
export async function drainFeed(feed: JobFeed, check: (specs: readonly JobSpec[]) => void): Promise<readonly PlannedJob[]> {
  const jobs: PlannedJob[] = [];
  for (let job = await feed.next(); job !== null; job = await feed.next()) jobs.push(job);
  check(jobs.map((job) => job.spec));
  return jobs;
}

/**
 * `context.plan` of a lazy launch: every field but `jobs`, which is the source read whole when a
 * backend that reads `plan.jobs` got it that way, and otherwise throws (not enumerable, so a spread is safe).
 */
export function lazyPlanView(plan: LaunchPlanBase, drained: () => readonly PlannedJob[] | null): LaunchPlan {
  return Object.defineProperty({ ...plan }, 'jobs', {
    enumerable: false,
    get() {
      const jobs = drained();
      if (jobs !== null) return jobs;
      throw new LaunchError('ERR_LAZY_PLAN_JOBS', 'This launch reads its jobs lazily (the backend sets `lazy: true`): plan.jobs does not exist; read them with `for await (const job of context.jobs())`.');
    },
  }) as LaunchPlan;
}

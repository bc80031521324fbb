import type { JobOutcome, StatusCounts } from '../job/job-outcome.js';
import type { RunMode } from './hydra-settings.js';

/** The few facts about a job that every event repeats (small and serialisable). */
export interface JobRef {
  readonly num: number;
  readonly id: string;
  readonly name: string;
  readonly overrides: readonly string[];
  readonly outputDir: string;
}

interface EventBase {
  /** ISO 8601 time the event happened. */
  readonly time: string;
  readonly launchId: string;
}

export interface LaunchStarted extends EventBase {
  readonly type: 'launch:start';
  readonly launcher: string;
  readonly mode: RunMode;
  readonly dir: string;
  /** Jobs in the launch; null for a lazy source that does not know its size. */
  readonly jobCount: number | null;
}

export interface JobQueued extends EventBase {
  readonly type: 'job:queued';
  readonly job: JobRef;
}

/** A job's process group as a resume needs it: the pid names it, the start time rules out a reused pid. */
export interface ProcessGroupRecord {
  /** The group id (the job's pid: jobs are group leaders). */
  readonly pgid: number;
  /** The leader's start time in clock ticks since boot (`/proc/<pid>/stat`); null without /proc. */
  readonly startTicks: number | null;
  /** The machine it runs on (`os.hostname()`). */
  readonly host: string;
}

export interface JobStarted extends EventBase {
  readonly type: 'job:start';
  readonly job: JobRef;
  /** Process id of the job (null for in-process and remote jobs). */
  readonly pid: number | null;
  /** 1 for the first run; higher after a requeue. */
  readonly attempt: number;
  /** The device this job was given (`CUDA_VISIBLE_DEVICES`), if any. */
  readonly device: string | null;
  /** For a child process of this machine: its process group, so a resume can tell whether it still runs. */
  readonly group?: ProcessGroupRecord;
}

/** How much of one job's output goes into `job:output` events (and `events.jsonl`), on every launcher; the logs keep it all. */
export const OUTPUT_EVENT_CAP_BYTES = 1024 * 1024;

/** One line of a job's output; emitted only when the launch asks for `streamOutput`. */
export interface JobOutputLine extends EventBase {
  readonly type: 'job:output';
  readonly job: JobRef;
  readonly stream: 'stdout' | 'stderr';
  readonly line: string;
}

/**
 * Where a job is between `job:queued` and `job:end`, in our words (every launcher and scheduler
 * maps onto these; the scheduler's own word travels in `native`).
 */
export type InFlightState =
  /** Handed to a scheduler (`detail` holds its id). */
  | 'submitted'
  /** Waiting in the scheduler's queue. */
  | 'pending'
  | 'running'
  /** Put back in the queue by the scheduler (preemption, node failure) or by us (a time limit with requeues left). */
  | 'requeued'
  /** A cancel was sent; `job:end` follows. */
  | 'cancelling'
  /** The scheduler reports this attempt over; `job:end` or a requeue follows. */
  | 'attempt-ended'
  /** A time budget decided the job cannot finish in time; it is not started. */
  | 'skipped-by-budget'
  /** A time budget's deadline stopped the job (SIGTERM, then SIGKILL). */
  | 'stopped-by-guardrail'
  /** Resume kept the record an earlier launch wrote; the job does not run again. */
  | 'completed-earlier'
  /** A scheduler state with no mapping (see `native`); the job is still followed. */
  | 'unknown';

export const IN_FLIGHT_STATES: readonly InFlightState[] = [
  'submitted',
  'pending',
  'running',
  'requeued',
  'cancelling',
  'attempt-ended',
  'skipped-by-budget',
  'stopped-by-guardrail',
  'completed-earlier',
  'unknown',
];

/** A state change between start and end (a scheduler's PENDING -> RUNNING, a requeue, a guardrail). */
export interface JobStateChanged extends EventBase {
  readonly type: 'job:state';
  readonly job: JobRef;
  readonly state: InFlightState;
  /** The scheduler's own state name (`PENDING`, `NODE_FAIL` ...); null when the state is ours alone. */
  readonly native: string | null;
  readonly attempt: number;
  readonly detail: string | null;
}

/** Where a batch scheduler ran a job: its id there and its log files (a per-job handle's facts). */
export interface SchedulerJobRef {
  /** `<array>_<task>` (SLURM), `<job>.<task>` (SGE). */
  readonly id: string;
  readonly stdout: string;
  readonly stderr: string;
}

export type JobEnded = EventBase & {
  readonly type: 'job:end';
  readonly job: JobRef;
  readonly durationMs: number;
  readonly attempts: number;
  /** Set by batch launchers: the job's scheduler id and log files. */
  readonly scheduler?: SchedulerJobRef;
} & JobOutcome;

/**
 * The jobs of a lazy source a launch never reached (it was cancelled, fail-fast stopped it, or it
 * failed): counted under one outcome instead of listed, so stopping a 10^6-job sweep early costs
 * no memory per job. `events.jsonl` has them in `launch:end` (no `job:*` line each).
 */
export interface UnreachedJobs {
  /** The first job number the launch did not reach; no job from here on has a record of this launch. */
  readonly fromNum: number;
  /** How many jobs that is; null when the source's size is unknown (it was not read further). */
  readonly count: number | null;
  /** What they count as: cancelled (the launch was), skipped (fail-fast), or failed (the launch failed). */
  readonly outcome: Extract<JobOutcome, { status: 'cancelled' | 'skipped' | 'failed' }>;
}

export interface LaunchEnded extends EventBase {
  readonly type: 'launch:end';
  readonly dir: string;
  readonly durationMs: number;
  readonly counts: StatusCounts;
  /** True when the launch was cancelled (cancel(), AbortSignal, SIGINT). */
  readonly cancelled: boolean;
  /** Jobs of a lazy source the launch never reached: counted in `counts`, with no `job:*` line of their own. */
  readonly unreached?: UnreachedJobs;
}

export type LaunchEvent = LaunchStarted | JobQueued | JobStarted | JobOutputLine | JobStateChanged | JobEnded | LaunchEnded;

/** The eventemitter3 event map: the same payload objects go to listeners and to `events.jsonl`. */
export interface LaunchEventMap {
  'launch:start': [LaunchStarted];
  'job:queued': [JobQueued];
  'job:start': [JobStarted];
  'job:output': [JobOutputLine];
  'job:state': [JobStateChanged];
  'job:end': [JobEnded];
  'launch:end': [LaunchEnded];
}

/** `Omit` that keeps a union a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

import type { JobStatus } from '../job/job-outcome.js';
import type { RunMode } from '../run/hydra-settings.js';
import type { UnreachedJobs } from '../run/launch-events.js';

/** Where a job stands in the report: its final status, or what it was doing when the log was read. */
export type ReportJobStatus = JobStatus | 'running' | 'queued';

/** How one stretch of a job's bar ended. */
export type SegmentEnd =
  | { readonly kind: 'ended'; readonly status: JobStatus }
  /** A wait that ended because the job started. */
  | { readonly kind: 'started' }
  /** The scheduler put the job back in the queue (timeout or preemption with requeue). */
  | { readonly kind: 'requeued' }
  /** A later launch of the same folder (resume) ran the job again. */
  | { readonly kind: 'superseded' }
  /** Still going when the log was read. */
  | { readonly kind: 'open' };

/** One stretch of a job's bar: waiting (queued, pending) or running one attempt. */
export interface TimelineSegment {
  readonly phase: 'wait' | 'run';
  /** Milliseconds since the epoch. */
  readonly start: number;
  readonly end: number;
  readonly attempt: number;
  readonly launchId: string;
  readonly ended: SegmentEnd;
}

/** One launch recorded in the folder's log (a resumed sweep has several). */
export interface ReportLaunch {
  readonly launchId: string;
  readonly launcher: string;
  readonly mode: RunMode;
  /** Null for a lazy source that did not know its size. */
  readonly jobCount: number | null;
  /** Jobs of a lazy source this launch never reached (counted, not listed); null when none. */
  readonly unreached: UnreachedJobs | null;
  readonly startedAt: number;
  /** Null while the launch is running (no `launch:end` yet). */
  readonly endedAt: number | null;
  readonly cancelled: boolean;
}

/** A scalar a job reported (its module return value, or its `metrics.json`). */
export type ResultValue = number | string | boolean;

/** Everything the report shows about one job. */
export interface ReportJob {
  readonly num: number;
  readonly id: string;
  readonly name: string;
  readonly overrides: readonly string[];
  readonly outputDir: string;
  readonly status: ReportJobStatus;
  readonly exitCode: number | null;
  /** Wall time of the recorded end (null while unfinished). */
  readonly durationMs: number | null;
  readonly attempts: number;
  /** The end's error or reason, one line. */
  readonly message: string | null;
  readonly segments: readonly TimelineSegment[];
  /** A lane the launcher named: a device, or a scheduler node; null: packed into slots. */
  readonly place: string | null;
  /** The scheduler's id for the job (e.g. SLURM's `123_4`), when recorded. */
  readonly schedulerId: string | null;
  /** Result fields, flattened (`metrics.loss`), from the job's return value and its `metrics.json`. */
  readonly results: Readonly<Record<string, ResultValue>>;
  /** The file the job's output went to (shown in the bar's title). */
  readonly logPath: string | null;
  /** The last lines of the job's stderr, for failed jobs. */
  readonly stderrTail: string | null;
}

/** What a report is built from: the folder's launches and jobs, as far as they are known. */
export interface ReportModel {
  readonly dir: string;
  readonly launches: readonly ReportLaunch[];
  readonly jobs: readonly ReportJob[];
  /** True when the last launch has not ended: the report shows what is known so far. */
  readonly live: boolean;
  /** When the folder was read (ms since the epoch); open bars end here. */
  readonly readAt: number;
  /** Lines of `events.jsonl` that were torn or not events. */
  readonly skippedLines: number;
}

import { JOB_STATUSES, type JobOutcome, type JobStatus } from '../../job/job-outcome.js';
import { refOf } from '../../run/job-ref.js';
import type { LaunchPlan, PlannedJob } from '../../run/launch-plan.js';
import type { CollectedArtifacts } from './collect-artifacts.js';
import type { LaunchDeadline } from './compute-launch-deadline.js';
import type { LogCap } from '../../run/cap-log-file.js';

/** One job as the kaggle launcher ended it. */
export interface EndedKaggleJob {
  readonly job: PlannedJob;
  readonly outcome: JobOutcome;
  readonly durationMs: number;
  /** False for jobs that never started (skipped by the budget, fail-fast or a cancel). */
  readonly ran: boolean;
  /** True when the deadline guard stopped it. */
  readonly stoppedByGuardrail: boolean;
  readonly logs: Readonly<Record<string, LogCap>>;
}

/** `summary.json`: what a person (or the next notebook cell) reads after the session. */
export interface KaggleSummary {
  readonly launchId: string;
  readonly launcher: string;
  /** False while the launch still runs (the summary is rewritten after every job), true once it ended. */
  readonly final: boolean;
  readonly dir: string;
  readonly outputRoot: string;
  readonly startedAt: string;
  readonly deadline: string;
  readonly wall: string;
  readonly deadlineSetBy: LaunchDeadline['limitedBy'];
  readonly endedAt: string;
  /** Milliseconds from the summary's writing to the deadline (negative: past it). */
  readonly timeLeftMs: number;
  readonly wallLeftMs: number;
  readonly counts: Readonly<Record<JobStatus, number>>;
  readonly stoppedByGuardrail: number;
  readonly jobs: readonly Record<string, unknown>[];
  readonly artifacts: CollectedArtifacts;
}

/** Builds the launch summary from what the backend recorded. Pure. */
export function buildKaggleSummary(
  plan: LaunchPlan,
  ended: readonly EndedKaggleJob[],
  facts: { readonly deadline: LaunchDeadline; readonly nowMs: number; readonly outputRoot: string; readonly artifacts: CollectedArtifacts; readonly final: boolean },
): KaggleSummary {
  const counts = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<JobStatus, number>;
  for (const entry of ended) counts[entry.outcome.status] += 1;
  const { deadline } = facts;
  return {
    launchId: plan.launchId,
    launcher: plan.launcher,
    final: facts.final,
    dir: plan.dir,
    outputRoot: facts.outputRoot,
    startedAt: iso(deadline.startedAtMs),
    deadline: iso(deadline.deadlineMs),
    wall: iso(deadline.wallMs),
    deadlineSetBy: deadline.limitedBy,
    endedAt: iso(facts.nowMs),
    timeLeftMs: deadline.deadlineMs - facts.nowMs,
    wallLeftMs: deadline.wallMs - facts.nowMs,
    counts,
    stoppedByGuardrail: ended.filter((e) => e.stoppedByGuardrail).length,
    jobs: [...ended].sort((a, b) => a.job.num - b.job.num).map(jobEntry),
    artifacts: facts.artifacts,
  };
}

function jobEntry(entry: EndedKaggleJob): Record<string, unknown> {
  const { job, outcome } = entry;
  const truncated = Object.entries(entry.logs).filter(([, cap]) => cap.truncated).map(([name]) => name);
  const logErrors = Object.entries(entry.logs).flatMap(([name, cap]) => (!cap.truncated && cap.error !== undefined ? [`${name}: ${cap.error}`] : []));
  return {
    ...refOf(job),
    ...outcome,
    durationMs: entry.durationMs,
    ran: entry.ran,
    stoppedByGuardrail: entry.stoppedByGuardrail,
    truncatedLogs: truncated,
    ...(logErrors.length > 0 ? { logCapErrors: logErrors } : {}),
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

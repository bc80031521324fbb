import type { JobOutcome } from '../job/job-outcome.js';
import type { JobRef, UnreachedJobs } from '../run/launch-events.js';
import type { RecordedJob } from '../run/read-finished-jobs.js';

/**
 * What a lazy launch that stopped before reading its whole source records for the rest: one
 * count under one outcome, from the first job it did not read. Jobs among them an earlier launch
 * completed (resume) keep their records (`keep`) and are left out of the count. Null when none
 * are left (the source's known size was read).
 */
export function countUnreached(
  fromNum: number,
  jobCount: number | null,
  completedEarlier: ReadonlyMap<number, RecordedJob>,
  outcome: JobOutcome,
  keep: (ref: JobRef, earlier: RecordedJob) => void,
): UnreachedJobs | null {
  const later = [...completedEarlier.values()].filter((earlier) => earlier.num >= fromNum).sort((a, b) => a.num - b.num);
  for (const earlier of later) keep(earlier.event.job, earlier);
  const count = jobCount === null ? null : Math.max(0, jobCount - fromNum - later.length);
  if (count === 0) return null;
  if (outcome.status !== 'cancelled' && outcome.status !== 'skipped' && outcome.status !== 'failed') {
    throw new TypeError(`unreached jobs are cancelled, skipped or failed, not ${outcome.status}`);
  }
  return { fromNum, count, outcome };
}

import type { JobStatus } from '../job/job-outcome.js';
import type { JobEnded } from './launch-events.js';
import { readEventLogSync } from './read-event-log.js';

/** What an earlier launch recorded about one job in its `events.jsonl`. */
export interface RecordedJob {
  readonly num: number;
  readonly overrides: readonly string[];
  readonly status: JobStatus;
  /** The `job:end` event as it was written. */
  readonly event: JobEnded;
}

/**
 * Reads a launch folder's `events.jsonl` and returns the last recorded end of every job, by
 * job number. A torn last line (a launch killed mid-write) is ignored; a missing file gives an
 * empty map.
 */
export function readFinishedJobs(eventsFile: string): Map<number, RecordedJob> {
  const finished = new Map<number, RecordedJob>();
  for (const event of readEventLogSync(eventsFile).events) {
    if (event.type !== 'job:end') continue;
    finished.set(event.job.num, { num: event.job.num, overrides: event.job.overrides, status: event.status, event });
  }
  return finished;
}

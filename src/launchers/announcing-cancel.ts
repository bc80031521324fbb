import type { JobRef, JobStateChanged } from '../run/launch-events.js';
import type { JobAccess, JobState } from './job-table.js';

/**
 * A job's access whose cancel says so first: a job cancelled alone through its handle gets the
 * `job:state` `cancelling` a launch cancel gives batch jobs, on every launcher (`job:end` follows).
 */
export function announcingCancel(access: JobAccess, announce: (reason: string) => void): JobAccess {
  return {
    ...access,
    cancel: async (reason) => {
      announce(reason);
      await access.cancel(reason);
    },
  };
}

/** The `cancelling` note of a job cancelled alone, from where its handle says it is. Pure. */
export function cancellingState(job: JobRef, current: JobState, reason: string): Omit<JobStateChanged, 'time' | 'launchId'> {
  const attempt = current.phase === 'pending' || current.phase === 'running' ? current.attempt : 1;
  return { type: 'job:state', job, state: 'cancelling', native: null, attempt, detail: `cancelled alone: ${reason}` };
}

import type { JobRef } from './launch-events.js';
import type { PlannedJob } from './launch-plan.js';

/** The small, serialisable view of a job that every event (and every summary) carries. */
export function refOf(job: PlannedJob): JobRef {
  return { num: job.num, id: job.id, name: job.name, overrides: job.overrides, outputDir: job.outputDir };
}

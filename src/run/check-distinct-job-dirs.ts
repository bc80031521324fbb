import { JobSpecError } from '../errors.js';
import type { PlannedJob } from './launch-plan.js';

/**
 * Refuses a plan in which two jobs would write into the same folder (e.g.
 * `hydra.sweep.subdir=fixed`): their logs and snapshots would overwrite each other.
 * Checked before anything runs or is written. Pure.
 */
export function checkDistinctJobDirs(jobs: readonly PlannedJob[]): void {
  const owner = new Map<string, PlannedJob>();
  for (const job of jobs) {
    const first = owner.get(job.outputDir);
    if (first === undefined) {
      owner.set(job.outputDir, job);
      continue;
    }
    throw new JobSpecError(
      `Jobs ${first.num} (${describe(first)}) and ${job.num} (${describe(job)}) would both write to ${JSON.stringify(job.outputDir)}. ` +
        'Make hydra.sweep.subdir differ per job, e.g. ${hydra.job.num} (the default) or ${hydra.job.override_dirname}.',
    );
  }
}

function describe(job: PlannedJob): string {
  return job.overrides.length === 0 ? 'no overrides' : job.overrides.join(' ');
}

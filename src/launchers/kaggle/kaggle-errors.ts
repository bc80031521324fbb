import { LaunchError } from '../../errors.js';

/** A launch with more jobs than `max_sweep_jobs`: refused before anything runs or is written. */
export class KaggleSweepTooLargeError extends LaunchError {
  readonly jobCount: number;
  readonly maxSweepJobs: number;
  constructor(jobCount: number, maxSweepJobs: number) {
    super(
      'ERR_KAGGLE_SWEEP_TOO_LARGE',
      `The kaggle launcher takes at most max_sweep_jobs=${maxSweepJobs} jobs per launch, got ${jobCount}. ` +
        'A Kaggle session has one GPU and a 9-hour wall, so large -m sweeps do not fit: narrow the sweep (fewer values per override), ' +
        'raise max_sweep_jobs if the jobs are short, or run the sweep with the local or slurm launcher.',
    );
    this.jobCount = jobCount;
    this.maxSweepJobs = maxSweepJobs;
  }
}

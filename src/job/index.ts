// The job's side of the contract: what a launched process imports (`spectramind-launch/job`).
export { readJobConfig, readJobContext } from './read-job-context.js';
export type { JobContext } from './read-job-context.js';
export { onCheckpoint, slurmAttempt, CHECKPOINT_EXIT_CODE } from '../launchers/slurm/on-checkpoint.js';
export type { CheckpointOptions } from '../launchers/slurm/on-checkpoint.js';

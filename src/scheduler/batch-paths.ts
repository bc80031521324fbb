import { join } from 'node:path';

/** Every file the scheduler core keeps in a launch's scheduler folder, computed in one place. */
export interface BatchPaths {
  readonly folder: string;
  /** The launch descriptor that attach reads. */
  readonly launchFile: string;
  script(arrayIndex: number): string;
  jobDir(num: number): string;
  jobScript(num: number): string;
  jobDescriptor(num: number): string;
  result(num: number): string;
  attempts(num: number): string;
  timeouts(num: number): string;
  /** How the batch script saw the job end (`enoent`, or its exit code). */
  exitStatus(num: number): string;
}

/** Computes the paths of a launch's scheduler folder (the backend names the scripts' suffix: `.sbatch`, `.qsub`) (pure: string joins only). */
export function batchPaths(folder: string, scriptSuffix = '.sh'): BatchPaths {
  const jobDir = (num: number) => join(folder, 'jobs', String(num));
  return {
    folder,
    launchFile: join(folder, 'launch.json'),
    script: (i) => join(folder, `array-${i}${scriptSuffix}`),
    jobDir,
    jobScript: (num) => join(jobDir(num), 'job.sh'),
    jobDescriptor: (num) => join(jobDir(num), 'job.json'),
    result: (num) => join(jobDir(num), 'result.json'),
    attempts: (num) => join(jobDir(num), 'attempts'),
    timeouts: (num) => join(jobDir(num), 'timeouts'),
    exitStatus: (num) => join(jobDir(num), 'exit-status'),
  };
}
